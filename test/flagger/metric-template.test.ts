import { Testing } from 'cdk8s';
import { MetricProviderType, MetricTemplate, MetricTemplateProps } from '../../lib';
import { synthValid } from '../support/validate';
import { expectPropError } from '../support/errors';


const bad = (v: unknown) => v as any;

describe('MetricTemplate', () => {
  const prometheus: MetricTemplateProps = {
    name: 'error-rate', provider: MetricProviderType.PROMETHEUS, address: 'http://prometheus.monitoring:9090',
    query: 'sum(rate(http_requests_total{status=~"5.."}[{{ interval }}]))',
  };
  const make = (props: Partial<MetricTemplateProps> = {}) => {
    const chart = Testing.chart();
    const template = new MetricTemplate(chart, 'template', { ...prometheus, ...props });
    return { chart, template };
  };

  test('a Prometheus template with credentials and headers', () => {
    const { chart, template } = make({ namespace: 'monitoring', secretName: 'prom-auth', headers: { 'X-Scope-OrgID': 'team-a' }, insecureSkipVerify: true });
    const objects = synthValid(chart);
    expect(objects).toEqual([{
      apiVersion: 'flagger.app/v1beta1', kind: 'MetricTemplate', metadata: { name: 'error-rate', namespace: 'monitoring' },
      spec: {
        provider: { type: 'prometheus', address: 'http://prometheus.monitoring:9090', secretRef: { name: 'prom-auth' }, headers: { 'X-Scope-OrgID': ['team-a'] }, insecureSkipVerify: true },
        query: prometheus.query,
      },
    }]);
    expect(template.provider).toBe(MetricProviderType.PROMETHEUS);
    expect(objects).toMatchSnapshot();
  });

  test('every provider type of the CRD is offered and validates', () => {
    expect(Object.values(MetricProviderType).sort()).toEqual(['cloudwatch', 'datadog', 'dynatrace', 'externalmetrics', 'graphite', 'influxdb', 'keptn', 'newrelic', 'prometheus', 'splunk', 'stackdriver']);
    const chart = Testing.chart();
    Object.values(MetricProviderType).forEach(type => new MetricTemplate(chart, type, {
      name: type, provider: type, query: 'q',
      address: ['cloudwatch', 'stackdriver', 'keptn'].includes(type) ? undefined : 'https://metrics.example.com',
      region: type === 'cloudwatch' ? 'eu-west-1' : undefined,
    }));
    expect(synthValid(chart)).toHaveLength(11);
  });

  test.each<[string, Partial<MetricTemplateProps>, string, unknown, string]>([
    ['name is a DNS subdomain', { name: 'Error_Rate' }, 'name', 'Error_Rate', 'DNS-1123 subdomain'],
    ['namespace is a DNS label', { namespace: 'Monitoring' }, 'namespace', 'Monitoring', 'DNS-1123 label'],
    ['provider is in the enum', { provider: bad('victoria') }, 'provider', 'victoria', 'must be one of prometheus'],
    ['query is required', { query: ' ' }, 'query', ' ', 'a query that returns a single number'],
    ['address is not used by cloudwatch, stackdriver, keptn', { provider: MetricProviderType.KEPTN }, 'address', 'http://prometheus.monitoring:9090', 'does not use an address'],
    ['address is required by prometheus, graphite, influxdb, dynatrace', { address: undefined }, 'address', undefined, 'needs the API URL'],
    ['address is an http(s) URL', { address: 'prometheus:9090' }, 'address', 'prometheus:9090', 'http:// or https://'],
    ['secretName is a DNS subdomain', { secretName: 'Prom Auth' }, 'secretName', 'Prom Auth', 'DNS-1123 subdomain'],
    ['cloudwatch needs a region', { provider: MetricProviderType.CLOUDWATCH, address: undefined }, 'region', undefined, 'needs the AWS region'],
    ['only cloudwatch uses a region', { region: 'us-east-1' }, 'region', 'us-east-1', 'only the cloudwatch provider'],
    ['header names are tokens', { headers: { 'X Org': 'a' } }, 'headers.X Org', 'X Org', 'HTTP tokens'],
    ['labels are valid', { labels: { team: 'a b' } }, 'labels.team', 'a b', 'label values'],
  ])('%s', (_rule, props, prop, value, rule) => {
    expectPropError(() => make(props), prop, value, rule);
  });
});
