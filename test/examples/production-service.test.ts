import { productionServiceExample } from '../../examples/production-service';
import { GitOpsLayout } from '../../lib';
import { admits, scrapesOf } from '../support/policy';
import { find, synthValid } from '../support/validate';

const NAME = 'app.kubernetes.io/name';
const env = new GitOpsLayout({ outdir: 'unused' }).addEnvironment('demo');
const app = productionServiceExample(env);
const objects = synthValid(env.apps[0]);
const kinds = objects.map(o => `${o.kind}/${o.metadata.name}`).sort();

test('the service brings its identity, policy and monitor beside the Flagger objects, and nothing Flagger generates', () => {
  expect(kinds).toEqual([
    'Canary/orders', 'ConfigMap/orders-config', 'ConfigMap/orders-flags', 'Deployment/flagger-loadtester', 'Deployment/orders', 'HorizontalPodAutoscaler/orders',
    'MetricTemplate/orders-error-rate', 'MetricTemplate/orders-latency-p99', 'NetworkPolicy/orders', 'PodDisruptionBudget/orders', 'Role/orders', 'RoleBinding/orders',
    'Service/flagger-loadtester', 'ServiceAccount/orders', 'ServiceMonitor/orders',
  ]);
});

test('the Cloud SQL proxy runs beside the app and the plan counts it', () => {
  expect(find(objects, 'Deployment', 'orders').spec.template.spec.containers.map((c: any) => c.name)).toEqual(['orders', 'cloud-sql-proxy']);
  expect([app.plan.podCpuMillis, app.plan.podMemoryBytes / 2 ** 20]).toEqual([300, 320]);
});

test('the Gateway, the loadtester and Prometheus reach the canary and primary pods; the analysis reads what the ServiceMonitor scrapes', () => {
  const np = find(objects, 'NetworkPolicy', 'orders');
  const loadtester = find(objects, 'Deployment', 'flagger-loadtester').spec.template.metadata.labels;
  expect(admits(np, 'orders', { namespace: 'envoy-gateway-system' }, 'http')).toBe(true);
  expect(admits(np, 'orders', { namespace: 'orders', labels: loadtester }, 'http')).toBe(true);
  expect(admits(np, 'orders', { namespace: 'monitoring' }, 'metrics')).toBe(true);
  const monitor = find(objects, 'ServiceMonitor', 'orders');
  const scraped = [...scrapesOf(objects, monitor)].filter(([pod]) => JSON.parse(pod)[NAME].startsWith('orders')).map(([pod, n]) => [JSON.parse(pod)[NAME], n]);
  expect(scraped).toEqual([['orders', 1], ['orders-primary', 1]]);
  expect(app.plan.notes.join('\n')).not.toContain('Nothing scrapes');
});
