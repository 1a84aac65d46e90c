/**
 * The app's NetworkPolicy: a default-deny on its pods (Flagger's primary
 * pods included) plus the allows its wiring implies and the user's rules,
 * and the checks of the `networkPolicy` props. Internal.
 */
import { k8s } from 'cdk8s-plus-28';
import { Check } from './check';
import { propError, Where } from './errors';
import { NAME_LABEL } from './labels';
import { NetworkPolicyPeer, NetworkPolicyPeerKind, NetworkPolicyPort, NetworkPolicyProps, NetworkPolicyRuleProps } from './network-policy-props';

/** The label every namespace carries with its name (Kubernetes 1.22+). */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
/** The ports an API server listens on (443 on managed clusters, 6443 with kubeadm). */
const API_SERVER_PORTS = [443, 6443];
const IPV4_CIDR = /^([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\/([0-9]{1,2})$/;
const IPV6_CIDR = /^[0-9a-fA-F:]+:[0-9a-fA-F:.]*\/[0-9]{1,3}$/;

/** What the app's own wiring asks of its NetworkPolicy. */
export interface PolicyWiring {
  /** Values of the name label on the app's pods (`<name>`, and `<name>-primary` under Flagger). */
  readonly podNames: string[];
  /** How requests from an ingress controller or Gateway reach the app, if they do. */
  readonly exposedThrough?: string;
  /** The loadtesters the analysis calls, allowed to the main port. */
  readonly loadTesters: NetworkPolicyPeer[];
  /** The name of the main port. */
  readonly mainPort: string;
  /** The number of the main port. */
  readonly mainPortNumber: number;
  /** The type of the main Service when it takes requests from outside the cluster (NodePort or LoadBalancer). */
  readonly externalService?: string;
  /** The name of the metrics port, when Prometheus scrapes the app. */
  readonly metricsPort?: string;
  /** Whether the app has Role rules (so it talks to the API server). */
  readonly usesApi: boolean;
}

/** A selector of the pods whose name label is one of `names`. */
export function nameSelector(names: string[]): k8s.LabelSelector {
  return names.length === 1
    ? { matchLabels: { [NAME_LABEL]: names[0] } }
    : { matchExpressions: [{ key: NAME_LABEL, operator: 'In', values: names }] };
}

/** The spec of the NetworkPolicy of `np` for the wiring `w`. */
export function networkPolicySpec(np: NetworkPolicyProps, w: PolicyWiring): k8s.NetworkPolicySpec {
  const main = [NetworkPolicyPort.named(w.mainPort)];
  const ingress: k8s.NetworkPolicyIngressRule[] = [];
  if (w.exposedThrough) ingress.push(rule((np.ingressNamespaces ?? []).map(n => NetworkPolicyPeer.allPodsIn(n)), main));
  if (w.loadTesters.length) ingress.push(rule(w.loadTesters, main));
  if (w.metricsPort !== undefined) ingress.push(rule([NetworkPolicyPeer.allPodsIn(np.prometheusNamespace!)], [NetworkPolicyPort.named(w.metricsPort)]));
  ingress.push(...(np.ingress ?? []).map(r => rule(r.peers, r.ports)));
  const egress: k8s.NetworkPolicyEgressRule[] = [];
  if (np.allowDns ?? true) {
    egress.push(rule([NetworkPolicyPeer.podsInNamespace('kube-system', { 'k8s-app': 'kube-dns' })], [NetworkPolicyPort.udp(53), NetworkPolicyPort.tcp(53)], 'to'));
  }
  if (w.usesApi) egress.push(rule((np.apiServerCidrs ?? []).map(c => NetworkPolicyPeer.ipBlock(c)), API_SERVER_PORTS.map(p => NetworkPolicyPort.tcp(p)), 'to'));
  egress.push(...(np.egress ?? []).map(r => rule(r.peers, r.ports, 'to')));
  return {
    podSelector: nameSelector(w.podNames),
    policyTypes: ['Ingress', 'Egress'],
    ingress: ingress.length ? ingress : undefined,
    egress: egress.length ? egress : undefined,
  };
}

function rule(peers: NetworkPolicyPeer[], ports: NetworkPolicyPort[] | undefined, side: 'from' | 'to' = 'from'): k8s.NetworkPolicyIngressRule & k8s.NetworkPolicyEgressRule {
  return {
    [side]: peers.map(peerSpec),
    ports: ports?.length ? ports.map(p => ({ protocol: p.protocol, port: p.name !== undefined ? k8s.IntOrString.fromString(p.name) : k8s.IntOrString.fromNumber(p.port!) })) : undefined,
  };
}

function peerSpec(p: NetworkPolicyPeer): k8s.NetworkPolicyPeer {
  const namespaceSelector = p.namespace !== undefined ? { matchLabels: { [NAMESPACE_NAME_LABEL]: p.namespace } } : undefined;
  switch (p.kind) {
    case NetworkPolicyPeerKind.IP_BLOCK:
      return { ipBlock: { cidr: p.cidr!, except: p.except?.length ? p.except : undefined } };
    case NetworkPolicyPeerKind.NAMESPACE:
      return { namespaceSelector };
    default:
      return { namespaceSelector, podSelector: p.appName !== undefined ? nameSelector([p.appName, `${p.appName}-primary`]) : { matchLabels: p.labels } };
  }
}

/** Checks the `networkPolicy` props; `podPorts` are the port names of the app's pods. */
export function checkNetworkPolicy(scope: Where, np: NetworkPolicyProps | undefined, podPorts: string[]) {
  if (!np) return;
  (np.ingressNamespaces ?? []).forEach((n, i) => Check.dns1123Label(scope, `networkPolicy.ingressNamespaces[${i}]`, n));
  if (np.prometheusNamespace !== undefined) Check.dns1123Label(scope, 'networkPolicy.prometheusNamespace', np.prometheusNamespace);
  (np.apiServerCidrs ?? []).forEach((c, i) => checkCidr(scope, `networkPolicy.apiServerCidrs[${i}]`, c));
  for (const side of ['ingress', 'egress'] as const) {
    (np[side] ?? []).forEach((r, i) => checkRule(scope, `networkPolicy.${side}[${i}]`, r, side === 'ingress' ? podPorts : undefined));
  }
}

/** Refuses a policy that would block what the app's wiring needs and that the props do not say how to allow. */
export function checkPolicyWiring(scope: Where, np: NetworkPolicyProps, w: PolicyWiring) {
  if (w.exposedThrough && !np.ingressNamespaces?.length) {
    throw propError(scope, 'networkPolicy.ingressNamespaces', np.ingressNamespaces, `the app is reached through ${w.exposedThrough}: list the namespaces of the ingress controller or Gateway pods that forward the requests, or the policy blocks them`);
  }
  if (w.metricsPort !== undefined && np.prometheusNamespace === undefined) {
    throw propError(scope, 'networkPolicy.prometheusNamespace', np.prometheusNamespace, 'the app is monitored: give the namespace Prometheus runs in, or the policy blocks its scrapes');
  }
  if (w.externalService && !(np.ingress ?? []).some(r => admitsAddressesOnMainPort(r, w))) {
    throw propError(scope, 'networkPolicy.ingress', np.ingress,
      `the ${w.externalService} Service takes requests from outside the cluster, which the policy denies: add a rule with the addresses they come from on the main port, `
      + `e.g. { peers: [NetworkPolicyPeer.ipBlock('203.0.113.0/24')], ports: [NetworkPolicyPort.named('${w.mainPort}')] } (the clients' addresses with externalTrafficPolicy Local; `
      + 'with Cluster, the nodes\' and load balancer\'s, which kube-proxy puts in their place)');
  }
  if (w.usesApi && !np.apiServerCidrs?.length) {
    throw propError(scope, 'networkPolicy.apiServerCidrs', np.apiServerCidrs, 'the app has Role rules: give the API server\'s addresses (kubectl get endpoints kubernetes -n default), or the policy blocks its calls');
  }
}

/** Whether `r` lets an IP range in on the main port. */
function admitsAddressesOnMainPort(r: NetworkPolicyRuleProps, w: PolicyWiring): boolean {
  const mainPort = (p: NetworkPolicyPort) => p.protocol === 'TCP' && (p.name === w.mainPort || p.port === w.mainPortNumber);
  return r.peers.some(p => p.kind === NetworkPolicyPeerKind.IP_BLOCK) && (!r.ports?.length || r.ports.some(mainPort));
}

function checkRule(scope: Where, prop: string, r: NetworkPolicyRuleProps, podPorts: string[] | undefined) {
  if (!r.peers?.length) throw propError(scope, `${prop}.peers`, r.peers, 'list at least one peer (a rule without peers would allow everyone)');
  r.peers.forEach((p, i) => checkPeer(scope, `${prop}.peers[${i}]`, p));
  (r.ports ?? []).forEach((p, i) => {
    const pp = `${prop}.ports[${i}]`;
    if (!(p instanceof NetworkPolicyPort)) throw propError(scope, pp, p, 'must be a NetworkPolicyPort such as NetworkPolicyPort.tcp(5432)');
    if (p.name === undefined) Check.port(scope, `${pp}.port`, p.port ?? 0);
    else if (podPorts && !podPorts.includes(p.name)) throw propError(scope, `${pp}.name`, p.name, `must name a port of the app's pods: ${podPorts.join(', ')}`);
    else Check.portName(scope, `${pp}.name`, p.name);
  });
}

function checkPeer(scope: Where, prop: string, p: NetworkPolicyPeer) {
  if (!(p instanceof NetworkPolicyPeer)) throw propError(scope, prop, p, 'must be a NetworkPolicyPeer such as NetworkPolicyPeer.allPodsIn("clients")');
  if (p.namespace !== undefined) Check.dns1123Label(scope, `${prop}.namespace`, p.namespace);
  if (p.appName !== undefined) Check.dns1035(scope, `${prop}.appName`, p.appName, 55, ' (an app name: its pods are selected with "<name>-primary" too)');
  if (p.kind === NetworkPolicyPeerKind.PODS && p.appName === undefined) {
    if (!p.labels || !Object.keys(p.labels).length) throw propError(scope, `${prop}.labels`, p.labels, 'select the pods by at least one label (NetworkPolicyPeer.allPodsIn allows a whole namespace)');
    Check.labels(scope, `${prop}.labels`, p.labels);
  }
  if (p.kind !== NetworkPolicyPeerKind.IP_BLOCK) return;
  checkCidr(scope, `${prop}.cidr`, p.cidr!);
  (p.except ?? []).forEach((e, i) => {
    checkCidr(scope, `${prop}.except[${i}]`, e);
    if (!within(e, p.cidr!)) throw propError(scope, `${prop}.except[${i}]`, e, `must be a range inside ${p.cidr}`);
  });
}

function checkCidr(scope: Where, prop: string, cidr: string) {
  const v4 = typeof cidr === 'string' ? IPV4_CIDR.exec(cidr) : null;
  const ok = v4 ? v4.slice(1, 5).every(o => Number(o) <= 255) && Number(v4[5]) <= 32 : typeof cidr === 'string' && IPV6_CIDR.test(cidr) && Number(cidr.split('/')[1]) <= 128;
  if (!ok) throw propError(scope, prop, cidr, 'must be a CIDR such as "10.0.0.0/8" or "fd00::/8"');
}

/** Whether the IPv4 range `inner` lies inside `outer` (IPv6 ranges are left to the API server). */
function within(inner: string, outer: string): boolean {
  const parse = (c: string) => {
    const m = IPV4_CIDR.exec(c);
    return m ? { ip: m.slice(1, 5).reduce((n, o) => n * 256 + Number(o), 0), bits: Number(m[5]) } : undefined;
  };
  const a = parse(inner);
  const b = parse(outer);
  if (!a || !b) return true;
  const block = 2 ** (32 - b.bits);
  return a.bits > b.bits && Math.floor(a.ip / block) === Math.floor(b.ip / block);
}
