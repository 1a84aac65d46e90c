import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AppBase } from '../base/app-base';
import { AppCommonProps, AppVersionProps } from '../core/app-props';
import { Check } from '../core/check';
import { httpRoute } from '../core/http-route';
import { VersionWorkload } from '../core/workload';
import { RolloutPlan } from '../plan/rollout-plan';

/**
 * Props of a `ReplicaCanaryApp`.
 */
export interface ReplicaCanaryAppProps extends AppCommonProps {
  /** The version most pods run: the Deployment `<name>` (pod label `track: stable`). */
  readonly stable: AppVersionProps;
  /**
   * The version under test: the Deployment `<name>-canary` (pod label
   * `track: canary`). Its `replicas` against the stable ones set its share of
   * the traffic; it keeps fixed replicas even when the app autoscales.
   *
   * @default - no canary
   */
  readonly canary?: AppVersionProps;
}

/**
 * A canary by replica ratio, without a controller or an L7 router: a stable
 * Deployment `<name>` and a canary Deployment `<name>-canary` behind one
 * Service `<name>` that selects both, so each pod gets an equal share of the
 * requests and the canary's share is its replicas over all replicas (for
 * example 4:1 gives 20%).
 *
 * Each step is a commit: add `canary` to start, change its `replicas` to move
 * the ratio; promote by moving the canary version into `stable` and removing
 * `canary`; abort by removing `canary` (Flux prunes `<name>-canary`).
 *
 * With `autoscaling`, the HPA `<name>` scales the stable track only and the
 * canary keeps its fixed replicas. Each track has its own ConfigMap
 * (`<name>-config`, `<name>-canary-config`) and PDB (`<name>`, `<name>-canary`).
 */
export class ReplicaCanaryApp extends AppBase {
  /** The pod label that tells the tracks apart (the one selector label beyond `app.kubernetes.io/name`). */
  public static readonly TRACK_LABEL = 'track';

  /** The stable Deployment `<name>`. */
  public readonly stableDeployment: k8s.KubeDeployment;
  /** The canary Deployment `<name>-canary`, when `canary` is given. */
  public readonly canaryDeployment?: k8s.KubeDeployment;
  /** The Service `<name>`, selecting both tracks. */
  public readonly service: k8s.KubeService;
  /** The Ingress `<name>`, when `ingress` is given. */
  public readonly ingress?: k8s.KubeIngress;
  /** The HTTPRoute `<name>` to the Service, when `route` is given. */
  public readonly route?: ApiObject;
  /** The ConfigMap `<name>-config`, when the stable version has config files. */
  public readonly stableConfigMap?: k8s.KubeConfigMap;
  /** The ConfigMap `<name>-canary-config`, when the canary version has config files. */
  public readonly canaryConfigMap?: k8s.KubeConfigMap;
  /** The HPA `<name>` of the stable track, when `autoscaling` is given. */
  public readonly autoscaler?: k8s.KubeHorizontalPodAutoscalerV2;
  /** The PDB `<name>` of the stable pods, when enabled. */
  public readonly stableDisruptionBudget?: k8s.KubePodDisruptionBudget;
  /** The PDB `<name>-canary` of the canary pods, when enabled. */
  public readonly canaryDisruptionBudget?: k8s.KubePodDisruptionBudget;
  /** The stable pods (the HPA's minimum when autoscaled). */
  public readonly stableReplicas: number;
  /** The canary pods (0 without a canary). */
  public readonly canaryReplicas: number;
  /**
   * The canary's share of the requests, from 0 to 1: canary pods over all pods
   * (with an HPA, at its minimum, which is the highest share).
   */
  public readonly trafficShare: number;
  /** What the canary steps and the promotion do: the canary's share, pods, resources and commands. */
  public readonly plan: RolloutPlan;

  public constructor(scope: Construct, id: string, props: ReplicaCanaryAppProps) {
    super(scope, id, props);
    const model = this._model;
    model.validateVersion('stable.', props.stable);
    if (props.canary !== undefined) {
      model.validateVersion('canary.', props.canary);
      // the canary keeps fixed replicas under an HPA, so they are checked even then
      if (model.autoscaled) Check.int(this, 'canary.replicas', props.canary.replicas, 0);
    }

    const name = props.name;
    this.stableReplicas = model.autoscaled ? model.minReplicas : model.replicasOf(props.stable);
    this.canaryReplicas = props.canary ? model.replicasOf(props.canary) : 0;
    const total = this.stableReplicas + this.canaryReplicas;
    this.trafficShare = total === 0 ? 0 : this.canaryReplicas / total;

    const label = ReplicaCanaryApp.TRACK_LABEL;
    const stable = new VersionWorkload(model, {
      id: 'Stable', name, version: props.stable, versionProp: 'stable.', label: { [label]: 'stable' }, replicas: this.stableReplicas, autoscaled: model.autoscaled,
    });
    const canary = props.canary ? new VersionWorkload(model, {
      id: 'Canary', name: `${name}-canary`, version: props.canary, versionProp: 'canary.', label: { [label]: 'canary' }, replicas: this.canaryReplicas, autoscaled: false,
    }) : undefined;
    this.service = model.service('Service', name, this.selectorLabels);
    this.ingress = props.ingress ? model.ingress('Ingress', name, name) : undefined;
    this.route = props.route ? httpRoute(model, 'Route', name, [{ backends: [{ service: name }] }]) : undefined;
    stable.scale();
    canary?.scale();
    this.stableConfigMap = stable.configMap;
    this.stableDeployment = stable.deployment;
    this.autoscaler = stable.autoscaler;
    this.stableDisruptionBudget = stable.disruptionBudget;
    this.canaryConfigMap = canary?.configMap;
    this.canaryDeployment = canary?.deployment;
    this.canaryDisruptionBudget = canary?.disruptionBudget;
    this._defineSupport();
    this.plan = RolloutPlan.replicaCanary({
      ...this._planBase(),
      stableReplicas: this.stableReplicas,
      canaryReplicas: this.canaryReplicas,
    });
  }
}
