import { CountOrPercent } from './count-or-percent';

/**
 * What every rollout plan needs to know about the app. Pod counts are pods,
 * times are seconds, weights are percent; per-pod requests are Kubernetes
 * quantities.
 */
export interface BasePlanProps {
  /** The app name (names its objects in the plan's commands). */
  readonly name: string;
  /**
   * The namespace of the app's objects, for the `kubectl -n` commands.
   *
   * @default - the commands use the kubectl context's namespace
   */
  readonly namespace?: string;
  /**
   * CPU requested by one pod.
   *
   * @default "100m" (the apps' default request)
   */
  readonly cpuRequest?: string;
  /**
   * Memory requested by one pod.
   *
   * @default "128Mi" (the apps' default request)
   */
  readonly memoryRequest?: string;
  /**
   * The HPA's maximum, when an HPA scales the app. The replicas given to the
   * plan are then the HPA's minimum, and the plan says so.
   *
   * @default - fixed replicas
   */
  readonly maxReplicas?: number;
  /**
   * Seconds without progress before the rollout is marked failed (the
   * Deployment's, or the Canary's `progressDeadlineSeconds`).
   *
   * @default 600
   */
  readonly progressDeadlineSeconds?: number;
  /**
   * The pod label every Deployment of the app selects on, for the
   * `kubectl get pods -l` commands.
   *
   * @default "app.kubernetes.io/name"
   */
  readonly selectorLabel?: string;
  /**
   * The Flux Kustomization that applies the app, for the `flux` commands.
   *
   * @default - no `flux` commands
   */
  readonly fluxKustomization?: string;
  /**
   * The namespace of `fluxKustomization`.
   *
   * @default "flux-system"
   */
  readonly fluxNamespace?: string;
}

/**
 * A Deployment rolling update.
 */
export interface RollingUpdatePlanProps extends BasePlanProps {
  /** Desired replicas (the HPA's minimum when autoscaled). */
  readonly replicas: number;
  /**
   * Pods allowed above `replicas` (a percentage rounds up).
   *
   * @default CountOrPercent.percent(25)
   */
  readonly maxSurge?: CountOrPercent;
  /**
   * Pods allowed below `replicas` (a percentage rounds down).
   *
   * @default CountOrPercent.percent(25)
   */
  readonly maxUnavailable?: CountOrPercent;
  /**
   * Seconds a new pod must be ready before it counts as available.
   *
   * @default 0
   */
  readonly minReadySeconds?: number;
}

/**
 * A Deployment `Recreate`: every old pod stops before the new ones start.
 */
export interface RecreatePlanProps extends BasePlanProps {
  /** Desired replicas (the HPA's minimum when autoscaled). */
  readonly replicas: number;
  /**
   * Seconds a new pod must be ready before it counts as available.
   *
   * @default 0
   */
  readonly minReadySeconds?: number;
}

/**
 * A blue/green switch done in Git: two color Deployments `<name>-<color>`,
 * a Service `<serviceName>` that selects the active color and a preview
 * Service that selects the idle one.
 */
export interface BlueGreenSwitchPlanProps extends BasePlanProps {
  /** The color serving now (for example "blue"). */
  readonly activeColor: string;
  /** The color that receives the next version (for example "green"). */
  readonly idleColor: string;
  /** Pods of the active color. */
  readonly activeReplicas: number;
  /** Pods the idle color runs between releases (0 when it is scaled down). */
  readonly idleReplicas: number;
  /**
   * Pods the idle color runs once it carries the next version.
   *
   * @default - activeReplicas
   */
  readonly newVersionReplicas?: number;
  /**
   * The Service that selects the active color.
   *
   * @default - name
   */
  readonly serviceName?: string;
  /**
   * The Service that selects the idle color.
   *
   * @default "<name>-preview"
   */
  readonly previewServiceName?: string;
  /**
   * The pod label whose value is the color.
   *
   * @default "color"
   */
  readonly colorLabel?: string;
}

/**
 * A canary by replica ratio: a stable and a canary Deployment behind one
 * Service, each pod getting an equal share of the requests.
 */
export interface ReplicaCanaryPlanProps extends BasePlanProps {
  /** Pods of the stable version (the HPA's minimum when autoscaled). */
  readonly stableReplicas: number;
  /** Pods of the canary now (0 without a canary). */
  readonly canaryReplicas: number;
  /**
   * The canary replicas of each step, one commit each, before promotion.
   *
   * @default - one step at `canaryReplicas` (1 when that is 0)
   */
  readonly canaryReplicaSteps?: number[];
  /**
   * The canary Deployment.
   *
   * @default "<name>-canary"
   */
  readonly canaryDeploymentName?: string;
}

/**
 * An ingress-nginx canary: a second Ingress with the `canary` annotations
 * that sends a weight, or the requests with a header or cookie, to the
 * canary Deployment.
 */
export interface NginxCanaryPlanProps extends BasePlanProps {
  /** Pods of the stable version (the HPA's minimum when autoscaled). */
  readonly stableReplicas: number;
  /** Pods of the canary. */
  readonly canaryReplicas: number;
  /**
   * The `canary-weight` now, in percent.
   *
   * @default 0
   */
  readonly weight?: number;
  /**
   * The weights of each step, one commit each, before promotion.
   *
   * @default - one step at `weight`
   */
  readonly weightSteps?: number[];
  /**
   * The header that sends a request to the canary (`canary-by-header`).
   *
   * @default - none
   */
  readonly header?: string;
  /**
   * The value `header` must have (`canary-by-header-value`).
   *
   * @default - "always" (ingress-nginx's rule without a value)
   */
  readonly headerValue?: string;
  /**
   * A regular expression the value of `header` must match instead
   * (`canary-by-header-pattern`).
   *
   * @default - no pattern
   */
  readonly headerPattern?: string;
  /**
   * The cookie that, set to `always`, sends a request to the canary (`canary-by-cookie`).
   *
   * @default - none
   */
  readonly cookie?: string;
  /**
   * The canary Deployment.
   *
   * @default "<name>-canary"
   */
  readonly canaryDeploymentName?: string;
  /**
   * The canary Ingress.
   *
   * @default "<name>-canary"
   */
  readonly canaryIngressName?: string;
}

/**
 * One Flagger webhook, as the plan lists it.
 */
export interface PlanWebhookProps {
  /** The webhook name. */
  readonly name: string;
  /**
   * The Flagger webhook type: `confirm-rollout`, `pre-rollout`, `rollout`,
   * `confirm-traffic-increase`, `confirm-promotion`, `post-rollout`,
   * `rollback` or `event`.
   *
   * @default "rollout"
   */
  readonly type?: string;
  /**
   * The URL Flagger calls.
   *
   * @default - not shown
   */
  readonly url?: string;
  /**
   * Seconds Flagger waits for an answer.
   *
   * @default 10
   */
  readonly timeoutSeconds?: number;
}

/**
 * One Flagger metric check, as the plan lists it.
 */
export interface PlanMetricProps {
  /** The metric name (`request-success-rate`, `request-duration` or a template's). */
  readonly name: string;
  /**
   * The lowest passing value.
   *
   * @default - no minimum
   */
  readonly min?: number;
  /**
   * The highest passing value.
   *
   * @default - no maximum
   */
  readonly max?: number;
  /**
   * Seconds of data each check reads.
   *
   * @default 60
   */
  readonly intervalSeconds?: number;
  /**
   * The MetricTemplate the metric queries.
   *
   * @default - a builtin metric
   */
  readonly templateName?: string;
}

/**
 * What every Flagger rollout needs.
 */
export interface FlaggerPlanProps extends BasePlanProps {
  /** Replicas of the target Deployment (the HPA's minimum when autoscaled): the primary runs as many, and so does the canary during the analysis. */
  readonly replicas: number;
  /** Seconds between two checks (`analysis.interval`). */
  readonly intervalSeconds: number;
  /** Failed checks before rollback (`analysis.threshold`). */
  readonly threshold: number;
  /**
   * The Flagger provider (`kubernetes`, `nginx`, `istio`, `gatewayapi:v1`, ...).
   *
   * @default - the controller's mesh provider (no routing objects listed)
   */
  readonly provider?: string;
  /**
   * `service.name` of the Canary (the apex Service).
   *
   * @default - name
   */
  readonly serviceName?: string;
  /**
   * The Ingress in `ingressRef` (nginx and skipper).
   *
   * @default - name
   */
  readonly ingressName?: string;
  /**
   * The HPA in `autoscalerRef`, when `maxReplicas` is set.
   *
   * @default - name
   */
  readonly autoscalerName?: string;
  /**
   * ConfigMaps the pods use (Flagger copies each to `<name>-primary`).
   *
   * @default - none
   */
  readonly configMaps?: string[];
  /**
   * Secrets the pods use (Flagger copies each to `<name>-primary`).
   *
   * @default - none
   */
  readonly secrets?: string[];
  /**
   * The webhooks, in any order (the plan orders them by phase).
   *
   * @default - none
   */
  readonly webhooks?: PlanWebhookProps[];
  /**
   * The metric checks.
   *
   * @default - none (only pod health is checked)
   */
  readonly metrics?: PlanMetricProps[];
  /**
   * `analysis.mirror`: canary mode mirrors one step before the first weight;
   * blue/green mirrors for the whole analysis.
   *
   * @default false
   */
  readonly mirror?: boolean;
}

/**
 * A Flagger canary with progressive weights: `stepWeight` (up to
 * `maxWeight`) or `stepWeights`.
 */
export interface FlaggerCanaryPlanProps extends FlaggerPlanProps {
  /**
   * The weight that ends the analysis (ignored by Flagger with `stepWeights`).
   *
   * @default 100
   */
  readonly maxWeight?: number;
  /**
   * The weight added at each step (set this or `stepWeights`).
   *
   * @default - stepWeights
   */
  readonly stepWeight?: number;
  /**
   * The weights of each step, strictly increasing (set this or `stepWeight`).
   *
   * @default - stepWeight
   */
  readonly stepWeights?: number[];
  /**
   * The primary weight added per interval during promotion.
   *
   * @default - all traffic moves back to the primary at once
   */
  readonly stepWeightPromotion?: number;
}

/**
 * A Flagger analysis counted in iterations: A/B testing (with `match`) or
 * blue/green (without).
 */
export interface FlaggerIterationsPlanProps extends FlaggerPlanProps {
  /** Checks before promotion (`analysis.iterations`). */
  readonly iterations: number;
  /**
   * The A/B match conditions, in words (for example `header x-canary: insider`).
   * Given, the plan is A/B testing; otherwise Flagger blue/green.
   *
   * @default - blue/green
   */
  readonly match?: string[];
}
