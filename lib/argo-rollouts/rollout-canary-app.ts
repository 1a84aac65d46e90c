import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Check, durationSeconds } from '../core/check';
import { CountOrPercent } from '../core/count-or-percent';
import { propError } from '../core/errors';
import { httpRoute } from '../core/http-route';
import { nginxCanaryAnnotationKeys } from '../core/ingress-nginx';
import { toIntOrString } from '../core/int-or-string';
import { ArgoPlanStep } from '../plan/argo-rollouts-plan-props';
import { argoCanaryPlan } from '../plan/argo-rollouts-plans';
import { RolloutPlan } from '../plan/rollout-plan';
import { RolloutCanaryAnalysisProps } from './analysis-props';
import { canarySteps, checkMetrics, checkSteps, resolveCommon, stepSpec } from './analysis-rules';
import { defineHttpRoute } from './http-route';
import { usesBuiltins } from './analysis-template';
import { RolloutAppBase, RolloutAppCommonProps } from './rollout-app-base';
import { ManualGate, RolloutStep, RolloutStepKind } from './rollout-step';
import { nginxCanaryIngress, POD_QUERIES, ROUTERS } from './router-table';
import { RolloutTrafficRouter, RolloutTrafficRouterType } from './traffic-router';

/**
 * Props of a `RolloutCanaryApp`.
 */
export interface RolloutCanaryAppProps extends RolloutAppCommonProps {
  /**
   * What splits the traffic between the versions.
   *
   * @default RolloutTrafficRouter.replicas() (pod counts approximate the weights)
   */
  readonly trafficRouter?: RolloutTrafficRouter;
  /**
   * The analysis in Flagger's vocabulary: weights (unless `steps` are
   * given), interval, threshold, metrics, pre-rollout checks and gates.
   *
   * @default - only `steps`, without background metrics
   */
  readonly analysis?: RolloutCanaryAnalysisProps;
  /**
   * Explicit Argo Rollouts steps instead of `analysis.stepWeight`/`stepWeights`.
   *
   * @default - the steps of `analysis`
   */
  readonly steps?: RolloutStep[];
  /**
   * The Service of the new version.
   *
   * @default "<name>-canary"
   */
  readonly canaryServiceName?: string;
  /**
   * Scale the stable version down as the new one takes traffic (with a traffic router only).
   *
   * @default false
   */
  readonly dynamicStableScale?: boolean;
  /**
   * Extra pods allowed while pods change (without a traffic router).
   *
   * @default CountOrPercent.percent(25)
   */
  readonly maxSurge?: CountOrPercent;
  /**
   * Pods allowed to be unavailable while pods change (without a traffic router).
   *
   * @default CountOrPercent.percent(25)
   */
  readonly maxUnavailable?: CountOrPercent;
}

/**
 * An app released by Argo Rollouts as a canary: the new version gets a
 * growing share of the traffic (through Gateway API, ingress-nginx, Istio,
 * or by pod count) while its metrics are checked, and is promoted after
 * the last step; a failed analysis aborts and sends the traffic back.
 *
 * Emits the Rollout `<name>` (with the pod template), the Services `<name>`
 * (stable; without a router, both versions) and `<name>-canary`, the
 * Ingress `<name>` (nginx, or without a router when `ingress` is given), the
 * HTTPRoute `<name>` (Gateway API, or without a router when `route` is
 * given), the AnalysisTemplates, ConfigMap, HPA and PDB, and the
 * NetworkPolicy and PodMonitor when asked for.
 */
export class RolloutCanaryApp extends RolloutAppBase {
  /** What Argo Rollouts will do with the next version: steps, timings, gates, metrics and commands. */
  public readonly plan: RolloutPlan;
  /** The traffic router. */
  public readonly trafficRouter: RolloutTrafficRouter;
  /** The Service of the stable version (without a router: of both versions). */
  public readonly service: k8s.KubeService;
  /** The Service of the new version. */
  public readonly canaryService: k8s.KubeService;
  /** The Ingress, when the app has one. */
  public readonly ingress?: k8s.KubeIngress;
  /** The HTTPRoute `<name>`: the one the Gateway API plugin sets the weights of, or (without a router) the one of `route`. */
  public readonly httpRoute?: ApiObject;

  public constructor(scope: Construct, id: string, props: RolloutCanaryAppProps) {
    super(scope, id, props);
    const model = this._model;
    const name = props.name;
    const router = props.trafficRouter ?? RolloutTrafficRouter.replicas();
    const facts = ROUTERS[router.type];
    this.trafficRouter = router;
    this.validateRouting(props, router);
    const analysis = props.analysis ?? {};
    const common = resolveCommon(this, props.analysis, props.steps ? [] : Object.values(ManualGate));
    if (props.steps) {
      const flaggerStyle = (['stepWeight', 'stepWeights', 'maxWeight', 'preRolloutChecks'] as const).filter(k => analysis[k] !== undefined);
      if (flaggerStyle.length) throw propError(this, `analysis.${flaggerStyle[0]}`, analysis[flaggerStyle[0]], 'explicit steps replace the weights and pre-rollout checks of the analysis: express them as RolloutStep.trafficWeight / .pause / .analysis');
    }
    const steps = props.steps ? [...props.steps] : canarySteps(this, analysis, common);
    checkSteps(this, steps, facts.routed, common);
    const background = [...analysis.metrics ?? []];
    checkMetrics(this, 'analysis.metrics', background, common);
    this.validateScaling(props, facts.routed);

    const canaryName = props.canaryServiceName ?? `${name}-canary`;
    this._checkServiceName('canaryServiceName', canaryName, 'the canary Service');
    this.service = model.service('Service', name, model.selectorLabels);
    this.canaryService = model.service('CanaryService', canaryName, model.selectorLabels);
    this._managedServices.push(...(facts.routed ? [name] : []), canaryName);
    this.ingress = props.ingress ? model.ingress('Ingress', name, name) : undefined;
    if (router.type === RolloutTrafficRouterType.GATEWAY_API) {
      this.httpRoute = defineHttpRoute(model, 'HTTPRoute', name, router, name, canaryName);
      this._extraDriftIgnores.push({ kind: 'HTTPRoute', name, paths: ['/spec/rules'] });
    } else if (props.route) {
      this.httpRoute = httpRoute(model, 'HTTPRoute', name, [{ backends: [{ service: name }] }]);
    }

    const canaryIngress = nginxCanaryIngress(name, name);
    const site = (templateName: string, metrics = background, count?: number, failureLimit = common.threshold - 1) =>
      this._analysis(`Analysis-${templateName}`, { name: templateName, metrics, count, failureLimit }, common, facts.queries, canaryName, canaryIngress);
    const backgroundRef = background.length ? site(`${name}-analysis`) : undefined;
    const stepRefs = steps.map((s, i) => (s.kind === RolloutStepKind.ANALYSIS ? site(`${name}-step-${i + 1}`, s.metrics, s.iterations, s.failureLimit) : undefined));
    const routing = { rolloutName: name, namespace: model.effectiveNamespace ?? 'default', router, objectName: name, stableService: name, canaryService: canaryName };
    this._setStrategy({
      canary: {
        stableService: facts.routed ? name : undefined,
        canaryService: canaryName,
        trafficRouting: facts.trafficRouting(routing),
        maxSurge: props.maxSurge ? toIntOrString(props.maxSurge).value : undefined,
        maxUnavailable: props.maxUnavailable ? toIntOrString(props.maxUnavailable).value : undefined,
        dynamicStableScale: props.dynamicStableScale,
        scaleDownDelaySeconds: props.scaleDownDelaySeconds,
        abortScaleDownDelaySeconds: props.abortScaleDownDelaySeconds,
        analysis: backgroundRef,
        steps: steps.map((s, i) => stepSpec(s, stepRefs[i] && { templateName: stepRefs[i]!.templates[0].templateName, args: stepRefs[i]!.args ?? [] })),
      },
    });

    const r = this.replicas;
    this._defineRolloutSupport(router);
    this.plan = RolloutPlan._of(argoCanaryPlan({
      ...this._argoPlanBase(props, common, facts.queries === POD_QUERIES && usesBuiltins([...background, ...steps.flatMap(s => s.metrics ?? [])])),
      intervalSeconds: background.length ? common.intervalSeconds : undefined,
      abortScaleDownDelaySeconds: facts.routed ? props.abortScaleDownDelaySeconds ?? 30 : undefined,
      controllerObjects: facts.runtimeObjects(routing),
      routed: facts.routed,
      router: facts.describe.replace('`<name>`', `\`${name}\``),
      routerNote: facts.note,
      steps: steps.map((s, i) => planStep(s, `${name}-step-${i + 1}`, common.intervalSeconds)),
      maxSurge: (props.maxSurge ?? CountOrPercent.percent(25)).of(r, true),
      maxUnavailable: (props.maxUnavailable ?? CountOrPercent.percent(25)).of(r, false),
      dynamicStableScale: props.dynamicStableScale ?? false,
      backgroundMetrics: background.map(m => this._planMetric(m, common)),
    }));
  }

  private validateRouting(props: RolloutCanaryAppProps, router: RolloutTrafficRouter) {
    const facts = ROUTERS[router.type];
    if (facts.usesIngress && !props.ingress) {
      throw propError(this, 'ingress', props.ingress, 'the nginx router shifts traffic through the app\'s Ingress: set ingress (its backend is the stable Service; Argo Rollouts clones it into "<name>-<name>-canary")');
    }
    if (props.ingress && facts.exposure) throw propError(this, 'ingress', props.ingress.hosts ?? [], `a plain Ingress to the stable Service would bypass the ${router.type} router; ${facts.exposure}`);
    if (props.route && (facts.exposure || facts.usesIngress)) {
      throw propError(this, 'route', props.route.hostnames ?? [], `an HTTPRoute of its own to the stable Service would bypass the ${router.type} router; ${facts.exposure ?? 'expose the app through \'ingress\', which the router clones'}`);
    }
    const canaryKeys = nginxCanaryAnnotationKeys(props.ingress?.annotations);
    if (canaryKeys.length) throw propError(this, 'ingress.annotations', canaryKeys, 'Argo Rollouts sets the canary annotations on the Ingress it clones; on the app\'s Ingress they would turn it into a canary Ingress');
    if (router.type === RolloutTrafficRouterType.GATEWAY_API) {
      if (!router.gatewayRefs?.length) throw propError(this, 'trafficRouter.gatewayRefs', router.gatewayRefs, 'the Gateway API router needs at least one Gateway for the HTTPRoute');
      router.gatewayRefs.forEach((g, i) => {
        Check.dns1123Subdomain(this, `trafficRouter.gatewayRefs[${i}].name`, g.name);
        if (g.namespace !== undefined) Check.dns1123Label(this, `trafficRouter.gatewayRefs[${i}].namespace`, g.namespace);
        if (g.sectionName !== undefined) Check.dns1123Subdomain(this, `trafficRouter.gatewayRefs[${i}].sectionName`, g.sectionName);
      });
      (router.hosts ?? []).forEach((h, i) => Check.host(this, `trafficRouter.hosts[${i}]`, h));
      if (!/^[-\w.]+\/[-\w.]+$/.test(router.pluginName ?? '')) throw propError(this, 'trafficRouter.pluginName', router.pluginName, 'plugin names are "<owner>/<name>", as registered in the argo-rollouts-config ConfigMap');
    }
    if (router.type === RolloutTrafficRouterType.ISTIO) {
      Check.dns1123Subdomain(this, 'trafficRouter.virtualService', router.virtualService!);
      (router.routes ?? []).forEach((r, i) => Check.dns1123Subdomain(this, `trafficRouter.routes[${i}]`, r));
    }
  }

  private validateScaling(props: RolloutCanaryAppProps, routed: boolean) {
    const routingOnly = ([['scaleDownDelaySeconds', props.scaleDownDelaySeconds], ['abortScaleDownDelaySeconds', props.abortScaleDownDelaySeconds], ['dynamicStableScale', props.dynamicStableScale || undefined]] as const)
      .find(([, v]) => v !== undefined);
    if (!routed && routingOnly) throw propError(this, routingOnly[0], routingOnly[1], 'applies with a traffic router only: without one the canary rolls like a Deployment (Argo Rollouts refuses scaleDownDelaySeconds and dynamicStableScale there)');
    if (props.dynamicStableScale && props.scaleDownDelaySeconds !== undefined) {
      throw propError(this, 'scaleDownDelaySeconds', props.scaleDownDelaySeconds, 'cannot be combined with dynamicStableScale (the stable pods already scale down with the weight)');
    }
    for (const key of ['maxSurge', 'maxUnavailable'] as const) {
      const v = props[key];
      if (v) Check.int(this, key, v.value, 0, v.isPercent ? 100 : Number.MAX_SAFE_INTEGER);
    }
    if (props.maxSurge?.isZero && props.maxUnavailable?.isZero) throw propError(this, 'maxSurge', 0, 'maxSurge and maxUnavailable cannot both be 0: no pod could ever be replaced');
  }
}

/** A step as the plan reads it. */
function planStep(s: RolloutStep, templateName: string, intervalSeconds: number): ArgoPlanStep {
  return {
    kind: s.kind,
    weight: s.weight,
    pauseSeconds: s.kind === RolloutStepKind.PAUSE && s.duration !== undefined ? durationSeconds(s.duration) : undefined,
    iterations: s.iterations,
    intervalSeconds: s.metrics?.[0]?.interval ? durationSeconds(s.metrics[0].interval) : intervalSeconds,
    metricNames: s.metrics?.map(m => m.name),
    templateName: s.kind === RolloutStepKind.ANALYSIS ? templateName : undefined,
    canaryReplicas: s.canaryReplicas,
    canaryScalePercent: s.canaryScalePercent,
  };
}
