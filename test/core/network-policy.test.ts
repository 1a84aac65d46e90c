import { Testing } from 'cdk8s';
import { ApiVerb, NetworkPolicyPeer, NetworkPolicyPort, RollingApp, RollingAppProps, ServiceType } from '../../lib';
import { expectPropError } from '../support/errors';
import { admits, allowsOut, podLabelSets, selects } from '../support/policy';
import { FLAGGER_STRATEGIES, NAMESPACE, SELF_ROUTED, shopChart, STRATEGIES } from '../support/strategies';
import { find, synthValid } from '../support/validate';

const NAME = 'app.kubernetes.io/name';
const base: RollingAppProps = { name: 'web', image: 'ghcr.io/acme/web:2.1.0' };
const policy = { ingressNamespaces: ['edge'], prometheusNamespace: 'monitoring' };

describe.each(STRATEGIES)('%s: the allows match the wiring', (strategy, make) => {
  const chart = shopChart();
  // a provider, router or route of the strategy's own carries the requests: a plain Ingress would bypass it
  const exposure = SELF_ROUTED.includes(strategy) ? {} : { ingress: { className: 'nginx', hosts: ['web.example.com'] } };
  make(chart, { ...exposure, extraPorts: [{ name: 'metrics', port: 9090 }], monitoring: { port: 'metrics' }, networkPolicy: policy });
  const objects = synthValid(chart);
  const np = find(objects, 'NetworkPolicy', 'web');
  const pods = podLabelSets(objects).filter(l => l[NAME].startsWith('web'));

  test('it selects every pod of the app (Flagger\'s -primary copies included) and no other', () => {
    expect(pods.length).toBeGreaterThan(0);
    expect(pods.filter(l => !selects(np.spec.podSelector, l))).toEqual([]);
    expect(selects(np.spec.podSelector, { [NAME]: 'flagger-loadtester' })).toBe(false);
    expect(selects(np.spec.podSelector, { [NAME]: 'web-canary' })).toBe(false);
    expect(np.spec.policyTypes).toEqual(['Ingress', 'Egress']);
  });

  test('the ingress controller or Gateway namespace reaches the port the Services target, and only it', () => {
    const targets = objects.filter(o => o.kind === 'Service' && o.metadata.name.startsWith('web')).map(s => s.spec.ports[0].targetPort);
    for (const port of [...targets, 'http']) expect(admits(np, NAMESPACE, { namespace: 'edge' }, port)).toBe(true);
    expect(admits(np, NAMESPACE, { namespace: 'edge' }, 'metrics')).toBe(false);
    expect(admits(np, NAMESPACE, { namespace: 'elsewhere' }, 'http')).toBe(false);
    expect(admits(np, NAMESPACE, { namespace: NAMESPACE, labels: { [NAME]: 'other' } }, 'http')).toBe(false);
  });

  test('Prometheus reaches the metrics port, and only it', () => {
    expect(admits(np, NAMESPACE, { namespace: 'monitoring' }, 'metrics')).toBe(true);
    expect(admits(np, NAMESPACE, { namespace: 'monitoring' }, 'http')).toBe(false);
  });

  test('the pods may query kube-dns and nothing else', () => {
    const dns = { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } };
    expect(allowsOut(np, NAMESPACE, dns, 53, 'UDP')).toBe(true);
    expect(allowsOut(np, NAMESPACE, dns, 53, 'TCP')).toBe(true);
    expect(allowsOut(np, NAMESPACE, { namespace: 'kube-system' }, 53, 'UDP')).toBe(false);
    expect(allowsOut(np, NAMESPACE, { namespace: NAMESPACE, labels: { [NAME]: 'db' } }, 5432)).toBe(false);
  });
});

describe.each(FLAGGER_STRATEGIES)('%s: the loadtester its analysis calls', (_strategy, make) => {
  const chart = shopChart();
  make(chart, { networkPolicy: { ingressNamespaces: ['edge'] } });
  const objects = synthValid(chart);
  const np = find(objects, 'NetworkPolicy', 'web');
  const loadtester = find(objects, 'Deployment', 'flagger-loadtester').spec.template.metadata.labels;

  test('reaches the main port of the canary and primary pods', () => {
    expect(admits(np, NAMESPACE, { namespace: NAMESPACE, labels: loadtester }, 'http')).toBe(true);
    expect(admits(np, NAMESPACE, { namespace: 'other', labels: loadtester }, 'http')).toBe(false);
  });
});

describe('the app\'s own rules', () => {
  const chart = shopChart();
  new RollingApp(chart, 'web', {
    ...base,
    automountServiceAccountToken: true,
    serviceAccount: { rules: [{ resources: ['configmaps'], verbs: [ApiVerb.GET] }] },
    networkPolicy: {
      apiServerCidrs: ['10.0.0.1/32'],
      ingress: [{ peers: [NetworkPolicyPeer.app('checkout', 'checkout')], ports: [NetworkPolicyPort.named('http')] }],
      egress: [{ peers: [NetworkPolicyPeer.podsInNamespace('data', { app: 'postgres' })], ports: [NetworkPolicyPort.tcp(5432)] }],
    },
  });
  const np = find(synthValid(chart), 'NetworkPolicy', 'web');

  test('another app of the library is admitted with its -primary pods', () => {
    for (const name of ['checkout', 'checkout-primary']) expect(admits(np, NAMESPACE, { namespace: 'checkout', labels: { [NAME]: name } }, 'http')).toBe(true);
    expect(admits(np, NAMESPACE, { namespace: 'checkout', labels: { [NAME]: 'checkout-canary' } }, 'http')).toBe(false);
  });

  test('egress rules and the API server (for the Role) are allowed', () => {
    expect(allowsOut(np, NAMESPACE, { namespace: 'data', labels: { app: 'postgres' } }, 5432)).toBe(true);
    expect(np.spec.egress).toContainEqual({ to: [{ ipBlock: { cidr: '10.0.0.1/32' } }], ports: [{ protocol: 'TCP', port: 443 }, { protocol: 'TCP', port: 6443 }] });
  });

  test('without an exposure, a monitor or a Role there is only the DNS allow', () => {
    const bare = shopChart();
    new RollingApp(bare, 'web', { ...base, networkPolicy: {} });
    const spec = find(synthValid(bare), 'NetworkPolicy', 'web').spec;
    expect(spec.ingress).toBeUndefined();
    expect(spec.egress).toHaveLength(1);
    new RollingApp(bare, 'api', { ...base, name: 'api', networkPolicy: { allowDns: false } });
    expect(find(Testing.synth(bare), 'NetworkPolicy', 'api').spec.egress).toBeUndefined();
  });
});

describe('validation', () => {
  const make = (networkPolicy: RollingAppProps['networkPolicy'], extra: Partial<RollingAppProps> = {}) => () => new RollingApp(shopChart(), 'web', { ...base, ...extra, networkPolicy });
  const rule = (peers: NetworkPolicyPeer[], ports?: NetworkPolicyPort[]) => ({ ingress: [{ peers, ports }] });
  const cases: Array<[string, () => unknown, string, unknown, string]> = [
    ['ingress namespaces are DNS labels', make({ ingressNamespaces: ['Edge'] }), 'networkPolicy.ingressNamespaces[0]', 'Edge', 'DNS-1123 label'],
    ['the Prometheus namespace is a DNS label', make({ prometheusNamespace: 'mon_itoring' }), 'networkPolicy.prometheusNamespace', 'mon_itoring', 'DNS-1123 label'],
    ['API server addresses are CIDRs', make({ apiServerCidrs: ['10.0.0.1'] }), 'networkPolicy.apiServerCidrs[0]', '10.0.0.1', 'must be a CIDR'],
    ['a rule names its peers', make(rule([])), 'networkPolicy.ingress[0].peers', [], 'a rule without peers would allow everyone'],
    ['peers are NetworkPolicyPeers', make(rule([{ kind: 'pods' } as unknown as NetworkPolicyPeer])), 'networkPolicy.ingress[0].peers[0]', { kind: 'pods' }, 'must be a NetworkPolicyPeer'],
    ['peer namespaces are DNS labels', make(rule([NetworkPolicyPeer.allPodsIn('A')])), 'networkPolicy.ingress[0].peers[0].namespace', 'A', 'DNS-1123 label'],
    ['peer app names are app names', make(rule([NetworkPolicyPeer.app('c'.repeat(56))])), 'networkPolicy.ingress[0].peers[0].appName', 'c'.repeat(56), 'of at most 55 characters (an app name'],
    ['pod peers select by a label', make(rule([NetworkPolicyPeer.pods({})])), 'networkPolicy.ingress[0].peers[0].labels', {}, 'select the pods by at least one label'],
    ['pod peer labels are valid', make(rule([NetworkPolicyPeer.pods({ app: 'a b' })])), 'networkPolicy.ingress[0].peers[0].labels.app', 'a b', 'label values'],
    ['IP blocks are CIDRs', make(rule([NetworkPolicyPeer.ipBlock('10.0.0.0/33')])), 'networkPolicy.ingress[0].peers[0].cidr', '10.0.0.0/33', 'must be a CIDR'],
    ['exceptions lie inside the block', make(rule([NetworkPolicyPeer.ipBlock('10.0.0.0/8', ['192.168.0.0/16'])])), 'networkPolicy.ingress[0].peers[0].except[0]', '192.168.0.0/16', 'must be a range inside 10.0.0.0/8'],
    ['ports are NetworkPolicyPorts', make(rule([NetworkPolicyPeer.allPodsIn('a')], [80 as unknown as NetworkPolicyPort])), 'networkPolicy.ingress[0].ports[0]', 80, 'must be a NetworkPolicyPort'],
    ['port numbers are ports', make(rule([NetworkPolicyPeer.allPodsIn('a')], [NetworkPolicyPort.tcp(70000)])), 'networkPolicy.ingress[0].ports[0].port', 70000, 'must be an integer from 1 to 65535'],
    ['ingress rules name ports of the app\'s pods', make(rule([NetworkPolicyPeer.allPodsIn('a')], [NetworkPolicyPort.named('admin')])), 'networkPolicy.ingress[0].ports[0].name', 'admin', 'must name a port of the app\'s pods: http'],
    ['egress port names are port names', make({ egress: [{ peers: [NetworkPolicyPeer.allPodsIn('a')], ports: [NetworkPolicyPort.named('Postgres_Port')] }] }), 'networkPolicy.egress[0].ports[0].name', 'Postgres_Port', 'port names are at most 15'],
    ['an exposed app names the ingress namespaces', make({}, { ingress: { hosts: ['web.example.com'] } }), 'networkPolicy.ingressNamespaces', undefined, 'the app is reached through its Ingress: list the namespaces of the ingress controller'],
    ['a monitored app names the Prometheus namespace', make({}, { monitoring: {} }), 'networkPolicy.prometheusNamespace', undefined, 'the app is monitored: give the namespace Prometheus runs in'],
    ['an app with a Role names the API server', make({}, { automountServiceAccountToken: true, serviceAccount: { rules: [{ resources: ['pods'], verbs: [ApiVerb.LIST] }] } }), 'networkPolicy.apiServerCidrs', undefined, 'the app has Role rules: give the API server\'s addresses'],
    ['a LoadBalancer or NodePort Service lets an IP range in on the main port', make({ ingress: [{ peers: [NetworkPolicyPeer.ipBlock('203.0.113.0/24')], ports: [NetworkPolicyPort.tcp(9000)] }] }, { service: { type: ServiceType.LOAD_BALANCER } }),
      'networkPolicy.ingress', [{ peers: [{ kind: 'ipBlock', cidr: '203.0.113.0/24' }], ports: [{ protocol: 'TCP', port: 9000 }] }],
      'the LoadBalancer Service takes requests from outside the cluster, which the policy denies: add a rule with the addresses they come from on the main port, e.g. { peers: [NetworkPolicyPeer.ipBlock(\'203.0.113.0/24\')], ports: [NetworkPolicyPort.named(\'http\')] }'],
  ];
  test.each(cases)('%s', (_rule, fn, prop, value, message) => {
    expectPropError(fn, prop, value, message);
  });

  test('an external Service is admitted from the IP ranges of a rule on the main port (by name, number or every port)', () => {
    const admitted = (type: ServiceType, ports?: NetworkPolicyPort[]) => {
      const chart = shopChart();
      new RollingApp(chart, 'web', { ...base, service: { type }, networkPolicy: { ingress: [{ peers: [NetworkPolicyPeer.ipBlock('10.0.0.0/8')], ports }] } });
      return find(synthValid(chart), 'NetworkPolicy', 'web').spec.ingress;
    };
    expect(admitted(ServiceType.NODE_PORT, [NetworkPolicyPort.named('http')])).toEqual([{ from: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: [{ protocol: 'TCP', port: 'http' }] }]);
    expect(admitted(ServiceType.LOAD_BALANCER, [NetworkPolicyPort.tcp(8080)])).toHaveLength(1);
    expect(admitted(ServiceType.LOAD_BALANCER)).toEqual([{ from: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }]);
    expectPropError(make({}, { service: { type: ServiceType.NODE_PORT } }), 'networkPolicy.ingress', undefined, 'the NodePort Service takes requests from outside the cluster');
  });

  test('a Flagger app routed by its provider names the ingress namespaces', () => {
    const [, canary] = FLAGGER_STRATEGIES[0];
    expectPropError(() => canary(shopChart(), { networkPolicy: {} }), 'networkPolicy.ingressNamespaces', undefined, 'the app is reached through the gatewayapi:v1 provider\'s routing');
  });
});
