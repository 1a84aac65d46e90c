import { Chart, Testing } from 'cdk8s';
import { FlaggerLoadTester, LoadTester, WebhookType } from '../../lib';
import { find, synthValid } from '../support/validate';
import { expectPropError } from '../support/errors';


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

  test.each<[string, () => unknown, string, unknown, string]>([
    ['a namespace is known (Flagger resolves a bare name in its own namespace)', () => new FlaggerLoadTester(Testing.chart(), 'lt'), 'namespace', undefined, 'the loadtester\'s URL must name the namespace it runs in'],
    ['commandTimeout is a whole number of s, m or h', () => new FlaggerLoadTester(Testing.chart(), 'lt', { commandTimeout: '1d' }), 'commandTimeout', '1d', 'whole number'],
    ['runAsUser >= 1', () => new FlaggerLoadTester(Testing.chart(), 'lt', { runAsUser: -1 }), 'runAsUser', -1, 'an integer from 1 to 2147483647'],
    ['namespaceRegexp is a regular expression', () => new FlaggerLoadTester(Testing.chart(), 'lt', { namespaceRegexp: '(' }), 'namespaceRegexp', '(', 'a valid regular expression'],
  ])('%s', (_rule, fn, prop, value, rule) => {
    expectPropError(fn, prop, value, rule);
  });
});
