// Records without a prototype (Object.create(null)) are valid props: they synthesize like plain objects.
import { Chart, Testing } from 'cdk8s';
import { CanaryApp, CanaryProvider, Metric, MetricProviderType, MetricTemplate, RollingApp, Webhook } from '../../lib';
import { expectPropError } from '../support/errors';
import { find, synthValid } from '../support/validate';

/** A record without a prototype holding `entries`. */
function bare(entries: Record<string, string>): Record<string, string> {
  return Object.assign(Object.create(null), entries);
}

test('Flagger metric variables and webhook metadata without a prototype are written as given', () => {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'shop' });
  const template = new MetricTemplate(chart, 'errors', { name: 'errors', provider: MetricProviderType.PROMETHEUS, address: 'http://prometheus.monitoring:9090', query: 'sum(x{route="{{ variables.route }}"})' });
  new CanaryApp(chart, 'web', {
    name: 'web', image: 'ghcr.io/acme/web:1.0.0', provider: CanaryProvider.linkerd(),
    analysis: {
      stepWeight: 10, hasSteadyTraffic: true,
      metrics: [Metric.fromTemplate(template, { max: 1, variables: bare({ route: '/api' }) })],
      webhooks: [Webhook.preRollout('smoke', 'http://tester.shop/', { metadata: bare({ cmd: 'curl -s http://web-canary/' }) })],
    },
  });
  const analysis = find(synthValid(chart), 'Canary', 'web').spec.analysis;
  expect(analysis.metrics[0].templateVariables).toEqual({ route: '/api' });
  expect(analysis.webhooks[0].metadata).toEqual({ cmd: 'curl -s http://web-canary/' });
});

test('a record without a prototype that has a key "value" keeps every key', () => {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'shop' });
  new RollingApp(chart, 'web', { name: 'web', image: 'ghcr.io/acme/web:1.0.0', scheduling: { nodeSelector: bare({ value: 'a', zone: 'b' }) } });
  expect(find(synthValid(chart), 'Deployment', 'web').spec.template.spec.nodeSelector).toEqual({ value: 'a', zone: 'b' });
});

test('a config file named "__proto__" is refused: cdk8s would drop it from the ConfigMap', () => {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'shop' });
  expectPropError(() => new RollingApp(chart, 'web', { name: 'web', image: 'ghcr.io/acme/web:1.0.0', configFiles: JSON.parse('{"__proto__": "a: 1"}') }),
    'configFiles', '__proto__', 'cannot write a key named "__proto__"');
});

test('any other record with an own key "__proto__" is refused when synthesized, naming the field', () => {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'shop' });
  new CanaryApp(chart, 'web', {
    name: 'web', image: 'ghcr.io/acme/web:1.0.0', provider: CanaryProvider.linkerd(),
    analysis: { stepWeight: 10, webhooks: [Webhook.preRollout('smoke', 'http://tester.shop/', { metadata: JSON.parse('{"__proto__": "x"}') })] },
  });
  expectPropError(() => Testing.synth(chart), 'spec.analysis.webhooks.0.metadata.__proto__', '__proto__', 'cannot write a key named "__proto__"');
});

test('a label key "constructor" (cdk8s fails on it) is refused when synthesized, naming the field', () => {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'shop' });
  new RollingApp(chart, 'web', { name: 'web', image: 'ghcr.io/acme/web:1.0.0', scheduling: { nodeSelector: { constructor: 'v1' } } });
  expectPropError(() => Testing.synth(chart), 'spec.template.spec.nodeSelector.constructor', 'constructor', 'cannot write a key named "constructor"');
});
