/**
 * The app's Services: their ports (the main port, the extra ports and the
 * sidecars' ports, for every strategy), type, affinity and traffic
 * policies, and the checks of the `service` props. Internal.
 */
import { k8s } from 'cdk8s-plus-28';
import { AppCommonProps } from './app-props';
import { Check } from './check';
import { ContainerPortProps } from './container-props';
import { propError, Where } from './errors';
import { ServiceType, SessionAffinity } from './service-props';

/** The longest ClientIP affinity the API server accepts, in seconds. */
const MAX_AFFINITY_SECONDS = 86400;

/** A container port that the Services carry besides the main port, with its prop path. */
export interface ExposedPort {
  readonly prop: string;
  readonly port: ContainerPortProps;
}

/**
 * The ports the Services carry besides the main port: the extra ports and
 * the ports of the sidecars that are regular containers (those Flagger's
 * port discovery finds too).
 */
export function exposedPorts(props: AppCommonProps): ExposedPort[] {
  return [
    ...(props.extraPorts ?? []).map((port, i) => ({ prop: `extraPorts[${i}]`, port })),
    ...(props.sidecars ?? []).flatMap((s, i) => s.native ? [] : (s.ports ?? []).map((port, j) => ({ prop: `sidecars[${i}].ports[${j}]`, port }))),
  ];
}

/** The spec of one Service of the app selecting `selector`; `main` for the Service `<name>`. */
export function serviceSpec(props: AppCommonProps, selector: Record<string, string>, main: boolean, mainPort: { name: string; port: number }): k8s.ServiceSpec {
  const s = props.service ?? {};
  const affinity = s.sessionAffinity === SessionAffinity.CLIENT_IP;
  return {
    type: main ? s.type ?? ServiceType.CLUSTER_IP : ServiceType.CLUSTER_IP,
    clusterIp: s.headless ? 'None' : undefined,
    selector,
    ports: [
      { name: mainPort.name, port: mainPort.port, targetPort: k8s.IntOrString.fromString(mainPort.name), protocol: 'TCP' },
      ...exposedPorts(props).map(({ port: p }) => ({ name: p.name, port: p.port, targetPort: k8s.IntOrString.fromString(p.name), protocol: p.protocol ?? 'TCP' })),
    ],
    sessionAffinity: s.sessionAffinity,
    sessionAffinityConfig: affinity && s.sessionAffinityTimeoutSeconds !== undefined ? { clientIp: { timeoutSeconds: s.sessionAffinityTimeoutSeconds } } : undefined,
    internalTrafficPolicy: s.internalTrafficPolicy,
    externalTrafficPolicy: main ? s.externalTrafficPolicy : undefined,
  };
}

/** Checks the `service` props and that every Service port number (and protocol) is used once. */
export function checkService(scope: Where, props: AppCommonProps, servicePort: number) {
  const s = props.service ?? {};
  const type = s.type ?? ServiceType.CLUSTER_IP;
  if (s.headless && type !== ServiceType.CLUSTER_IP) throw propError(scope, 'service.headless', true, `a headless Service has no virtual IP to expose: it must be ClusterIP, not ${type}`);
  if (s.headless && s.sessionAffinity === SessionAffinity.CLIENT_IP) {
    throw propError(scope, 'service.sessionAffinity', s.sessionAffinity, 'a headless Service has no virtual IP through which clients could be pinned to a pod');
  }
  Check.int(scope, 'service.sessionAffinityTimeoutSeconds', s.sessionAffinityTimeoutSeconds, 1, MAX_AFFINITY_SECONDS);
  if (s.sessionAffinityTimeoutSeconds !== undefined && s.sessionAffinity !== SessionAffinity.CLIENT_IP) {
    throw propError(scope, 'service.sessionAffinityTimeoutSeconds', s.sessionAffinityTimeoutSeconds, 'applies only with sessionAffinity: SessionAffinity.CLIENT_IP');
  }
  if (s.externalTrafficPolicy !== undefined && type === ServiceType.CLUSTER_IP) {
    throw propError(scope, 'service.externalTrafficPolicy', s.externalTrafficPolicy, 'applies only to NodePort and LoadBalancer Services (set service.type)');
  }
  Check.annotations(scope, 'service.annotations', s.annotations);
  const used = new Map<string, string>([[`${servicePort}/TCP`, 'the main port (servicePort)']]);
  for (const { prop, port } of exposedPorts(props)) {
    const key = `${port.port}/${port.protocol ?? 'TCP'}`;
    if (used.has(key)) throw propError(scope, `${prop}.port`, port.port, `the Services already use ${key} for ${used.get(key)}; every port of a Service needs its own number`);
    used.set(key, prop);
  }
}
