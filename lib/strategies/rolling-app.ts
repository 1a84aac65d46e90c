import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AppBase } from '../base/app-base';
import { AppProps } from '../core/app-props';
import { Check } from '../core/check';
import { propError } from '../core/errors';
import { httpRoute } from '../core/http-route';
import { toIntOrString } from '../core/int-or-string';
import { RolloutPlan } from '../plan/rollout-plan';
import { DeploymentStrategy, DeploymentStrategyType } from './deployment-strategy';

/** The Deployment's progress deadline unless `progressDeadlineSeconds` is set. */
const DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

/**
 * Props of a `RollingApp`.
 */
export interface RollingAppProps extends AppProps {
  /**
   * How new versions replace old pods.
   *
   * @default DeploymentStrategy.rollingUpdate() (maxSurge 25%, maxUnavailable 25%)
   */
  readonly strategy?: DeploymentStrategy;
  /**
   * Seconds without progress before the rollout is marked failed.
   *
   * @default 600
   */
  readonly progressDeadlineSeconds?: number;
  /**
   * Old ReplicaSets kept for `kubectl rollout undo`.
   *
   * @default 10
   */
  readonly revisionHistoryLimit?: number;
}

/**
 * An app updated in place by its Deployment: a rolling update (or Recreate),
 * with a ClusterIP Service, optional Ingress or HTTPRoute, HPA and PDB.
 */
export class RollingApp extends AppBase {
  /** The Deployment. */
  public readonly deployment: k8s.KubeDeployment;
  /** The ClusterIP Service `<name>`. */
  public readonly service: k8s.KubeService;
  /** The ConfigMap `<name>-config`, when config files are given. */
  public readonly configMap?: k8s.KubeConfigMap;
  /** The Ingress, when `ingress` is given. */
  public readonly ingress?: k8s.KubeIngress;
  /** The HTTPRoute `<name>` to the Service, when `route` is given. */
  public readonly route?: ApiObject;
  /** The HPA, when `autoscaling` is given. */
  public readonly autoscaler?: k8s.KubeHorizontalPodAutoscalerV2;
  /** The PodDisruptionBudget, when enabled. */
  public readonly disruptionBudget?: k8s.KubePodDisruptionBudget;
  /** The strategy in effect. */
  public readonly strategy: DeploymentStrategy;
  /** The replicas in effect (the HPA's minimum when autoscaled). */
  public readonly replicas: number;
  /** What a new version's rollout will do: waves, pods, resources, timings, commands. */
  public readonly plan: RolloutPlan;

  public constructor(scope: Construct, id: string, props: RollingAppProps) {
    super(scope, id, props);
    const model = this._model;
    model.validateVersion('', props);
    this.strategy = props.strategy ?? DeploymentStrategy.rollingUpdate();
    this.replicas = model.autoscaled ? model.minReplicas : model.replicasOf(props);
    this.validate(props);

    const s = this.strategy;
    this.configMap = model.configMap('ConfigMap', props.name, props);
    this.deployment = model.deployment('Deployment', {
      name: props.name,
      version: props,
      versionProp: '',
      replicas: model.autoscaled ? undefined : this.replicas,
      spec: {
        strategy: s.type === DeploymentStrategyType.RECREATE
          ? { type: 'Recreate' }
          : { type: 'RollingUpdate', rollingUpdate: { maxSurge: toIntOrString(s.maxSurge!), maxUnavailable: toIntOrString(s.maxUnavailable!) } },
        minReadySeconds: props.minReadySeconds,
        progressDeadlineSeconds: props.progressDeadlineSeconds ?? DEFAULT_PROGRESS_DEADLINE_SECONDS,
        revisionHistoryLimit: props.revisionHistoryLimit ?? 10,
      },
    });
    this.service = model.service('Service', props.name, this.selectorLabels);
    this.ingress = props.ingress ? model.ingress('Ingress', props.name, props.name) : undefined;
    this.route = props.route ? httpRoute(model, 'Route', props.name, [{ backends: [{ service: props.name }] }]) : undefined;
    this.autoscaler = model.hpa('Autoscaler', props.name, props.name);
    this.disruptionBudget = model.pdb('DisruptionBudget', props.name, this.selectorLabels, this.replicas);
    this._defineSupport();
    this.plan = this.buildPlan(props);
  }

  private buildPlan(props: RollingAppProps): RolloutPlan {
    const common = {
      ...this._planBase(),
      replicas: this.replicas,
      progressDeadlineSeconds: props.progressDeadlineSeconds,
      minReadySeconds: props.minReadySeconds,
    };
    const s = this.strategy;
    return s.type === DeploymentStrategyType.RECREATE
      ? RolloutPlan.recreate(common)
      : RolloutPlan.rollingUpdate({ ...common, maxSurge: s.maxSurge, maxUnavailable: s.maxUnavailable });
  }

  private validate(props: RollingAppProps) {
    const s = this.strategy;
    if (s.type === DeploymentStrategyType.ROLLING_UPDATE) {
      for (const [prop, value] of [['strategy.maxSurge', s.maxSurge!], ['strategy.maxUnavailable', s.maxUnavailable!]] as const) {
        if (value.isPercent) Check.int(this, prop, value.value, 0, 100);
        else Check.int(this, prop, value.value, 0);
      }
      if (s.maxSurge!.isZero && s.maxUnavailable!.isZero) {
        throw propError(this, 'strategy', { maxSurge: 0, maxUnavailable: 0 }, '\'maxSurge\' and \'maxUnavailable\' cannot both be zero (the rollout could never progress)');
      }
      if (this.replicas > 0 && s.maxSurge!.of(this.replicas, true) === 0 && s.maxUnavailable!.of(this.replicas, false) === 0) {
        throw propError(this, 'strategy', { maxSurge: s.maxSurge!.toKube(), maxUnavailable: s.maxUnavailable!.toKube(), replicas: this.replicas },
          'with these replicas maxSurge rounds up to 0 and maxUnavailable rounds down to 0, so the rollout could never progress');
      }
    }
    Check.int(this, 'minReadySeconds', props.minReadySeconds, 0);
    Check.int(this, 'progressDeadlineSeconds', props.progressDeadlineSeconds, 1);
    Check.int(this, 'revisionHistoryLimit', props.revisionHistoryLimit, 0);
    Check.progressDeadline(this, props.minReadySeconds, props.progressDeadlineSeconds, DEFAULT_PROGRESS_DEADLINE_SECONDS);
  }
}
