import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AppModel } from '../core/app-model';
import { AppCommonProps } from '../core/app-props';
import { AppShape, defineSupport, SupportObjects } from '../core/app-support';
import { DeliveryHints } from '../core/delivery-hints';
import { nativeSidecarNotes } from '../core/plan-notes';
import { podRequests } from '../core/pod-resources';
import { BasePlanProps } from '../plan/plan-props';
import { RolloutPlan } from '../plan/rollout-plan';
import { acceptNullPrototypes } from '../core/plain-objects';

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
  /** The supporting objects, once the strategy defined them. @internal */
  protected _support: SupportObjects = {};

  protected constructor(scope: Construct, id: string, props: AppCommonProps) {
    super(scope, id);
    acceptNullPrototypes(this);
    this._model = new AppModel(this, props);
    this.appName = this._model.appName;
    this.namespace = this._model.namespace;
    this.selectorLabels = this._model.selectorLabels;
    this.containerPort = this._model.containerPort;
    this.portName = this._model.portName;
    this.servicePort = this._model.servicePort;
  }

  /** The ServiceAccount `<name>`, when `serviceAccount` is given without `existing`. */
  public get serviceAccount(): k8s.KubeServiceAccount | undefined {
    return this._support.serviceAccount;
  }

  /** The Role `<name>`, when `serviceAccount.rules` are given. */
  public get role(): k8s.KubeRole | undefined {
    return this._support.role;
  }

  /** The RoleBinding `<name>` of the Role to the service account, when `serviceAccount.rules` are given. */
  public get roleBinding(): k8s.KubeRoleBinding | undefined {
    return this._support.roleBinding;
  }

  /** The NetworkPolicy `<name>`, when `networkPolicy` is given. */
  public get networkPolicy(): k8s.KubeNetworkPolicy | undefined {
    return this._support.networkPolicy;
  }

  /** The ServiceMonitor or PodMonitor `<name>`, when `monitoring` is given. */
  public get monitor(): ApiObject | undefined {
    return this._support.monitor;
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
   * The rollout plan props every app shares: name, namespace, the requests
   * of one pod (every container counted as the scheduler counts them), the
   * HPA's maximum and the notes of the common props (native sidecars).
   *
   * @internal
   */
  protected _planBase(): BasePlanProps {
    const props = this._model.props;
    const requests = podRequests(props);
    return {
      name: props.name,
      namespace: this._model.effectiveNamespace,
      maxReplicas: props.autoscaling?.maxReplicas,
      cpuRequest: requests.cpu,
      memoryRequest: requests.memory,
      notes: nativeSidecarNotes(props),
    };
  }

  /**
   * Defines the ServiceAccount, Role, RoleBinding, NetworkPolicy and monitor
   * the props ask for; each strategy calls it once, with how its pods and
   * Services are named when that differs from the app's name.
   *
   * @internal
   */
  protected _defineSupport(shape: AppShape = {}): void {
    this._support = defineSupport(this._model, shape);
  }
}
