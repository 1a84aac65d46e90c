import { CountOrPercent } from '../core/count-or-percent';

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
   * Apps in a `GitOpsLayout` leave it unset: the layout's GitOps output adds
   * its own commands when it renders the plan (`PlanRenderOptions`).
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
  /**
   * Notes of the app about this rollout, listed first among the plan's notes
   * (e.g. builtin metrics that nothing scrapes, or native sidecars, which
   * Kubernetes 1.28 runs only behind a feature gate).
   *
   * @default - none
   */
  readonly notes?: string[];
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
  /**
   * The HTTPRoute whose backendRef the switch moves from `serviceName` to
   * `previewServiceName` (a switch by route: each color has its own Service).
   *
   * @default - the switch changes the Service selectors
   */
  readonly routeName?: string;
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
