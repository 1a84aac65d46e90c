import { Testing } from 'cdk8s';
import { Protocol, RollingApp, RollingAppProps, ServiceType, SessionAffinity, TrafficPolicy } from '../../lib';
import { expectPropError } from '../support/errors';
import { FLAGGER_STRATEGIES, shopChart, STRATEGIES } from '../support/strategies';
import { find, synthValid } from '../support/validate';

const base: RollingAppProps = { name: 'web', image: 'ghcr.io/acme/web:2.1.0' };
const ports = {
  extraPorts: [{ name: 'metrics', port: 9090 }, { name: 'syslog', port: 5514, protocol: Protocol.UDP }],
  sidecars: [{ name: 'proxy', image: 'ghcr.io/acme/proxy:1.0.0', ports: [{ name: 'proxy-admin', port: 9901 }] }],
};
const expectedPorts = [
  { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
  { name: 'metrics', port: 9090, targetPort: 'metrics', protocol: 'TCP' },
  { name: 'syslog', port: 5514, targetPort: 'syslog', protocol: 'UDP' },
  { name: 'proxy-admin', port: 9901, targetPort: 'proxy-admin', protocol: 'TCP' },
];

describe.each(STRATEGIES.filter(([name]) => !FLAGGER_STRATEGIES.some(([f]) => f === name)))('%s', (_strategy, make) => {
  const chart = shopChart();
  make(chart, { ...ports, service: { sessionAffinity: SessionAffinity.CLIENT_IP, internalTrafficPolicy: TrafficPolicy.LOCAL } });
  const services = synthValid(chart).filter(o => o.kind === 'Service');

  test('every Service carries the main port, the extra ports and the sidecars\' ports', () => {
    expect(services.length).toBeGreaterThan(0);
    for (const s of services) expect({ service: s.metadata.name, ports: s.spec.ports }).toEqual({ service: s.metadata.name, ports: expectedPorts });
  });

  test('every Service takes the session affinity and the internal traffic policy', () => {
    for (const s of services) expect(s.spec).toMatchObject({ sessionAffinity: 'ClientIP', internalTrafficPolicy: 'Local' });
  });
});

describe.each(FLAGGER_STRATEGIES)('%s', (_strategy, make) => {
  const chart = shopChart();
  make(chart, { ...ports, service: { headless: true, annotations: { 'external-dns.alpha.kubernetes.io/hostname': 'web.example.com' } } });
  const canary = find(synthValid(chart), 'Canary', 'web').spec.service;

  test('Flagger discovers the other ports (its Services get them), makes headless Services and annotates the apex', () => {
    expect(canary).toMatchObject({ portDiscovery: true, headless: true, apex: { annotations: { 'external-dns.alpha.kubernetes.io/hostname': 'web.example.com' } } });
  });

  test.each([
    ['type', { type: ServiceType.LOAD_BALANCER }, 'LoadBalancer'],
    ['sessionAffinity', { sessionAffinity: SessionAffinity.CLIENT_IP }, 'ClientIP'],
    ['internalTrafficPolicy', { internalTrafficPolicy: TrafficPolicy.LOCAL }, 'Local'],
  ])('refuses service.%s, which Flagger\'s Services cannot carry', (key, service, value) => {
    expectPropError(() => make(shopChart(), { service }), `service.${key}`, value, 'Flagger generates the Services (ClusterIP, owned by the Canary');
  });
});

describe('the main Service', () => {
  const chart = Testing.chart();
  new RollingApp(chart, 'web', {
    ...base,
    service: { type: ServiceType.LOAD_BALANCER, annotations: { 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal' }, externalTrafficPolicy: TrafficPolicy.LOCAL, sessionAffinity: SessionAffinity.CLIENT_IP, sessionAffinityTimeoutSeconds: 600 },
  });
  const service = find(synthValid(chart), 'Service', 'web');

  test('takes the type, annotations, external traffic policy and affinity timeout', () => {
    expect(service.metadata.annotations).toEqual({ 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal' });
    expect(service.spec).toMatchObject({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } } });
  });

  test('a headless Service has no cluster IP; the preview Service of a blue/green stays ClusterIP without the annotations', () => {
    const headless = Testing.chart();
    new RollingApp(headless, 'web', { ...base, service: { headless: true } });
    expect(find(synthValid(headless), 'Service', 'web').spec).toMatchObject({ type: 'ClusterIP', clusterIP: 'None' });
    const [, blueGreen] = STRATEGIES[1];
    const bg = shopChart();
    blueGreen(bg, { service: { type: ServiceType.NODE_PORT, annotations: { team: 'web' } } });
    const preview = find(synthValid(bg), 'Service', 'web-preview');
    expect(preview.spec.type).toBe('ClusterIP');
    expect(preview.metadata.annotations).toBeUndefined();
  });
});

describe('validation', () => {
  const make = (props: Partial<RollingAppProps>) => () => new RollingApp(Testing.chart(), 'web', { ...base, ...props });
  const cases: Array<[string, () => unknown, string, unknown, string]> = [
    ['a headless Service is ClusterIP', make({ service: { headless: true, type: ServiceType.NODE_PORT } }), 'service.headless', true, 'a headless Service has no virtual IP to expose: it must be ClusterIP, not NodePort'],
    ['a headless Service has no ClientIP affinity', make({ service: { headless: true, sessionAffinity: SessionAffinity.CLIENT_IP } }), 'service.sessionAffinity', 'ClientIP', 'a headless Service has no virtual IP'],
    ['the affinity timeout is 1 to 86400 seconds', make({ service: { sessionAffinity: SessionAffinity.CLIENT_IP, sessionAffinityTimeoutSeconds: 0 } }), 'service.sessionAffinityTimeoutSeconds', 0, 'must be an integer from 1 to 86400'],
    ['the affinity timeout needs ClientIP affinity', make({ service: { sessionAffinityTimeoutSeconds: 60 } }), 'service.sessionAffinityTimeoutSeconds', 60, 'applies only with sessionAffinity: SessionAffinity.CLIENT_IP'],
    ['the external traffic policy needs NodePort or LoadBalancer', make({ service: { externalTrafficPolicy: TrafficPolicy.LOCAL } }), 'service.externalTrafficPolicy', 'Local', 'applies only to NodePort and LoadBalancer Services'],
    ['annotation keys are valid', make({ service: { annotations: { 'bad key': 'x' } } }), 'service.annotations.bad key', 'bad key', 'annotation keys are'],
    ['a Service port number is used once', make({ servicePort: 9090, extraPorts: [{ name: 'metrics', port: 9090 }] }), 'extraPorts[0].port', 9090, 'the Services already use 9090/TCP for the main port (servicePort)'],
  ];
  test.each(cases)('%s', (_rule, fn, prop, value, message) => {
    expectPropError(fn, prop, value, message);
  });
});
