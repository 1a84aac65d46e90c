import { MonitorKind, RollingApp, RollingAppProps } from '../../lib';
import { expectPropError } from '../support/errors';
import { podLabelSets, scrapesOf } from '../support/policy';
import { FLAGGER_STRATEGIES, ROLLOUT_STRATEGIES, shopChart, STRATEGIES } from '../support/strategies';
import { find, synthValid } from '../support/validate';

const NAME = 'app.kubernetes.io/name';
const base: RollingAppProps = { name: 'web', image: 'ghcr.io/acme/web:2.1.0' };
const metrics = { extraPorts: [{ name: 'metrics', port: 9090 }] };

// Argo Rollouts apps take a PodMonitor only (see below)
describe.each([MonitorKind.SERVICE_MONITOR, MonitorKind.POD_MONITOR])('a %s', kind => {
  describe.each(STRATEGIES.filter(([name]) => kind === MonitorKind.POD_MONITOR || !ROLLOUT_STRATEGIES.some(([r]) => r === name)))('on %s', (_strategy, make) => {
    const chart = shopChart();
    make(chart, { ...metrics, monitoring: { kind, port: 'metrics', interval: '30s', labels: { release: 'prometheus' } } });
    const objects = synthValid(chart);
    const monitor = find(objects, kind, 'web');

    test('scrapes every pod of the app exactly once (Flagger\'s -primary and canary pods included)', () => {
      const counts = scrapesOf(objects, monitor);
      const appPods = podLabelSets(objects).filter(l => l[NAME].startsWith('web')).map(l => JSON.stringify(l));
      expect(appPods.length).toBeGreaterThan(0);
      expect(appPods.map(p => [JSON.parse(p)[NAME], counts.get(p)])).toEqual(appPods.map(p => [JSON.parse(p)[NAME], 1]));
    });

    test('carries the Prometheus selector label, and the labels Flagger\'s kubernetes provider queries', () => {
      expect(monitor.metadata.labels).toMatchObject({ release: 'prometheus', [NAME]: 'web' });
      const endpoint = (monitor.spec.endpoints ?? monitor.spec.podMetricsEndpoints)[0];
      expect(endpoint).toMatchObject({ port: 'metrics', path: '/metrics', interval: '30s' });
      expect(endpoint.relabelings.map((r: any) => r.targetLabel)).toEqual(['kubernetes_namespace', 'kubernetes_pod_name']);
    });
  });
});

test('the default is a ServiceMonitor on the main port', () => {
  const chart = shopChart();
  const app = new RollingApp(chart, 'web', { ...base, monitoring: {} });
  const monitor = find(synthValid(chart), 'ServiceMonitor', 'web');
  expect(monitor.spec).toMatchObject({ selector: { matchLabels: { [NAME]: 'web' } }, endpoints: [{ port: 'http', path: '/metrics' }] });
  expect(app.monitor?.kind).toBe('ServiceMonitor');
});

test('under Flagger a ServiceMonitor selects the primary and canary Services it generates (not the apex, which would scrape the primary twice)', () => {
  const [, make] = FLAGGER_STRATEGIES[0];
  const chart = shopChart();
  make(chart, { monitoring: {} });
  expect(find(synthValid(chart), 'ServiceMonitor', 'web').spec.selector).toEqual({ matchExpressions: [{ key: NAME, operator: 'In', values: ['web-primary', 'web-canary'] }] });
});

describe.each(ROLLOUT_STRATEGIES)('under Argo Rollouts, %s', (_strategy, make) => {
  const chart = shopChart();
  const app = make(chart, { ...metrics, monitoring: { port: 'metrics' } });
  const objects = synthValid(chart);

  test('is scraped by a PodMonitor by default: the controller makes both Services select the stable pods between releases', () => {
    expect(app.monitor?.kind).toBe('PodMonitor');
    expect(objects.filter(o => o.kind === 'ServiceMonitor')).toEqual([]);
  });

  test('the PodMonitor keeps the pod-template hash the AnalysisTemplates filter on', () => {
    expect(find(objects, 'PodMonitor', 'web').spec.podTargetLabels).toEqual(['rollouts-pod-template-hash']);
  });

  test('refuses a ServiceMonitor, which would scrape the stable pods twice', () => {
    expectPropError(() => make(shopChart(), { monitoring: { kind: MonitorKind.SERVICE_MONITOR } }), 'monitoring.kind', 'ServiceMonitor',
      'between releases both select the stable pods, which a ServiceMonitor would scrape twice, and the stable Service alone misses the new pods: use MonitorKind.POD_MONITOR (the default here)');
  });
});

describe.each(STRATEGIES)('scraped by pod annotations, %s', (_strategy, make) => {
  const chart = shopChart();
  const app = make(chart, { ...metrics, monitoring: { kind: MonitorKind.POD_ANNOTATIONS, port: 'metrics', path: '/stats' } });
  const objects = synthValid(chart);

  test('every pod template of the app carries the scrape annotations with the port\'s number, and no monitor object is emitted', () => {
    const templates = objects.filter(o => (o.kind === 'Deployment' || o.kind === 'Rollout') && o.metadata.name.startsWith('web')).map(o => o.spec.template);
    expect(templates.length).toBeGreaterThan(0);
    for (const t of templates) {
      expect(t.metadata.annotations).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9090', 'prometheus.io/path': '/stats' });
    }
    expect(objects.filter(o => o.kind === 'ServiceMonitor' || o.kind === 'PodMonitor')).toEqual([]);
    expect(app.monitor).toBeUndefined();
  });
});

test('pod annotations name the port number of a sidecar\'s metrics port', () => {
  const chart = shopChart();
  new RollingApp(chart, 'web', { ...base, sidecars: [{ name: 'proxy', image: 'ghcr.io/acme/proxy:1.0.0', ports: [{ name: 'proxy-metrics', port: 9100 }] }], monitoring: { kind: MonitorKind.POD_ANNOTATIONS, port: 'proxy-metrics' } });
  expect(find(synthValid(chart), 'Deployment', 'web').spec.template.metadata.annotations).toMatchObject({ 'prometheus.io/port': '9100', 'prometheus.io/path': '/metrics' });
});

describe('validation', () => {
  const make = (props: Partial<RollingAppProps>) => () => new RollingApp(shopChart(), 'web', { ...base, ...props });
  const cases: Array<[string, () => unknown, string, unknown, string]> = [
    ['the port is a port of the pods', make({ monitoring: { port: 'metrics' } }), 'monitoring.port', 'metrics', 'must name a port of the app\'s pods: http'],
    ['the path is absolute', make({ monitoring: { path: 'metrics' } }), 'monitoring.path', 'metrics', 'metrics paths start with "/"'],
    ['the interval is a duration', make({ monitoring: { interval: '30 s' } }), 'monitoring.interval', '30 s', 'must be a duration such as "30s"'],
    ['the timeout fits in the interval', make({ monitoring: { interval: '15s', scrapeTimeout: '1m' } }), 'monitoring.scrapeTimeout', '1m', 'must not exceed monitoring.interval (15s)'],
    ['the labels are labels', make({ monitoring: { labels: { release: 'kube prometheus' } } }), 'monitoring.labels.release', 'kube prometheus', 'label values'],
    ['the kind is a MonitorKind', make({ monitoring: { kind: 'Probe' as MonitorKind } }), 'monitoring.kind', 'Probe', 'must be one of ServiceMonitor, PodMonitor, PodAnnotations'],
    ['pod annotations carry no scrape interval', make({ monitoring: { kind: MonitorKind.POD_ANNOTATIONS, interval: '30s' } }), 'monitoring.interval', '30s', 'pod annotations have no such setting (the scrape config decides)'],
    ['pod annotations carry no scrape timeout', make({ monitoring: { kind: MonitorKind.POD_ANNOTATIONS, scrapeTimeout: '5s' } }), 'monitoring.scrapeTimeout', '5s', 'pod annotations have no such setting'],
    ['pod annotations carry no monitor labels', make({ monitoring: { kind: MonitorKind.POD_ANNOTATIONS, labels: { release: 'x' } } }), 'monitoring.labels', { release: 'x' }, 'pod annotations have no such setting'],
    ['scraping by pod annotations owns the prometheus.io annotations', make({ podAnnotations: { 'prometheus.io/port': '9999' }, monitoring: { kind: MonitorKind.POD_ANNOTATIONS } }),
      'podAnnotations.prometheus.io/port', '9999', 'monitoring (MonitorKind.POD_ANNOTATIONS) sets the prometheus.io/* annotations'],
    ['a ServiceMonitor scrapes a port on the Services (a native sidecar\'s is not)', make({
      sidecars: [{ name: 'proxy', image: 'ghcr.io/acme/proxy:1.0.0', native: true, ports: [{ name: 'proxy-metrics', port: 9100 }] }],
      monitoring: { port: 'proxy-metrics' },
    }), 'monitoring.port', 'proxy-metrics', 'a ServiceMonitor scrapes through the Services, which carry http (the ports of native sidecars are not on them): use MonitorKind.POD_MONITOR'],
  ];
  test.each(cases)('%s', (_rule, fn, prop, value, message) => {
    expectPropError(fn, prop, value, message);
  });

  test('under Flagger, a ServiceMonitor on an extra port needs portDiscovery', () => {
    const [, make] = FLAGGER_STRATEGIES[0];
    expectPropError(() => make(shopChart(), { ...metrics, portDiscovery: false, monitoring: { port: 'metrics' } } as never), 'monitoring.port', 'metrics',
      'which carry http (Flagger generates them with the main port, and the other container ports only with portDiscovery)');
  });

  test('a PodMonitor scrapes a native sidecar\'s port', () => {
    const chart = shopChart();
    new RollingApp(chart, 'web', { ...base, sidecars: [{ name: 'proxy', image: 'ghcr.io/acme/proxy:1.0.0', native: true, ports: [{ name: 'proxy-metrics', port: 9100 }] }], monitoring: { kind: MonitorKind.POD_MONITOR, port: 'proxy-metrics' } });
    expect(find(synthValid(chart), 'PodMonitor', 'web').spec.podMetricsEndpoints[0].port).toBe('proxy-metrics');
  });
});
