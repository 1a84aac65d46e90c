import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AppBase } from '../base/app-base';
import { AppCommonProps, AppVersionProps } from '../core/app-props';
import { Check } from '../core/check';
import { propError } from '../core/errors';
import { httpRoute, RouteRule, routePaths } from '../core/http-route';
import { checkRouteMatch, MAX_MATCHES_PER_ROUTE, MAX_MATCHES_PER_RULE } from '../core/route-checks';
import { TrafficMatch } from '../core/traffic-match';
import { checkStepWeights } from '../core/weights';
import { trackWorkload } from '../core/workload';
import { RolloutPlan } from '../plan/rollout-plan';

/**
 * Props of a `RouteCanaryApp`. `route` is required: the Gateways, hostnames
 * and paths of the HTTPRoute that splits the traffic.
 */
export interface RouteCanaryAppProps extends AppCommonProps {
  /** The version the stable Deployment `<name>` runs (pod label `track: stable`). */
  readonly stable: AppVersionProps;
  /**
   * The version under test: the Deployment and Service `<name>-canary` (pod
   * label `track: canary`).
   *
   * @default - no canary
   */
  readonly canary?: AppVersionProps;
  /**
   * The canary's share of the requests on the route, in percent: 0, or one of
   * `weightSteps`. Moving it to the next step is one commit. Without `canary`
   * it is not applied (every request goes to the stable Service), so that
   * aborting is removing `canary` alone; the rollout plan then says so.
   *
   * @default 0 (the canary gets the A/B matches only)
   */
  readonly canaryWeight?: number;
  /**
   * The weights the release goes through, one commit each, for the rollout
   * plan: 1 to 100, strictly increasing.
   *
   * @default - one step at `canaryWeight`
   */
  readonly weightSteps?: number[];
  /**
   * Requests the canary gets whatever the weight (A/B testing): any one of
   * these header, cookie or query parameter matches (exact or regex; regular
   * expressions, and the cookie match, which is a regular expression over the
   * Cookie header, are implementation-specific). Ignored without `canary`.
   *
   * @default - none
   */
  readonly canaryMatches?: TrafficMatch[];
}

/**
 * A canary by Gateway API route weights, without a controller: the stable
 * Deployment and Service `<name>`, and while a canary version is set the
 * Deployment and Service `<name>-canary`. One HTTPRoute `<name>` sends
 * `canaryWeight` percent of the requests to the canary (weighted backendRefs)
 * and the rest to the stable Service; a first rule sends every request that
 * meets one of `canaryMatches` to the canary. Any conformant Gateway
 * implementation does the split; nothing of ours runs in the cluster.
 *
 * Each weight step is a commit. Promote by moving the canary version into
 * `stable` and removing `canary`; abort by removing `canary` (Flux prunes the
 * `<name>-canary` objects and the route sends everything to `<name>`). Each
 * track has its own ConfigMap, HPA and PDB.
 */
export class RouteCanaryApp extends AppBase {
  /** The pod label that tells the tracks apart (the one selector label beyond `app.kubernetes.io/name`). */
  public static readonly TRACK_LABEL = 'track';

  /** The stable Deployment `<name>`. */
  public readonly stableDeployment: k8s.KubeDeployment;
  /** The canary Deployment `<name>-canary`, when `canary` is given. */
  public readonly canaryDeployment?: k8s.KubeDeployment;
  /** The Service `<name>`, selecting the stable pods. */
  public readonly service: k8s.KubeService;
  /** The Service `<name>-canary`, selecting the canary pods. */
  public readonly canaryService?: k8s.KubeService;
  /** The HTTPRoute `<name>` that splits the requests. */
  public readonly route: ApiObject;
  /** The ConfigMap `<name>-config`, when the stable version has config files. */
  public readonly stableConfigMap?: k8s.KubeConfigMap;
  /** The ConfigMap `<name>-canary-config`, when the canary version has config files. */
  public readonly canaryConfigMap?: k8s.KubeConfigMap;
  /** The HPA `<name>`, when `autoscaling` is given. */
  public readonly stableAutoscaler?: k8s.KubeHorizontalPodAutoscalerV2;
  /** The HPA `<name>-canary`, when `autoscaling` and `canary` are given. */
  public readonly canaryAutoscaler?: k8s.KubeHorizontalPodAutoscalerV2;
  /** The PDB `<name>`, when enabled. */
  public readonly stableDisruptionBudget?: k8s.KubePodDisruptionBudget;
  /** The PDB `<name>-canary`, when enabled for the canary. */
  public readonly canaryDisruptionBudget?: k8s.KubePodDisruptionBudget;
  /** The canary's weight in effect, in percent (0 without a canary). */
  public readonly canaryWeight: number;
  /** The stable pods (the HPA's minimum when autoscaled). */
  public readonly stableReplicas: number;
  /** The canary pods (the HPA's minimum when autoscaled; 0 without a canary). */
  public readonly canaryReplicas: number;
  /** What the weight steps and the promotion do: the requests routed, pods, resources and commands. */
  public readonly plan: RolloutPlan;

  public constructor(scope: Construct, id: string, props: RouteCanaryAppProps) {
    super(scope, id, props);
    this.validate(props);

    const name = props.name;
    const canaryName = `${name}-canary`;
    const model = this._model;
    const label = RouteCanaryApp.TRACK_LABEL;
    const stable = trackWorkload(model, 'Stable', name, props.stable, label, 'stable');
    this.stableConfigMap = stable.configMap;
    this.stableDeployment = stable.deployment;
    this.stableAutoscaler = stable.autoscaler;
    this.stableDisruptionBudget = stable.disruptionBudget;
    this.stableReplicas = stable.replicas;
    this.service = model.service('Service', name, stable.selector);

    const canary = props.canary ? trackWorkload(model, 'Canary', canaryName, props.canary, label, 'canary') : undefined;
    this.canaryConfigMap = canary?.configMap;
    this.canaryDeployment = canary?.deployment;
    this.canaryAutoscaler = canary?.autoscaler;
    this.canaryDisruptionBudget = canary?.disruptionBudget;
    this.canaryReplicas = canary?.replicas ?? 0;
    this.canaryService = canary ? model.service('CanaryService', canaryName, canary.selector) : undefined;
    this.canaryWeight = canary ? props.canaryWeight ?? 0 : 0;

    const matches = canary ? props.canaryMatches ?? [] : [];
    const rules: RouteRule[] = [
      ...(matches.length ? [{ backends: [{ service: canaryName }], matches }] : []),
      {
        backends: canary
          ? [{ service: name, weight: 100 - this.canaryWeight }, { service: canaryName, weight: this.canaryWeight }]
          : [{ service: name }],
      },
    ];
    this.route = httpRoute(model, 'Route', name, rules);
    this._defineSupport();
    const base = this._planBase();
    const unapplied = !canary && props.canaryWeight ? [`canaryWeight ${props.canaryWeight} is not applied: there is no canary, so the route sends every request to \`${name}\`.`] : [];
    this.plan = RolloutPlan.routeCanary({
      ...base,
      notes: [...base.notes ?? [], ...unapplied],
      stableReplicas: this.stableReplicas,
      canaryReplicas: this.canaryReplicas,
      weight: this.canaryWeight,
      weightSteps: props.weightSteps,
      matches: matches.length ? matches.map(m => m._describe()) : undefined,
      routeName: name,
    });
  }

  private validate(props: RouteCanaryAppProps) {
    const model = this._model;
    model.validateVersion('stable.', props.stable);
    if (props.canary !== undefined) model.validateVersion('canary.', props.canary);
    if (!props.route) {
      throw propError(this, 'route', props.route, 'the HTTPRoute splits the traffic: set route with the parentRefs (and hostnames) of the Gateways that expose the app');
    }
    if (props.ingress) {
      throw propError(this, 'ingress', props.ingress.hosts ?? [], 'an Ingress to the stable Service would bypass the canary routing of the HTTPRoute: expose the app through \'route\' only');
    }
    const steps = props.weightSteps;
    if (steps !== undefined) checkStepWeights(this, 'weightSteps', steps);
    const weight = props.canaryWeight;
    Check.int(this, 'canaryWeight', weight, 0, 100);
    if (weight !== undefined && weight !== 0 && steps !== undefined && !steps.includes(weight)) {
      throw propError(this, 'canaryWeight', weight, `must be 0 or one of weightSteps (${steps.join(', ')}): each commit moves the weight to the next step`);
    }
    const matches = props.canaryMatches ?? [];
    matches.forEach((m, i) => checkRouteMatch(this, `canaryMatches[${i}]`, m));
    // the A/B rule holds every path with every match, the weighted rule every path
    const paths = routePaths(props.route).length;
    if (paths * matches.length > MAX_MATCHES_PER_RULE || paths * (matches.length + 1) > MAX_MATCHES_PER_ROUTE) {
      throw propError(this, 'canaryMatches', matches.length,
        `the A/B rule of the HTTPRoute holds each of the ${paths} path(s) with each match: at most ${MAX_MATCHES_PER_RULE} in one rule and ${MAX_MATCHES_PER_ROUTE} in the route with the weighted rule`);
    }
  }
}
