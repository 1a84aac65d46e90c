import { Construct } from 'constructs';
import { AppModel } from '../core/app-model';
import { AppCommonProps } from '../core/app-props';
import { DeliveryHints } from '../core/delivery-hints';
import { BasePlanProps } from '../plan/plan-props';
import { RolloutPlan } from '../plan/rollout-plan';

/**
 * The shared base of every app: validates the common props into an app model
 * whose builders define the objects every strategy is made of (Deployment,
 * ConfigMap, Service, Ingress, HPA, PDB) with secure defaults and stable
 * names; each strategy adds its own objects and its rollout plan.
 */
export abstract class AppBase extends Construct {
  /** The app name. */
  public readonly appName: string;
  /** The namespace set on every object, if any. */
  public readonly namespace?: string;
  /** The labels every Deployment selects on. */
  public readonly selectorLabels: Record<string, string>;
  /** The port clients use on the app's Services. */
  public readonly servicePort: number;
  /** The main container port. */
  public readonly containerPort: number;
  /** The main container port's name. */
  public readonly portName: string;
  /**
   * What the next rollout of this app will do: steps, timings, overhead,
   * gates, the commands to watch it and how to roll it back, computed from
   * the app's resolved props.
   */
  public abstract readonly plan: RolloutPlan;

  /** The validated common props and the object builders. @internal */
  protected readonly _model: AppModel;

  protected constructor(scope: Construct, id: string, props: AppCommonProps) {
    super(scope, id);
    this._model = new AppModel(this, props);
    this.appName = this._model.appName;
    this.namespace = this._model.namespace;
    this.selectorLabels = this._model.selectorLabels;
    this.containerPort = this._model.containerPort;
    this.portName = this._model.portName;
    this.servicePort = this._model.servicePort;
  }

  /**
   * What a GitOps output needs to know about the app beyond its objects: how
   * to tell it is healthy, and which fields a controller changes.
   *
   * @internal
   */
  public _deliveryHints(): DeliveryHints {
    return { healthRules: [], driftIgnores: [] };
  }

  /**
   * The rollout plan props every app shares: name, namespace, per-pod
   * requests and the HPA's maximum.
   *
   * @internal
   */
  protected _planBase(): BasePlanProps {
    const props = this._model.props;
    return {
      name: props.name,
      namespace: this._model.effectiveNamespace,
      maxReplicas: props.autoscaling?.maxReplicas,
      cpuRequest: props.resources?.cpuRequest,
      memoryRequest: props.resources?.memoryRequest,
    };
  }
}
