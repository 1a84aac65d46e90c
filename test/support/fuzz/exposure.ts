/**
 * Arbitraries of how an app is reached, scaled, placed and identified:
 * Ingress, HTTPRoute, Services, NetworkPolicy, monitoring, service account,
 * scheduling, autoscaling and the disruption budget.
 */
import * as fc from 'fast-check';
import {
  ApiVerb, AppServiceAccountProps, AppServiceProps, AutoscalingProps, CountOrPercent, DisruptionBudgetProps, GatewayRef, HttpRouteProps, IngressProps,
  LabelExpression, MonitoringProps, MonitorKind, NetworkPolicyPeer, NetworkPolicyPort, NetworkPolicyProps, NetworkPolicyRuleProps, PathType, PodSpread,
  RoutePath, SchedulingProps, ServiceAccountRef, ServiceType, SessionAffinity, TaintEffect, Toleration, TrafficPolicy, WhenUnsatisfiable,
} from '../../../lib';
import { portName } from './containers';
import { dnsName, duration, edgeNumber, host, int, labels, labelValue, list, oneOf, pick, props, record, urlPath, usually } from './values';

const pathType = () => fc.constantFrom(undefined, PathType.PREFIX, PathType.EXACT, PathType.IMPLEMENTATION_SPECIFIC);

export const ingress = (): fc.Arbitrary<IngressProps> => props<IngressProps>({
  hosts: list(host(), 2),
  path: urlPath(),
  pathType: pathType().filter(p => p !== undefined) as fc.Arbitrary<PathType>,
  className: pick(['nginx', 'traefik'], ['Nginx']),
  tlsSecretName: dnsName('web-tls'),
  annotations: labels(),
}, 0.3);

export const gatewayRef = (): fc.Arbitrary<GatewayRef> => fc.tuple(
  dnsName('public', 'internal'),
  props<GatewayRef>({ namespace: dnsName('gateway-system', 'shop'), sectionName: oneOf('https', 'http', 'web'), port: usually(fc.constantFrom(80, 443), edgeNumber()) }, 0.4),
).map(([name, rest]) => ({ name, ...rest }));

export const routePath = (): fc.Arbitrary<RoutePath> => fc.oneof(
  urlPath().map(RoutePath.prefix), urlPath().map(RoutePath.exact), pick(['/api/.*', '/v[0-9]+'], ['[', '']).map(RoutePath.regex),
);

const headerModifier = () => props({ set: record(pick(['x-env', 'X-Up'], ['bad header']), labelValue()), add: record(oneOf('x-a'), labelValue()), remove: list(pick(['x-b', 'x-c'], ['']), 2) }, 0.4);

export const route = (): fc.Arbitrary<HttpRouteProps> => fc.tuple(
  usually(gatewayRef().map(r => [r]), list(gatewayRef(), 3, 1), 3),
  props<HttpRouteProps>({
    hostnames: list(host(), 2),
    paths: list(routePath(), 2),
    requestTimeout: duration(),
    backendRequestTimeout: duration(),
    requestHeaders: headerModifier(),
    responseHeaders: headerModifier(),
    annotations: labels(),
  }, 0.2),
).map(([parentRefs, rest]) => ({ parentRefs, ...rest }));

export const service = (): fc.Arbitrary<AppServiceProps> => props<AppServiceProps>({
  type: fc.constantFrom(ServiceType.CLUSTER_IP, ServiceType.NODE_PORT, ServiceType.LOAD_BALANCER),
  headless: fc.boolean(),
  annotations: labels(),
  sessionAffinity: fc.constantFrom(SessionAffinity.NONE, SessionAffinity.CLIENT_IP),
  sessionAffinityTimeoutSeconds: int(1, 86400),
  internalTrafficPolicy: fc.constantFrom(TrafficPolicy.CLUSTER, TrafficPolicy.LOCAL),
  externalTrafficPolicy: fc.constantFrom(TrafficPolicy.CLUSTER, TrafficPolicy.LOCAL),
}, 0.25);

const peer = (): fc.Arbitrary<NetworkPolicyPeer> => fc.oneof(
  labels().map(NetworkPolicyPeer.pods),
  fc.tuple(dnsName('monitoring', 'shop'), labels()).map(([ns, l]) => NetworkPolicyPeer.podsInNamespace(ns, l)),
  fc.tuple(dnsName('api', 'web'), fc.option(dnsName('shop'), { nil: undefined })).map(([n, ns]) => NetworkPolicyPeer.app(n, ns)),
  dnsName('ingress-nginx', 'monitoring').map(NetworkPolicyPeer.allPodsIn),
  fc.tuple(pick(['10.0.0.0/8', '192.168.0.0/16', '::/0'], ['10.0.0.1', '300.0.0.0/8', '10.0.0.1/8']), fc.option(list(oneOf('10.1.0.0/16', '11.0.0.0/8'), 2), { nil: undefined }))
    .map(([c, e]) => NetworkPolicyPeer.ipBlock(c, e)),
);

const policyPort = (): fc.Arbitrary<NetworkPolicyPort> => fc.oneof(
  usually(fc.constantFrom(443, 5432, 53), edgeNumber()).map(NetworkPolicyPort.tcp),
  usually(fc.constantFrom(53), edgeNumber()).map(NetworkPolicyPort.udp),
  portName().map(NetworkPolicyPort.named),
);

const policyRule = (): fc.Arbitrary<NetworkPolicyRuleProps> => fc.record({ peers: list(peer(), 2), ports: fc.option(list(policyPort(), 2), { nil: undefined }) })
  .map(r => (r.ports === undefined ? { peers: r.peers } : r));

export const networkPolicy = (): fc.Arbitrary<NetworkPolicyProps> => props<NetworkPolicyProps>({
  ingressNamespaces: list(dnsName('ingress-nginx', 'gateway-system'), 2),
  prometheusNamespace: dnsName('monitoring'),
  apiServerCidrs: list(pick(['10.0.0.1/32', '172.20.0.0/16'], ['x']), 2),
  allowDns: fc.boolean(),
  ingress: list(policyRule(), 2),
  egress: list(policyRule(), 2),
}, 0.35);

export const monitoring = (): fc.Arbitrary<MonitoringProps> => props<MonitoringProps>({
  port: portName(),
  path: urlPath(),
  interval: duration(),
  scrapeTimeout: duration(),
  kind: fc.constantFrom(MonitorKind.SERVICE_MONITOR, MonitorKind.POD_MONITOR),
  labels: labels(),
}, 0.3);

export const serviceAccount = (): fc.Arbitrary<AppServiceAccountProps> => props<AppServiceAccountProps>({
  existing: dnsName('runner', 'web').map(ServiceAccountRef.fromName),
  annotations: labels(),
  rules: list(fc.record({
    apiGroups: fc.option(list(oneOf('', 'apps', 'coordination.k8s.io'), 2), { nil: undefined }),
    resources: list(pick(['configmaps', 'leases', 'pods/log'], ['nodes', 'Pods', 'namespaces']), 2),
    verbs: list(fc.constantFrom(...Object.values(ApiVerb), 'escalate' as ApiVerb), 2),
    resourceNames: fc.option(list(dnsName('lock'), 2), { nil: undefined }),
  }).map(r => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as any), 2),
}, 0.35);

const labelKey = () => oneOf('kubernetes.io/hostname', 'topology.kubernetes.io/zone', 'node-type', 'example.com/gpu');
const expression = (): fc.Arbitrary<LabelExpression> => fc.oneof(
  fc.tuple(labelKey(), list(labelValue(), 2)).map(([k, v]) => LabelExpression.in(k, v)),
  fc.tuple(labelKey(), list(labelValue(), 2)).map(([k, v]) => LabelExpression.notIn(k, v)),
  labelKey().map(LabelExpression.exists),
  labelKey().map(LabelExpression.doesNotExist),
  fc.tuple(labelKey(), int(0, 100)).map(([k, v]) => LabelExpression.greaterThan(k, v)),
  fc.tuple(labelKey(), int(0, 100)).map(([k, v]) => LabelExpression.lessThan(k, v)),
);
const podAffinity = () => fc.tuple(labelKey(), props({ labels: labels(), expressions: list(expression(), 2), namespaces: list(dnsName('shop'), 2), weight: int(1, 100) }, 0.4))
  .map(([topologyKey, rest]) => ({ topologyKey, ...rest }));
const toleration = (): fc.Arbitrary<Toleration> => {
  const options = props({ effect: fc.constantFrom(...Object.values(TaintEffect)), tolerationSeconds: int(0, 3600) }, 0.4);
  return fc.oneof(
    fc.tuple(labelKey(), labelValue(), options).map(([k, v, o]) => Toleration.equal(k, v, o)),
    fc.tuple(labelKey(), options).map(([k, o]) => Toleration.exists(k, o)),
  );
};

export const scheduling = (): fc.Arbitrary<SchedulingProps> => props<SchedulingProps>({
  nodeSelector: labels(),
  tolerations: list(toleration(), 2),
  nodeAffinity: list(fc.tuple(list(expression(), 2), fc.option(int(1, 100), { nil: undefined })).map(([expressions, weight]) => (weight === undefined ? { expressions } : { expressions, weight })), 2),
  podAffinity: list(podAffinity(), 1),
  podAntiAffinity: list(podAffinity(), 1),
  topologySpread: list(fc.tuple(labelKey(), props({ maxSkew: int(1, 5), whenUnsatisfiable: fc.constantFrom(...Object.values(WhenUnsatisfiable)), minDomains: int(1, 5) }, 0.4))
    .map(([topologyKey, rest]) => ({ topologyKey, ...rest })), 2),
  priorityClassName: dnsName('high', 'system-node-critical'),
  runtimeClassName: dnsName('gvisor'),
}, 0.2);

export const countOrPercent = (): fc.Arbitrary<CountOrPercent> => fc.oneof(
  int(0, 5).map(CountOrPercent.count), int(0, 100).map(CountOrPercent.percent),
);

export const disruptionBudget = (): fc.Arbitrary<DisruptionBudgetProps> => props<DisruptionBudgetProps>({
  enabled: fc.boolean(), maxUnavailable: countOrPercent(), minAvailable: countOrPercent(),
}, 0.35);

export const autoscaling = (): fc.Arbitrary<AutoscalingProps> => fc.tuple(
  int(1, 20),
  props<AutoscalingProps>({ minReplicas: int(1, 6), cpuUtilization: int(1, 100), memoryUtilization: int(1, 100) }, 0.3),
).map(([maxReplicas, rest]) => ({ maxReplicas, ...rest }));

/** How the app is reached, scaled, placed and identified (AppCommonProps fields). */
export const exposureProps = () => ({
  servicePort: usually(fc.constantFrom(80, 8080, 443), edgeNumber()),
  disruptionBudget: disruptionBudget(),
  spread: fc.constantFrom(...Object.values(PodSpread)),
  autoscaling: autoscaling(),
  ingress: ingress(),
  route: route(),
  partOf: labelValue(),
  labels: labels(),
  annotations: labels(),
  podAnnotations: labels(),
  scheduling: scheduling(),
  service: service(),
  serviceAccount: serviceAccount(),
  networkPolicy: networkPolicy(),
  monitoring: monitoring(),
});
