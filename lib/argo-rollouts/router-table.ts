/**
 * What Argo Rollouts does with each traffic router, one row per router: the
 * Rollout's `trafficRouting`, where the builtin metrics come from, what the
 * app must (not) expose and what the controller creates or changes at
 * runtime. Internal: not exported from the package.
 */
import { PlanRuntimeObject } from '../plan/plan-parts';
import { RolloutTrafficRouter, RolloutTrafficRouterType } from './traffic-router';

/** The argument that carries the new version's pod-template hash into a query. */
export const CANARY_HASH_ARG = 'canary-hash';
/** The argument that carries the stable version's pod-template hash into a query. */
export const STABLE_HASH_ARG = 'stable-hash';

/** What the queries of the builtin metrics need. */
export interface MetricContext {
  readonly namespace: string;
  /** The Service of the new version. */
  readonly canaryService: string;
  /** The canary Ingress Argo Rollouts creates (nginx). */
  readonly canaryIngress: string;
  /** The query window (the metric interval). */
  readonly window: string;
}

/** What the Rollout's trafficRouting and the plan need. */
export interface RoutingContext {
  readonly rolloutName: string;
  readonly namespace: string;
  readonly router: RolloutTrafficRouter;
  /** The app's Ingress (nginx) and HTTPRoute (Gateway API): both `<name>`. */
  readonly objectName: string;
  readonly stableService: string;
  readonly canaryService: string;
}

/** The builtin metrics' queries: success rate in percent, P99 duration in milliseconds. */
export interface BuiltinQueries {
  successRate(ctx: MetricContext): string;
  duration(ctx: MetricContext): string;
}

/** What Argo Rollouts does with one router. */
interface RouterFacts {
  /** Whether it sets exact weights (`trafficRouting`); otherwise pod counts approximate them. */
  readonly routed: boolean;
  /** Whether it can send requests to an experiment's pods (Argo Rollouts: ALB, SMI and Istio). */
  readonly experimentWeights: boolean;
  /** Whether it shifts traffic through the app's Ingress (`ingress` props required). */
  readonly usesIngress: boolean;
  /** Why a plain Ingress to the stable Service would bypass it, for routers with routing of their own. */
  readonly exposure?: string;
  /** Where the builtin metrics come from. */
  readonly queries: BuiltinQueries;
  /** In words, for the plan. */
  readonly describe: string;
  /** What it needs in the cluster, for the plan. */
  readonly note?: string;
  /** The Rollout's `spec.strategy.canary.trafficRouting`. */
  trafficRouting(ctx: RoutingContext): Record<string, unknown> | undefined;
  /** What the controller creates or changes for it at runtime. */
  runtimeObjects(ctx: RoutingContext): PlanRuntimeObject[];
}

const rate = (metric: string, labels: string, window: string) => `sum(rate(${metric}{${labels}}[${window}]))`;
const p99 = (metric: string, labels: string, window: string) => `histogram_quantile(0.99, sum by (le) (rate(${metric}{${labels}}[${window}])))`;

/**
 * The app's own metrics, per pod-template hash: a histogram
 * `http_request_duration_seconds` with a `status` label, scraped with the pod
 * label `rollouts-pod-template-hash` kept (a PodMonitor's `podTargetLabels`).
 */
export const POD_QUERIES: BuiltinQueries = {
  successRate: c => {
    const pods = `namespace="${c.namespace}",rollouts_pod_template_hash="{{args.${CANARY_HASH_ARG}}}"`;
    return `100 * ${rate('http_request_duration_seconds_count', `${pods},status!~"5.."`, c.window)} / ${rate('http_request_duration_seconds_count', pods, c.window)}`;
  },
  duration: c => `1000 * ${p99('http_request_duration_seconds_bucket', `namespace="${c.namespace}",rollouts_pod_template_hash="{{args.${CANARY_HASH_ARG}}}"`, c.window)}`,
};

/** ingress-nginx's metrics of the canary Ingress, which carries exactly the new version's share. */
const NGINX_QUERIES: BuiltinQueries = {
  successRate: c => {
    const ingress = `namespace="${c.namespace}",ingress="${c.canaryIngress}"`;
    return `100 * ${rate('nginx_ingress_controller_requests', `${ingress},status!~"5.*"`, c.window)} / ${rate('nginx_ingress_controller_requests', ingress, c.window)}`;
  },
  duration: c => `1000 * ${p99('nginx_ingress_controller_request_duration_seconds_bucket', `namespace="${c.namespace}",ingress="${c.canaryIngress}"`, c.window)}`,
};

/** Istio's metrics of the canary Service, as its pods' sidecars report them. */
const ISTIO_QUERIES: BuiltinQueries = {
  successRate: c => {
    const svc = `reporter="destination",destination_service_namespace="${c.namespace}",destination_service_name="${c.canaryService}"`;
    return `100 * ${rate('istio_requests_total', `${svc},response_code!~"5.*"`, c.window)} / ${rate('istio_requests_total', svc, c.window)}`;
  },
  duration: c => p99('istio_request_duration_milliseconds_bucket', `reporter="destination",destination_service_namespace="${c.namespace}",destination_service_name="${c.canaryService}"`, c.window),
};

const selectors = (c: RoutingContext): PlanRuntimeObject[] => [
  { kind: 'Service', name: c.stableService, purpose: 'in Git; the controller adds `rollouts-pod-template-hash` of the stable version to its selector' },
  { kind: 'Service', name: c.canaryService, purpose: 'in Git; the controller adds `rollouts-pod-template-hash` of the new version to its selector' },
];

/** The nginx canary Ingress name: `<rollout>-<ingress>-canary`. */
export function nginxCanaryIngress(rollout: string, ingress: string): string {
  return `${rollout}-${ingress}-canary`;
}

/** One row per router. */
export const ROUTERS: Record<RolloutTrafficRouterType, RouterFacts> = {
  [RolloutTrafficRouterType.GATEWAY_API]: {
    routed: true,
    experimentWeights: false,
    usesIngress: false,
    exposure: 'requests must reach it through the Gateways of RolloutTrafficRouter.gatewayApi({ gatewayRefs, hosts })',
    queries: POD_QUERIES,
    describe: 'the Gateway API plugin sets the weights of the HTTPRoute',
    note: 'The Gateway API plugin must be registered in the controller\'s `argo-rollouts-config` ConfigMap (`trafficRouterPlugins`) under the name the Rollout uses, with RBAC to update HTTPRoutes.',
    trafficRouting: c => ({
      plugins: { [c.router.pluginName!]: { httpRoute: c.objectName, namespace: c.namespace } },
    }),
    runtimeObjects: c => [
      ...selectors(c),
      { kind: 'HTTPRoute', name: c.objectName, purpose: 'in Git; the plugin sets the weights of its stable and canary backendRefs and labels it while a release runs' },
    ],
  },
  [RolloutTrafficRouterType.NGINX]: {
    routed: true,
    experimentWeights: false,
    usesIngress: true,
    queries: NGINX_QUERIES,
    describe: 'ingress-nginx splits the requests by the canary Ingress\'s weight',
    trafficRouting: c => ({ nginx: { stableIngress: c.objectName } }),
    runtimeObjects: c => [
      ...selectors(c),
      { kind: 'Ingress', name: nginxCanaryIngress(c.rolloutName, c.objectName), purpose: `created and owned by the Rollout: a copy of \`${c.objectName}\` to \`${c.canaryService}\` whose canary-weight the controller sets` },
    ],
  },
  [RolloutTrafficRouterType.ISTIO]: {
    routed: true,
    experimentWeights: true,
    usesIngress: false,
    exposure: 'requests must reach it through the Istio VirtualService of RolloutTrafficRouter.istio({ virtualService })',
    queries: ISTIO_QUERIES,
    describe: 'Istio splits the requests by the VirtualService\'s weights',
    note: 'The VirtualService is yours: its route must have two destinations, the stable and the canary Service (weights 100 and 0).',
    trafficRouting: c => ({ istio: { virtualService: { name: c.router.virtualService, routes: c.router.routes } } }),
    runtimeObjects: c => [
      ...selectors(c),
      { kind: 'VirtualService', name: c.router.virtualService!, purpose: 'yours (not emitted); the controller sets the weights of its stable and canary destinations: whoever applies it must leave `/spec/http` alone' },
    ],
  },
  [RolloutTrafficRouterType.REPLICAS]: {
    routed: false,
    experimentWeights: false,
    usesIngress: false,
    queries: POD_QUERIES,
    describe: 'no router: the Service `<name>` selects both versions, so pod counts approximate each weight',
    trafficRouting: () => undefined,
    runtimeObjects: c => [
      { kind: 'Service', name: c.canaryService, purpose: 'in Git; the controller adds `rollouts-pod-template-hash` of the new version to its selector' },
    ],
  },
};
