/**
 * The objects that support an app's pods whatever its strategy: its
 * ServiceAccount, Role and RoleBinding, NetworkPolicy and ServiceMonitor or
 * PodMonitor. A strategy says how its pods and Services are named (Flagger
 * adds `-primary` copies and generates the Services) and what else calls
 * its pods. Internal: apps define them through `AppBase`, the loadtester
 * its identity directly.
 */
import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { AppModel } from './app-model';
import { checkMonitorWiring, MONITORING_API_VERSION, monitorOf, monitorSpec } from './monitoring';
import { MonitorKind } from './monitoring-props';
import { checkPolicyWiring, networkPolicySpec } from './network-policy';
import { NetworkPolicyPeer } from './network-policy-props';
import { ServiceType } from './service-props';
import { exposedPorts } from './services';

/** How a strategy's pods and Services are named, and who else calls its pods. */
export interface AppShape {
  /** Values of the name label on the app's pods. @default [name] */
  readonly podNames?: string[];
  /** Values of the name label on the Services a ServiceMonitor scrapes. @default [name] */
  readonly serviceNames?: string[];
  /** The port names those Services carry. @default every port of the app's Services */
  readonly servicePorts?: string[];
  /** Why a port is missing from those Services. */
  readonly servicePortsNote?: string;
  /** How requests from an ingress controller or Gateway reach the app. @default its Ingress or HTTPRoute, if it has one */
  readonly exposedThrough?: string;
  /** The loadtesters a Flagger analysis calls from. @default none */
  readonly loadTesters?: NetworkPolicyPeer[];
  /** Why no ServiceMonitor scrapes each pod exactly once; the monitor is then a PodMonitor. @default - a ServiceMonitor works */
  readonly serviceMonitorProblem?: string;
  /** Pod labels the monitor copies onto every target. @default none */
  readonly podTargetLabels?: string[];
}

/** The supporting objects of an app, each when its props ask for it. */
export interface SupportObjects {
  readonly serviceAccount?: k8s.KubeServiceAccount;
  readonly role?: k8s.KubeRole;
  readonly roleBinding?: k8s.KubeRoleBinding;
  readonly networkPolicy?: k8s.KubeNetworkPolicy;
  readonly monitor?: ApiObject;
}

/** The ServiceAccount (unless an existing one is used), the Role and its RoleBinding. */
export function defineIdentity(model: AppModel): SupportObjects {
  const sa = model.props.serviceAccount;
  if (!sa) return {};
  const name = model.appName;
  const accountName = sa.existing?.name ?? name;
  const serviceAccount = sa.existing ? undefined : new k8s.KubeServiceAccount(model.scope, 'ServiceAccount', {
    metadata: model.metadata(name, {}, sa.annotations),
    automountServiceAccountToken: model.props.automountServiceAccountToken ?? false,
  });
  if (!sa.rules?.length) return { serviceAccount };
  const role = new k8s.KubeRole(model.scope, 'Role', {
    metadata: model.metadata(name),
    rules: sa.rules.map(r => ({ apiGroups: r.apiGroups ?? [''], resources: r.resources, verbs: r.verbs, resourceNames: r.resourceNames?.length ? r.resourceNames : undefined })),
  });
  const roleBinding = new k8s.KubeRoleBinding(model.scope, 'RoleBinding', {
    metadata: model.metadata(name),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
    subjects: [{ kind: 'ServiceAccount', name: accountName, namespace: model.effectiveNamespace }],
  });
  return { serviceAccount, role, roleBinding };
}

/** Defines every supporting object the app's props ask for, for a strategy of shape `shape`. */
export function defineSupport(model: AppModel, shape: AppShape = {}): SupportObjects {
  const props = model.props;
  const name = model.appName;
  const identity = defineIdentity(model);
  const podNames = shape.podNames ?? [name];
  const monitor = props.monitoring ? monitorOf(props, model.portName, shape.serviceMonitorProblem ? MonitorKind.POD_MONITOR : undefined) : undefined;
  const np = props.networkPolicy;
  let networkPolicy: k8s.KubeNetworkPolicy | undefined;
  if (np) {
    const wiring = {
      podNames,
      exposedThrough: shape.exposedThrough ?? (props.ingress ? 'its Ingress' : props.route ? 'its HTTPRoute' : undefined),
      loadTesters: shape.loadTesters ?? [],
      mainPort: model.portName,
      mainPortNumber: model.containerPort,
      externalService: externalServiceType(props.service?.type),
      metricsPort: monitor?.port,
      usesApi: (props.serviceAccount?.rules ?? []).length > 0,
    };
    checkPolicyWiring(model.scope, np, wiring);
    networkPolicy = new k8s.KubeNetworkPolicy(model.scope, 'NetworkPolicy', { metadata: model.metadata(name), spec: networkPolicySpec(np, wiring) });
  }
  let monitorObject: ApiObject | undefined;
  if (monitor && monitor.kind !== MonitorKind.POD_ANNOTATIONS) {
    const wiring = {
      podNames,
      serviceNames: shape.serviceNames ?? [name],
      servicePorts: shape.servicePorts ?? [model.portName, ...exposedPorts(props).map(p => p.port.name)],
      servicePortsNote: shape.servicePortsNote ?? 'the ports of native sidecars are not on them',
      serviceMonitorProblem: shape.serviceMonitorProblem,
      podTargetLabels: shape.podTargetLabels ?? [],
    };
    checkMonitorWiring(model.scope, monitor, wiring);
    monitorObject = new ApiObject(model.scope, 'Monitor', {
      apiVersion: MONITORING_API_VERSION,
      kind: monitor.kind,
      metadata: model.metadata(name, props.monitoring!.labels),
      spec: monitorSpec(props.monitoring!, monitor, wiring),
    });
  }
  return { ...identity, networkPolicy, monitor: monitorObject };
}

/** `type` when the Service takes requests from outside the cluster. */
function externalServiceType(type: ServiceType | undefined): ServiceType | undefined {
  return type === ServiceType.NODE_PORT || type === ServiceType.LOAD_BALANCER ? type : undefined;
}
