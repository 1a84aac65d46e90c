import { Chart, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import {
  AlertProvider, AlertProviderProps, AlertProviderType, AnalysisMode, Canary, CanaryProps, CanaryProvider, CanaryTargetKind, FlaggerLoadTester,
  LoadTester, Metric, MetricProviderType, MetricTemplate, MetricTemplateProps, WebhookType,
} from '../lib';
import { schemaErrors } from './support/schema';
import { find, synthValid } from './support/validate';

/** Asserts that `fn` throws naming the prop and the bad value (and the rule). */
function expectPropError(fn: () => unknown, prop: string, value: unknown, rule: string) {
  let message = '';
  try {
    fn();
  } catch (e) {
    message = (e as Error).message;
  }
  expect(message).toContain(`invalid '${prop}' (${JSON.stringify(value)})`);
  expect(message).toContain(rule);
}

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

describe('AlertProvider', () => {
  const slack: AlertProviderProps = { name: 'slack', type: AlertProviderType.SLACK, channel: 'deployments', username: 'flagger', secretName: 'slack-url' };
  const make = (props: Partial<AlertProviderProps> = {}) => {
    const chart = Testing.chart();
    const provider = new AlertProvider(chart, 'provider', { ...slack, ...props });
    return { chart, provider };
  };

  test('a Slack provider reading its webhook URL from a Secret (exactly one of address and secretRef: the CRD oneOf)', () => {
    const { chart, provider } = make();
    const objects = synthValid(chart);
    expect(objects).toEqual([{
      apiVersion: 'flagger.app/v1beta1', kind: 'AlertProvider', metadata: { name: 'slack' },
      spec: { type: 'slack', channel: 'deployments', username: 'flagger', secretRef: { name: 'slack-url' } },
    }]);
    expect(provider.type).toBe(AlertProviderType.SLACK);
    expect(objects).toMatchSnapshot();
  });

  test('an inline address with a proxy, for every chat type', () => {
    const chart = Testing.chart();
    Object.values(AlertProviderType).forEach(type => new AlertProvider(chart, type, { name: type, type, address: 'https://hooks.example.com/x', proxy: 'http://proxy.internal:3128' }));
    const objects = synthValid(chart);
    expect(objects.map(o => o.spec.type)).toEqual(['slack', 'msteams', 'discord', 'rocket', 'gchat']);
    expect(objects[0].spec).toEqual({ type: 'slack', address: 'https://hooks.example.com/x', proxy: 'http://proxy.internal:3128' });
  });

  test('the CRD oneOf rejects both address and secretRef (our validation matches the schema)', () => {
    const obj = { apiVersion: 'flagger.app/v1beta1', kind: 'AlertProvider', metadata: { name: 'x' }, spec: { type: 'slack', address: 'https://x', secretRef: { name: 's' } } };
    expect(schemaErrors(obj).join('\n')).toContain('oneOf');
  });

  test.each<[string, Partial<AlertProviderProps>, string, unknown, string]>([
    ['name is a DNS subdomain', { name: 'Slack!' }, 'name', 'Slack!', 'DNS-1123 subdomain'],
    ['namespace is a DNS label', { namespace: 'Flagger' }, 'namespace', 'Flagger', 'DNS-1123 label'],
    ['type is in the enum', { type: bad('pagerduty') }, 'type', 'pagerduty', 'must be one of slack'],
    ['address is an http(s) URL', { secretName: undefined, address: 'hooks.example.com' }, 'address', 'hooks.example.com', 'http:// or https://'],
    ['proxy is an http(s) URL', { proxy: 'proxy:3128' }, 'proxy', 'proxy:3128', 'http:// or https://'],
    ['secretName is a DNS subdomain', { secretName: 'Slack URL' }, 'secretName', 'Slack URL', 'DNS-1123 subdomain'],
    ['annotations are valid', { annotations: { 'a b': 'x' } }, 'annotations.a b', 'a b', 'annotation keys'],
  ])('%s', (_rule, props, prop, value, rule) => {
    expectPropError(() => make(props), prop, value, rule);
  });

  test('exactly one of address and secretName: both or neither are refused', () => {
    const rule = 'set exactly one of address and secretName';
    expectPropError(() => make({ address: 'https://hooks.example.com/x' }), 'address/secretName', { address: 'https://hooks.example.com/x', secretName: 'slack-url' }, rule);
    expectPropError(() => make({ secretName: undefined }), 'address/secretName', {}, rule);
  });
});

describe('LoadTester webhooks', () => {
  const tester = LoadTester.inNamespace('test');

  test('URLs of the loadtester and its gates', () => {
    expect(tester.url).toBe('http://flagger-loadtester.test/');
    expect(LoadTester.at('http://tester.tools:8080').url).toBe('http://tester.tools:8080/');
    expect(LoadTester.inNamespace('qa', 'tester').url).toBe('http://tester.qa/');
    expect([tester.gateCheckUrl, tester.gateOpenUrl, tester.gateCloseUrl, tester.rollbackCheckUrl, tester.rollbackOpenUrl, tester.rollbackCloseUrl]).toEqual([
      'http://flagger-loadtester.test/gate/check', 'http://flagger-loadtester.test/gate/open', 'http://flagger-loadtester.test/gate/close',
      'http://flagger-loadtester.test/rollback/check', 'http://flagger-loadtester.test/rollback/open', 'http://flagger-loadtester.test/rollback/close',
    ]);
  });

  test('hey load test: a rollout webhook running hey in the background, with quoted headers', () => {
    const hook = tester.heyLoadTest({
      url: 'http://ingress-nginx-controller.ingress-nginx/', name: 'ab-load', duration: '2m', qps: 5, concurrency: 3, method: 'POST',
      headers: { 'X-Canary': 'insider', 'X-Note': 'it\'s' }, host: 'web.example.com', timeout: '10s', logCmdOutput: true,
    });
    expect(hook.type).toBe(WebhookType.ROLLOUT);
    expect(hook.name).toBe('ab-load');
    expect(hook.url).toBe('http://flagger-loadtester.test/');
    expect(hook.options).toEqual({
      timeout: '10s',
      metadata: {
        type: 'cmd', logCmdOutput: 'true',
        cmd: "hey -z 2m -q 5 -c 3 -m POST -H 'X-Canary: insider' -H 'X-Note: it'\\''s' -host web.example.com http://ingress-nginx-controller.ingress-nginx/",
      },
    });
    expect(hook.timeoutSeconds).toBe(10);
  });

  test('a URL with shell metacharacters is quoted as one word (sh would background at "&")', () => {
    expect(tester.heyLoadTest({ url: 'http://web.example.com/api?a=1&b=2' }).options.metadata!.cmd).toBe("hey -z 1m -q 10 -c 2 'http://web.example.com/api?a=1&b=2'");
  });

  test('blocking bash tests, background commands and gates', () => {
    const test = tester.bashTest({ command: 'bats /tests', name: 'smoke', type: WebhookType.ROLLOUT, timeout: '45s' });
    expect([test.type, test.name, test.options]).toEqual([WebhookType.ROLLOUT, 'smoke', { timeout: '45s', metadata: { type: 'bash', cmd: 'bats /tests' } }]);
    const cmd = tester.backgroundCommand({ name: 'grpc-load', command: 'ghz --insecure -z 1m web-canary.test:9090', logCmdOutput: true });
    expect([cmd.type, cmd.options]).toEqual([WebhookType.ROLLOUT, { timeout: '5s', metadata: { type: 'cmd', cmd: 'ghz --insecure -z 1m web-canary.test:9090', logCmdOutput: 'true' } }]);
    expect([tester.confirmRolloutGate('hold'), tester.confirmPromotionGate(), tester.confirmTrafficIncreaseGate(), tester.rollbackGate()].map(w => [w.type, w.name, w.url])).toEqual([
      ['confirm-rollout', 'hold', 'http://flagger-loadtester.test/gate/check'],
      ['confirm-promotion', 'confirm-promotion', 'http://flagger-loadtester.test/gate/check'],
      ['confirm-traffic-increase', 'confirm-traffic-increase', 'http://flagger-loadtester.test/gate/check'],
      ['rollback', 'rollback', 'http://flagger-loadtester.test/rollback/check'],
    ]);
  });

  test.each<[string, () => unknown, string, unknown, string]>([
    ['the loadtester URL is an http(s) URL', () => LoadTester.at('flagger-loadtester'), 'url', 'flagger-loadtester', 'http:// or https://'],
    ['the namespace is a DNS label', () => LoadTester.inNamespace('Test'), 'namespace', 'Test', 'DNS-1123 label'],
    ['the Service name is a DNS-1035 label', () => LoadTester.inNamespace('test', '1tester'), 'serviceName', '1tester', 'DNS-1035 label'],
    ['the hey URL is an http(s) URL without quotes', () => tester.heyLoadTest({ url: "http://x/'; rm -rf /" }), 'heyLoadTest.url', "http://x/'; rm -rf /", 'http:// or https://'],
    ['the hey duration is a whole number of s, m or h', () => tester.heyLoadTest({ url: 'http://x/', duration: '1.5m' }), 'heyLoadTest.duration', '1.5m', 'whole number'],
    ['qps >= 1', () => tester.heyLoadTest({ url: 'http://x/', qps: 0 }), 'heyLoadTest.qps', 0, 'an integer >= 1'],
    ['concurrency >= 1', () => tester.heyLoadTest({ url: 'http://x/', concurrency: 0 }), 'heyLoadTest.concurrency', 0, 'an integer >= 1'],
    ['method is an uppercase HTTP method', () => tester.heyLoadTest({ url: 'http://x/', method: 'get' }), 'heyLoadTest.method', 'get', 'uppercase HTTP method'],
    ['host is a host name', () => tester.heyLoadTest({ url: 'http://x/', host: 'a b' }), 'heyLoadTest.host', 'a b', 'must be a host name'],
    ['header names are tokens', () => tester.heyLoadTest({ url: 'http://x/', headers: { 'X Canary': 'a' } }), 'heyLoadTest.headers.X Canary', 'X Canary', 'HTTP tokens'],
    ['background commands are not empty', () => tester.backgroundCommand({ name: 'x', command: '' }), 'backgroundCommand.command', '', 'give the command'],
    ['bash tests are not empty', () => tester.bashTest({ command: ' ' }), 'bashTest.command', ' ', 'give the bash command'],
  ])('%s', (_rule, fn, prop, value, rule) => {
    expectPropError(fn, prop, value, rule);
  });
});

describe('FlaggerLoadTester', () => {
  test('a Deployment of ghcr.io/fluxcd/flagger-loadtester and a Service on port 80, PSS restricted', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'test' });
    const lt = new FlaggerLoadTester(chart, 'loadtester');
    const objects = synthValid(chart);
    expect(objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/flagger-loadtester', 'Service/flagger-loadtester']);
    const deployment = find(objects, 'Deployment', 'flagger-loadtester');
    const container = deployment.spec.template.spec.containers[0];
    expect(deployment.spec.replicas).toBe(1);
    expect(container.image).toBe('ghcr.io/fluxcd/flagger-loadtester:0.34.0');
    expect(container.args).toEqual(['-port=8080', '-log-level=info', '-timeout=1h']);
    expect(container.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    expect(container.readinessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(deployment.spec.template.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001 });
    expect(find(objects, 'Service', 'flagger-loadtester').spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }]);
    expect(lt.tester.url).toBe('http://flagger-loadtester.test/');
    expect(objects).toMatchSnapshot();
  });

  test('options: name, namespace, image, replicas, command timeout, namespace filter, resources', () => {
    const chart = Testing.chart();
    const lt = new FlaggerLoadTester(chart, 'loadtester', {
      name: 'tester', namespace: 'tools', image: 'ghcr.io/fluxcd/flagger-loadtester:0.35.0', replicas: 2, commandTimeout: '30m', namespaceRegexp: '^(shop|web)$',
      resources: { cpuRequest: '50m', memoryRequest: '128Mi' }, runAsUser: 2000,
    });
    const objects = synthValid(chart);
    const deployment = find(objects, 'Deployment', 'tester');
    expect(deployment.metadata.namespace).toBe('tools');
    expect(deployment.spec.replicas).toBe(2);
    expect(deployment.spec.template.spec.containers[0].args).toEqual(['-port=8080', '-log-level=info', '-timeout=30m', '-namespace-regexp=^(shop|web)$']);
    expect(deployment.spec.template.spec.securityContext.runAsUser).toBe(2000);
    expect(find(objects, 'PodDisruptionBudget', 'tester')).toBeDefined();
    expect(lt.tester.url).toBe('http://tester.tools/');
  });

  test('without a namespace the tester URL is the bare Service name', () => {
    expect(new FlaggerLoadTester(Testing.chart(), 'lt').tester.url).toBe('http://flagger-loadtester/');
  });

  test.each<[string, () => unknown, string, unknown, string]>([
    ['commandTimeout is a whole number of s, m or h', () => new FlaggerLoadTester(Testing.chart(), 'lt', { commandTimeout: '1d' }), 'commandTimeout', '1d', 'whole number'],
    ['runAsUser >= 1', () => new FlaggerLoadTester(Testing.chart(), 'lt', { runAsUser: -1 }), 'runAsUser', -1, 'an integer from 1 to 2147483647'],
    ['namespaceRegexp is a regular expression', () => new FlaggerLoadTester(Testing.chart(), 'lt', { namespaceRegexp: '(' }), 'namespaceRegexp', '(', 'a valid regular expression'],
  ])('%s', (_rule, fn, prop, value, rule) => {
    expectPropError(fn, prop, value, rule);
  });
});

describe('Canary custom resource', () => {
  const props: CanaryProps = {
    name: 'worker',
    targetName: 'worker',
    service: { port: 9090 },
    analysis: { interval: '30s', threshold: 3, iterations: 4 },
  };
  const make = (extra: Partial<CanaryProps> = {}) => {
    const chart = Testing.chart();
    const canary = new Canary(chart, 'canary', { ...props, ...extra });
    return { chart, canary };
  };

  test('standalone: defaults to the controller provider, Deployment target, revertOnDeletion', () => {
    const { chart, canary } = make();
    const objects = synthValid(chart);
    expect(objects).toEqual([{
      apiVersion: 'flagger.app/v1beta1', kind: 'Canary', metadata: { name: 'worker' },
      spec: {
        targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'worker' },
        service: { port: 9090, portName: 'http' },
        analysis: { interval: '30s', threshold: 3, iterations: 4 },
        progressDeadlineSeconds: 600,
        revertOnDeletion: true,
      },
    }]);
    expect([canary.analysisMode, canary.intervalSeconds, canary.threshold, canary.iterations, canary.providerType]).toEqual([AnalysisMode.BLUE_GREEN, 30, 3, 4, undefined]);
    expect(objects).toMatchSnapshot();
  });

  test('a DaemonSet target with a named service, numeric target port, appProtocol and labels', () => {
    const { chart } = make({
      targetKind: CanaryTargetKind.DAEMON_SET, namespace: 'agents', labels: { team: 'infra' }, annotations: { 'example.com/owner': 'infra' },
      service: { name: 'agent', port: 80, targetPort: k8s.IntOrString.fromNumber(8080), portName: 'grpc', appProtocol: 'grpc' },
    });
    const [canary] = synthValid(chart);
    expect(canary.metadata).toEqual({ name: 'worker', namespace: 'agents', labels: { team: 'infra' }, annotations: { 'example.com/owner': 'infra' } });
    expect(canary.spec.targetRef.kind).toBe('DaemonSet');
    expect(canary.spec.service).toEqual({ name: 'agent', port: 80, targetPort: 8080, portName: 'grpc', appProtocol: 'grpc' });
  });

  test('the CRD oneOf on analysis rejects two modes at once (our mode rule matches the schema)', () => {
    const { chart } = make();
    const obj = Testing.synth(chart)[0];
    obj.spec.analysis.stepWeight = 10;
    expect(schemaErrors(obj).join('\n')).toContain('oneOf');
  });

  test.each<[string, Partial<CanaryProps>, string, unknown, string]>([
    ['name is a DNS subdomain', { name: 'Worker' }, 'name', 'Worker', 'DNS-1123 subdomain'],
    ['namespace is a DNS label', { namespace: 'Agents' }, 'namespace', 'Agents', 'DNS-1123 label'],
    ['targetName is a DNS subdomain', { targetName: 'Worker' }, 'targetName', 'Worker', 'DNS-1123 subdomain'],
    ['the apex Service name fits the -primary budget', { service: { name: `s${'x'.repeat(55)}`, port: 80 } }, 'service.name', `s${'x'.repeat(55)}`, 'at most 55 characters'],
    ['service.port is a port', { service: { port: 0 } }, 'service.port', 0, 'an integer from 1 to 65535'],
    ['service.targetPort is a port number or name', { service: { port: 80, targetPort: k8s.IntOrString.fromString('Web_Port') } }, 'service.targetPort', 'Web_Port', 'port names'],
    ['service.portName is a port name', { service: { port: 80, portName: 'HTTP' } }, 'service.portName', 'HTTP', 'port names'],
    ['autoscalerName is a DNS subdomain', { autoscalerName: 'Worker' }, 'autoscalerName', 'Worker', 'DNS-1123 subdomain'],
    ['primaryScalerReplicas needs an autoscaler', { primaryScalerReplicas: { minReplicas: 2 } }, 'primaryScalerReplicas', { minReplicas: 2 }, 'applies only with an autoscaler (autoscalerName)'],
    ['ingressName only with nginx', { ingressName: 'worker', provider: CanaryProvider.istio() }, 'ingressName', 'worker', 'only the nginx provider uses an Ingress reference, not istio'],
    ['ingressName is a DNS subdomain', { ingressName: 'Worker', provider: CanaryProvider.nginx() }, 'ingressName', 'Worker', 'DNS-1123 subdomain'],
    ['nginx needs an ingressName', { provider: CanaryProvider.nginx() }, 'ingressName', undefined, 'the nginx provider needs the app\'s Ingress'],
    ['gatewayapi needs gatewayRefs', { provider: CanaryProvider.gatewayApi({ gatewayRefs: [] }) }, 'provider.gatewayRefs', [], 'needs at least one Gateway'],
    ['hosts are DNS names', { provider: CanaryProvider.istio({ hosts: ['Web.example.com'] }) }, 'provider.hosts[0]', 'Web.example.com', 'hosts are DNS names'],
    ['istio gateways are <namespace>/<name>', { provider: CanaryProvider.istio({ gateways: ['istio-system/public/x'] }) }, 'provider.gateways[0]', 'istio-system/public/x', 'Istio gateways'],
    ['retries.attempts >= 1', { provider: CanaryProvider.istio({ retries: { attempts: 0 } }) }, 'provider.retries.attempts', 0, 'an integer >= 1'],
    ['retries.perTryTimeout is a duration', { provider: CanaryProvider.contour({ retries: { attempts: 2, perTryTimeout: '5 s' } }) }, 'provider.retries.perTryTimeout', '5 s', 'must be a duration'],
    ['the route timeout is a duration', { provider: CanaryProvider.istio({ timeout: 'soon' }) }, 'provider.timeout', 'soon', 'must be a duration'],
    ['Gateway API timeouts are whole h/m/s/ms', { provider: CanaryProvider.gatewayApi({ gatewayRefs: [{ name: 'public' }], timeout: '1.5s' }) }, 'provider.timeout', '1.5s', 'Gateway API durations are up to 4 whole numbers'],
    ['the kubernetes provider is blue/green only', { provider: CanaryProvider.kubernetes(), analysis: { stepWeight: 10 } }, 'analysis.stepWeight', 10, 'the kubernetes provider cannot shift traffic'],
  ])('%s', (_rule, extra, prop, value, rule) => {
    expectPropError(() => make(extra), prop, value, rule);
  });

  test('gatewayRefs are valid references: name, namespace, section and port', () => {
    const gw = (ref: any) => () => make({ provider: CanaryProvider.gatewayApi({ gatewayRefs: [ref] }) });
    expectPropError(gw({ name: 'public', namespace: 'Gateways' }), 'provider.gatewayRefs[0].namespace', 'Gateways', 'DNS-1123 label');
    expectPropError(gw({ name: 'Public' }), 'provider.gatewayRefs[0].name', 'Public', 'DNS-1123 subdomain');
    expectPropError(gw({ name: 'public', sectionName: 'HTTPS' }), 'provider.gatewayRefs[0].sectionName', 'HTTPS', 'DNS-1123 subdomain');
    expectPropError(gw({ name: 'public', port: 0 }), 'provider.gatewayRefs[0].port', 0, 'an integer from 1 to 65535');
  });

  test('templates and providers in other namespaces keep their namespace in the references', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'apps' });
    const template = new MetricTemplate(chart, 't', { name: 'lat', namespace: 'monitoring', provider: MetricProviderType.DATADOG, query: 'avg:latency{*}' });
    const local = new MetricTemplate(chart, 'l', { name: 'local', provider: MetricProviderType.DATADOG, query: 'avg:errors{*}' });
    new Canary(chart, 'canary', { ...props, analysis: { ...props.analysis, metrics: [Metric.fromTemplate(template, { max: 1 }), Metric.fromTemplate(local, { max: 2 })] } });
    const canary = synthValid(chart).find(o => o.kind === 'Canary');
    expect(canary.metadata.namespace).toBe('apps');
    expect(canary.spec.analysis.metrics.map((m: any) => m.templateRef)).toEqual([{ name: 'lat', namespace: 'monitoring' }, { name: 'local' }]);
  });
});
