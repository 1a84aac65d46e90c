import { Chart, Testing } from 'cdk8s';
import { FlaggerLoadTester, Toleration } from '../../lib';
import { expectPropError } from '../support/errors';
import { find, synthValid } from '../support/validate';

const shop = () => new Chart(Testing.app(), 'test', { namespace: 'shop' });

test('the loadtester takes scheduling and a ServiceAccount of its own', () => {
  const chart = shop();
  const loadtester = new FlaggerLoadTester(chart, 'loadtester', {
    scheduling: { priorityClassName: 'low', tolerations: [Toleration.exists('tests')] },
    serviceAccount: { annotations: { 'iam.gke.io/gcp-service-account': 'tests@acme.iam.gserviceaccount.com' } },
  });
  const objects = synthValid(chart);
  expect(find(objects, 'Deployment', 'flagger-loadtester').spec.template.spec).toMatchObject({
    priorityClassName: 'low', tolerations: [{ key: 'tests', operator: 'Exists' }], serviceAccountName: 'flagger-loadtester',
  });
  expect(find(objects, 'ServiceAccount', 'flagger-loadtester').metadata.annotations).toEqual({ 'iam.gke.io/gcp-service-account': 'tests@acme.iam.gserviceaccount.com' });
  expect(loadtester.serviceAccount).toBeDefined();
  expect(loadtester.tester.url).toBe('http://flagger-loadtester.shop/');
});

test('its scheduling is checked like an app\'s', () => {
  expectPropError(() => new FlaggerLoadTester(shop(), 'loadtester', { scheduling: { priorityClassName: 'Low' } }), 'scheduling.priorityClassName', 'Low', 'DNS-1123 subdomain');
});
