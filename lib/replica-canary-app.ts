import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AppBase } from './app-base';
import { AppCommonProps, AppVersionProps } from './app-props';
import { RolloutPlan } from './rollout-plan';
import { Check } from './validate';

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
    this._validateVersion('stable.', props.stable);
    if (props.canary !== undefined) {
      this._validateVersion('canary.', props.canary);
      // the canary keeps fixed replicas under an HPA, so they are checked even then
      if (this._autoscaled) Check.int(this, 'canary.replicas', props.canary.replicas, 0);
    }

    const name = props.name;
    const stable = { [ReplicaCanaryApp.TRACK_LABEL]: 'stable' };
    const canary = { [ReplicaCanaryApp.TRACK_LABEL]: 'canary' };
    this.stableReplicas = this._autoscaled ? this._minReplicas : this._replicasOf(props.stable);
    this.canaryReplicas = props.canary ? this._replicasOf(props.canary) : 0;
    const total = this.stableReplicas + this.canaryReplicas;
    this.trafficShare = total === 0 ? 0 : this.canaryReplicas / total;

    this.stableConfigMap = this._configMap('StableConfigMap', name, props.stable, stable);
    this.stableDeployment = this._deployment('StableDeployment', {
      name,
      version: props.stable,
      versionProp: 'stable.',
      extraSelector: stable,
      replicas: this._autoscaled ? undefined : this.stableReplicas,
    });
    if (props.canary) {
      const canaryName = `${name}-canary`;
      this.canaryConfigMap = this._configMap('CanaryConfigMap', canaryName, props.canary, canary);
      this.canaryDeployment = this._deployment('CanaryDeployment', {
        name: canaryName,
        version: props.canary,
        versionProp: 'canary.',
        extraSelector: canary,
        replicas: this.canaryReplicas,
      });
    }
    this.service = this._service('Service', name, this.selectorLabels);
    this.ingress = props.ingress ? this._ingress('Ingress', name, name) : undefined;
    this.autoscaler = this._hpa('Autoscaler', name, name, stable);
    this.stableDisruptionBudget = this._pdb('StableDisruptionBudget', name, { ...this.selectorLabels, ...stable }, this.stableReplicas, stable);
    this.canaryDisruptionBudget = props.canary
      ? this._pdb('CanaryDisruptionBudget', `${name}-canary`, { ...this.selectorLabels, ...canary }, this.canaryReplicas, canary)
      : undefined;
    this.plan = RolloutPlan.replicaCanary({
      ...this._planBase(),
      stableReplicas: this.stableReplicas,
      canaryReplicas: this.canaryReplicas,
    });
  }
}
