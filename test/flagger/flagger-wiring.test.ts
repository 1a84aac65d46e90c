import { Testing } from 'cdk8s';
import {
  CanaryProvider, ConfigMapRef, EnvFrom, FlaggerBlueGreenApp, FlaggerBlueGreenAppProps, LoadTester, Metric, NetworkPolicyPeer, SecretRef, VolumeSource,
} from '../../lib';
import { expectPropError } from '../support/errors';
import { admits } from '../support/policy';
import { find, synthValid } from '../support/validate';

const tester = LoadTester.inNamespace('tests');
const base: FlaggerBlueGreenAppProps = {
  name: 'api', namespace: 'shop', image: 'ghcr.io/acme/api:1.4.2',
  analysis: { interval: '1m', threshold: 2, iterations: 5, metrics: [Metric.requestSuccessRate()], webhooks: [tester.heyLoadTest({ url: 'http://api-canary.shop/' })] },
};
const make = (props: Partial<FlaggerBlueGreenAppProps> = {}) => new FlaggerBlueGreenApp(Testing.chart(), 'api', { ...base, ...props });
const NOTE = 'Nothing scrapes this app: the builtin metric request-success-rate of the kubernetes provider reads the app\'s own `http_request_duration_seconds` series';

describe('builtin metrics that nothing scrapes', () => {
  test('the plan says so when the provider\'s builtin metrics read the app\'s own series and the app is not monitored', () => {
    expect(make().plan.notes[0]).toContain(NOTE);
    expect(make().plan.notes[0]).toContain('every check fails with "no values found"');
  });

  test('the gatewayapi provider reads the app\'s own series too (Flagger\'s observer for gatewayapi:* is the kubernetes provider\'s)', () => {
    const gatewayApi = CanaryProvider.gatewayApi({ gatewayRefs: [{ name: 'public', namespace: 'gateway-system' }] });
    expect(make({ provider: gatewayApi }).plan.notes[0]).toContain('the builtin metric request-success-rate of the gatewayapi:v1 provider reads the app\'s own `http_request_duration_seconds` series');
  });

  test('no note once the app is monitored, or when the metrics come from the router', () => {
    expect(make({ monitoring: {} }).plan.notes.join('\n')).not.toContain('Nothing scrapes');
    expect(make({ provider: CanaryProvider.istio() }).plan.notes.join('\n')).not.toContain('Nothing scrapes');
    expect(make({ analysis: { ...base.analysis, metrics: [] } }).plan.notes.join('\n')).not.toContain('Nothing scrapes');
  });
});

describe('the ConfigMaps and Secrets Flagger tracks', () => {
  const app = make({
    envFrom: [EnvFrom.secret('api-env')],
    sidecars: [{ name: 'agent', image: 'ghcr.io/acme/agent:1.0.0', envFrom: [EnvFrom.configMap('agent-env')] }],
    volumes: [
      { name: 'tls', source: VolumeSource.secret(SecretRef.fromName('api-tls')) },
      { name: 'flags', source: VolumeSource.configMap(ConfigMapRef.fromName('api-flags')) },
    ],
    volumeMounts: [{ volume: 'tls', path: '/etc/tls' }, { volume: 'flags', path: '/etc/flags' }],
  });

  test('include those of volumes and sidecars: the plan lists their -primary copies', () => {
    const copies = app.plan.runtimeObjects.filter(o => o.name.endsWith('-primary') && (o.kind === 'ConfigMap' || o.kind === 'Secret')).map(o => `${o.kind}/${o.name}`);
    expect(copies).toEqual(['ConfigMap/agent-env-primary', 'ConfigMap/api-flags-primary', 'Secret/api-env-primary', 'Secret/api-tls-primary']);
  });

  test('a volume\'s Secret name leaves room for "-primary"', () => {
    const long = 's'.repeat(246);
    expectPropError(() => make({ volumes: [{ name: 'v', source: VolumeSource.secret(SecretRef.fromName(long)) }], volumeMounts: [{ volume: 'v', path: '/v' }] }),
      'volumes[0].source.ref.name', long, 'at most 245 characters: Flagger copies it to "<name>-primary"');
  });
});

describe('the loadtesters of the analysis', () => {
  test('a loadtester known by namespace is admitted from that namespace; one known by URL only is left to the user\'s rules', () => {
    const byUrl = LoadTester.at('http://loadtester.example.com/');
    const chart = Testing.chart();
    new FlaggerBlueGreenApp(chart, 'api', {
      ...base,
      analysis: { ...base.analysis, webhooks: [tester.heyLoadTest({ url: 'http://api-canary.shop/' }), byUrl.bashTest({ command: 'true' })] },
      networkPolicy: { ingress: [{ peers: [NetworkPolicyPeer.ipBlock('203.0.113.0/24')] }] },
    });
    const np = find(synthValid(chart), 'NetworkPolicy', 'api');
    expect(admits(np, 'shop', { namespace: 'tests' }, 'http')).toBe(true);
    expect(np.spec.ingress).toHaveLength(2);
  });
});

test('the Canary refuses invalid apex annotation keys', () => {
  expectPropError(() => make({ service: { annotations: { 'a b': 'c' } } }), 'service.annotations.a b', 'a b', 'annotation keys are');
});
