import { Testing } from 'cdk8s';
import {
  Alert, AlertProvider, AlertProviderType, AlertSeverity, AnalysisMode, AnalysisProps, CanaryApp, CanaryAppProps, CanaryProvider, CookieSameSite,
  EnvFrom, GitOpsLayout, LoadTester, Metric, MetricProviderType, MetricTemplate, RolloutPlanKind, TrafficMatch, Webhook, WebhookType,
} from '../../lib';
import { find, synthValid } from '../support/validate';
import { expectPropError } from '../support/errors';
import { renderedWatchCommands } from '../support/plans';

const tester = LoadTester.inNamespace('test');
const loadTest = tester.heyLoadTest({ url: 'http://web.example.com/' });
const common = {
  interval: '1m',
  threshold: 5,
  metrics: [Metric.requestSuccessRate(), Metric.requestDuration()],
  webhooks: [loadTest],
};
const canaryAnalysis: AnalysisProps = { ...common, maxWeight: 50, stepWeight: 10 };
const base: CanaryAppProps = {
  name: 'web',
  image: 'ghcr.io/acme/web:2.1.0',
  port: 8080,
  provider: CanaryProvider.nginx(),
  ingress: { className: 'nginx', hosts: ['web.example.com'] },
  analysis: canaryAnalysis,
};

function make(props: Partial<CanaryAppProps> = {}) {
  const chart = Testing.chart();
  const app = new CanaryApp(chart, 'web', { ...base, ...props });
  return { chart, app };
}

function synth(props: Partial<CanaryAppProps> = {}) {
  const { chart, app } = make(props);
  return { app, objects: synthValid(chart) };
}

const kinds = (objects: any[]) => objects.map(o => `${o.kind}/${o.metadata.name}`);
const canarySpec = (objects: any[]) => find(objects, 'Canary', 'web').spec;

/** The objects Flagger generates itself must never be emitted. */
function expectFlaggerContract(objects: any[], name = 'web') {
  expect(objects.filter(o => o.kind === 'Service')).toEqual([]);
  expect(objects.filter(o => /-(primary|canary)$/.test(o.metadata.name)).map(o => o.metadata.name)).toEqual([]);
  const deployment = find(objects, 'Deployment', name);
  expect(deployment.spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': name } });
  expect(deployment.spec.template.metadata.labels['app.kubernetes.io/name']).toBe(name);
  expect(find(objects, 'Canary', name).spec.targetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
}


describe('nginx canary (the issue example)', () => {
  const { app, objects } = synth();
  const spec = canarySpec(objects);

  test('emits the Deployment, the Ingress, the PDB and the Canary, and nothing Flagger generates', () => {
    expect(kinds(objects)).toEqual(['Deployment/web', 'Ingress/web', 'PodDisruptionBudget/web', 'Canary/web']);
    expectFlaggerContract(objects);
  });

  test('the Canary targets the Deployment through the nginx Ingress, whose backend is the apex Service on service.port', () => {
    expect(spec.provider).toBe('nginx');
    expect(spec.ingressRef).toEqual({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'web' });
    expect(spec.service).toEqual({ port: 80, targetPort: 'http', portName: 'http' });
    expect(find(objects, 'Ingress', 'web').spec.rules[0].http.paths[0].backend).toEqual({ service: { name: 'web', port: { number: 80 } } });
  });

  test('the analysis: stepWeight 10 up to 50, builtin metrics, a background hey load test', () => {
    expect(spec.analysis).toEqual({
      interval: '1m', threshold: 5, maxWeight: 50, stepWeight: 10,
      metrics: [
        { name: 'request-success-rate', interval: '1m', thresholdRange: { min: 99 } },
        { name: 'request-duration', interval: '1m', thresholdRange: { max: 500 } },
      ],
      webhooks: [{ name: 'load-test', type: 'rollout', url: 'http://flagger-loadtester.test/', timeout: '5s', metadata: { type: 'cmd', cmd: 'hey -z 1m -q 10 -c 2 http://web.example.com/' } }],
    });
  });

  test('revertOnDeletion defaults to true and the progress deadline is explicit', () => {
    expect(spec.revertOnDeletion).toBe(true);
    expect(spec.progressDeadlineSeconds).toBe(600);
    expect(spec.skipAnalysis).toBeUndefined();
    expect(spec.suspend).toBeUndefined();
  });

  test('fixed replicas stay on the Deployment; the PDB selects the primary pods', () => {
    expect(find(objects, 'Deployment', 'web').spec.replicas).toBe(2);
    expect(find(objects, 'PodDisruptionBudget', 'web').spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'web-primary' } });
  });

  test('exposes the objects and the resolved analysis numbers', () => {
    expect(app.analysisMode).toBe(AnalysisMode.CANARY);
    expect(app.stepWeightsInEffect).toEqual([10, 20, 30, 40, 50]);
    expect(app.maxWeight).toBe(50);
    expect(app.iterations).toBeUndefined();
    expect(app.intervalSeconds).toBe(60);
    expect(app.threshold).toBe(5);
    expect(app.stepWeightPromotion).toBe(100);
    expect(app.progressDeadlineSeconds).toBe(600);
    expect(app.replicas).toBe(2);
    expect(app.apexServiceName).toBe('web');
    expect(app.canaryServiceName).toBe('web-canary');
    expect(app.ingress).toBeDefined();
    expect(app.autoscaler).toBeUndefined();
    expect(app.configMap).toBeUndefined();
    expect(app.canary.name).toBe('web');
    expect(app.deployment.name).toBe('web');
    expect(app.metricTemplates).toEqual([]);
    expect(app.alertProviders).toEqual([]);
    expect(app.canary.metrics.map(m => m.name)).toEqual(['request-success-rate', 'request-duration']);
    expect(app.canary.webhooks.map(w => w.timeoutSeconds)).toEqual([5]);
  });

  test('snapshot', () => {
    expect(objects).toMatchSnapshot();
  });
});

describe('providers', () => {
  test('istio: gateways, hosts, retries and timeout on the Canary service; no Ingress, no ingressRef', () => {
    const { objects } = synth({
      ingress: undefined,
      provider: CanaryProvider.istio({
        gateways: ['istio-system/public-gateway', 'mesh'], hosts: ['web.example.com'],
        retries: { attempts: 3, perTryTimeout: '5s', retryOn: 'gateway-error,connect-failure' }, timeout: '30s',
      }),
    });
    expect(kinds(objects)).toEqual(['Deployment/web', 'PodDisruptionBudget/web', 'Canary/web']);
    expectFlaggerContract(objects);
    const spec = canarySpec(objects);
    expect(spec.provider).toBe('istio');
    expect(spec.ingressRef).toBeUndefined();
    expect(spec.service).toEqual({
      port: 80, targetPort: 'http', portName: 'http',
      gateways: ['istio-system/public-gateway', 'mesh'], hosts: ['web.example.com'],
      retries: { attempts: 3, perTryTimeout: '5s', retryOn: 'gateway-error,connect-failure' }, timeout: '30s',
    });
    expect(objects).toMatchSnapshot();
  });

  test('linkerd: provider linkerd; an Ingress to the apex Service is allowed (meshed ingress)', () => {
    const { objects } = synth({ provider: CanaryProvider.linkerd(), ingress: { className: 'nginx', hosts: ['web.example.com'], annotations: { 'nginx.ingress.kubernetes.io/service-upstream': 'true' } } });
    expect(kinds(objects)).toEqual(['Deployment/web', 'Ingress/web', 'PodDisruptionBudget/web', 'Canary/web']);
    expectFlaggerContract(objects);
    expect(canarySpec(objects).provider).toBe('linkerd');
    expect(canarySpec(objects).ingressRef).toBeUndefined();
    expect(objects).toMatchSnapshot();
  });

  test('gatewayapi:v1: gatewayRefs, hosts and timeout on the Canary service', () => {
    const { objects } = synth({
      ingress: undefined,
      provider: CanaryProvider.gatewayApi({ gatewayRefs: [{ name: 'public', namespace: 'gateways', sectionName: 'https', port: 443 }], hosts: ['web.example.com'], timeout: '15s' }),
    });
    expect(kinds(objects)).toEqual(['Deployment/web', 'PodDisruptionBudget/web', 'Canary/web']);
    expectFlaggerContract(objects);
    const spec = canarySpec(objects);
    expect(spec.provider).toBe('gatewayapi:v1');
    expect(spec.service).toEqual({
      port: 80, targetPort: 'http', portName: 'http', hosts: ['web.example.com'], timeout: '15s',
      gatewayRefs: [{ name: 'public', namespace: 'gateways', sectionName: 'https', port: 443 }],
    });
    expect(objects).toMatchSnapshot();
  });

  test('contour: retries and timeout on the Canary service', () => {
    const { objects } = synth({ ingress: undefined, provider: CanaryProvider.contour({ retries: { attempts: 2 }, timeout: '10s' }) });
    expect(kinds(objects)).toEqual(['Deployment/web', 'PodDisruptionBudget/web', 'Canary/web']);
    expectFlaggerContract(objects);
    expect(canarySpec(objects).provider).toBe('contour');
    expect(canarySpec(objects).service).toEqual({ port: 80, targetPort: 'http', portName: 'http', retries: { attempts: 2 }, timeout: '10s' });
    expect(objects).toMatchSnapshot();
  });

  test('traefik: provider traefik, nothing else routed by us', () => {
    const { objects } = synth({ ingress: undefined, provider: CanaryProvider.traefik() });
    expect(kinds(objects)).toEqual(['Deployment/web', 'PodDisruptionBudget/web', 'Canary/web']);
    expectFlaggerContract(objects);
    expect(canarySpec(objects).provider).toBe('traefik');
    expect(canarySpec(objects).service).toEqual({ port: 80, targetPort: 'http', portName: 'http' });
    expect(objects).toMatchSnapshot();
  });
});

describe('mode selection', () => {
  test('stepWeights: the listed weights, no maxWeight', () => {
    const { app, objects } = synth({ analysis: { ...common, stepWeights: [1, 5, 25, 60], stepWeightPromotion: 50 } });
    expect(canarySpec(objects).analysis).toMatchObject({ stepWeights: [1, 5, 25, 60], stepWeightPromotion: 50 });
    expect(canarySpec(objects).analysis.maxWeight).toBeUndefined();
    expect(canarySpec(objects).analysis.stepWeight).toBeUndefined();
    expect(app.stepWeightsInEffect).toEqual([1, 5, 25, 60]);
    expect(app.stepWeightPromotion).toBe(50);
    expect(app.analysisMode).toBe(AnalysisMode.CANARY);
  });

  test('stepWeight without maxWeight goes to 100; the last step overshoots maxWeight and is capped at 100', () => {
    expect(make({ analysis: { ...common, stepWeight: 30 } }).app.stepWeightsInEffect).toEqual([30, 60, 90, 100]);
    expect(make({ analysis: { ...common, stepWeight: 20, maxWeight: 50 } }).app.stepWeightsInEffect).toEqual([20, 40, 60]);
    expect(synthValid(make({ analysis: { ...common, stepWeight: 30 } }).chart).find(o => o.kind === 'Canary').spec.analysis.maxWeight).toBe(100);
  });

  test('A/B testing on nginx: iterations with one header and one cookie (value "always")', () => {
    const { app, objects } = synth({
      analysis: { ...common, iterations: 10, match: [TrafficMatch.headerExact('x-canary', 'insider'), TrafficMatch.cookie('canary')] },
    });
    expect(app.analysisMode).toBe(AnalysisMode.AB_TESTING);
    expect(app.iterations).toBe(10);
    expect(app.stepWeightsInEffect).toEqual([]);
    expect(canarySpec(objects).analysis).toMatchObject({
      iterations: 10,
      match: [{ headers: { 'x-canary': { exact: 'insider' } } }, { headers: { cookie: { exact: 'canary' } } }],
    });
    expect(canarySpec(objects).analysis.stepWeight).toBeUndefined();
    expect(objects).toMatchSnapshot();
  });

  test('A/B testing cookies are rendered per provider: a regex on istio and Gateway API, a suffix on contour', () => {
    const ab = { ...common, iterations: 5, match: [TrafficMatch.cookie('beta', 'yes'), TrafficMatch.headerRegex('user-agent', '.*Android.*')] };
    const istio = synth({ ingress: undefined, provider: CanaryProvider.istio(), analysis: ab }).objects;
    expect(canarySpec(istio).analysis.match).toEqual([
      { headers: { cookie: { regex: '^(.*?;\\s*)?(beta=yes)(;.*)?$' } } },
      { headers: { 'user-agent': { regex: '.*Android.*' } } },
    ]);
    const gw = synth({ ingress: undefined, provider: CanaryProvider.gatewayApi({ gatewayRefs: [{ name: 'public' }] }), analysis: ab }).objects;
    expect(canarySpec(gw).analysis.match[0]).toEqual({ headers: { cookie: { regex: '^(.*?;\\s*)?(beta=yes)(;.*)?$' } } });
    const contour = synth({ ingress: undefined, provider: CanaryProvider.contour(), analysis: { ...ab, match: [TrafficMatch.cookie('beta', 'yes'), TrafficMatch.headerSuffix('user-agent', 'Firefox/71.0')] } }).objects;
    expect(canarySpec(contour).analysis.match).toEqual([
      { headers: { cookie: { suffix: 'beta=yes' } } },
      { headers: { 'user-agent': { suffix: 'Firefox/71.0' } } },
    ]);
  });

  test('A/B testing on gatewayapi:v1: headers, cookies and query parameters, exact or regex', () => {
    const match = [TrafficMatch.headerExact('x-canary', 'insider'), TrafficMatch.cookie('beta', 'yes'), TrafficMatch.queryParam('beta', '1'), TrafficMatch.queryParamRegex('group', '^(qa|dev)$')];
    const { app, objects } = synth({ ingress: undefined, provider: CanaryProvider.gatewayApi({ gatewayRefs: [{ name: 'public', namespace: 'gateway-system' }], hosts: ['web.example.com'] }), analysis: { ...common, iterations: 5, match } });
    expect(canarySpec(objects).analysis.match).toEqual([
      { headers: { 'x-canary': { exact: 'insider' } } },
      { headers: { cookie: { regex: '^(.*?;\\s*)?(beta=yes)(;.*)?$' } } },
      { queryParams: { beta: { exact: '1' } } },
      { queryParams: { group: { regex: '^(qa|dev)$' } } },
    ]);
    expect(app.plan.kind).toBe(RolloutPlanKind.FLAGGER_AB_TESTING);
    expect(kinds(objects).filter(k => k.startsWith('HTTPRoute'))).toEqual([]);
  });

  test('mirroring and session affinity on istio are rendered', () => {
    const { objects } = synth({
      ingress: undefined,
      provider: CanaryProvider.istio(),
      analysis: { ...canaryAnalysis, mirror: true, mirrorWeight: 50, sessionAffinity: { cookieName: 'flagger-cookie', primaryCookieName: 'primary-cookie', maxAgeSeconds: 3600, sameSite: CookieSameSite.LAX, secure: true } },
    });
    expect(canarySpec(objects).analysis).toMatchObject({
      mirror: true, mirrorWeight: 50,
      sessionAffinity: { cookieName: 'flagger-cookie', primaryCookieName: 'primary-cookie', maxAge: 3600, sameSite: 'Lax', secure: true },
    });
  });
});

describe('autoscaling, disruption budget and config', () => {
  const { app, objects } = synth({
    autoscaling: { minReplicas: 2, maxReplicas: 4 },
    primaryScalerReplicas: { minReplicas: 3, maxReplicas: 6 },
    configFiles: { 'app.yaml': 'level: info\n' },
  });

  test('an autoscaling/v2 HPA <name> targets the Deployment and is the Canary autoscalerRef, with primaryScalerReplicas', () => {
    expect(find(objects, 'HorizontalPodAutoscaler', 'web').spec).toMatchObject({ minReplicas: 2, maxReplicas: 4, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' } });
    expect(canarySpec(objects).autoscalerRef).toEqual({
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', name: 'web', primaryScalerReplicas: { minReplicas: 3, maxReplicas: 6 },
    });
  });

  test('no spec.replicas on the autoscaled Deployment (Flux would scale the idle canary back up)', () => {
    expect('replicas' in find(objects, 'Deployment', 'web').spec).toBe(false);
    expect(app.replicas).toBe(2);
  });

  test('the PDB selects the primary pods; the ConfigMap is the app\'s own (Flagger tracks it)', () => {
    expect(find(objects, 'PodDisruptionBudget', 'web').spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'web-primary' });
    expect(kinds(objects)).toEqual(['ConfigMap/web-config', 'Deployment/web', 'Ingress/web', 'HorizontalPodAutoscaler/web', 'PodDisruptionBudget/web', 'Canary/web']);
    expectFlaggerContract(objects);
    expect(app.autoscaler).toBeDefined();
    expect(app.configMap).toBeDefined();
    expect(objects).toMatchSnapshot();
  });
});

test('Canary options: skipAnalysis, suspend, revertOnDeletion false, progressDeadlineSeconds, metricsServer, portDiscovery with extra ports, namespace', () => {
  const { objects } = synth({
    namespace: 'shop', skipAnalysis: true, suspend: true, revertOnDeletion: false, progressDeadlineSeconds: 120, metricsServer: 'http://prometheus.monitoring:9090',
    extraPorts: [{ name: 'metrics', port: 9797 }], portName: 'web', servicePort: 8080,
  });
  const canary = find(objects, 'Canary', 'web');
  expect(canary.metadata.namespace).toBe('shop');
  expect(canary.spec).toMatchObject({
    skipAnalysis: true, suspend: true, revertOnDeletion: false, progressDeadlineSeconds: 120, metricsServer: 'http://prometheus.monitoring:9090',
    service: { port: 8080, targetPort: 'web', portName: 'web', portDiscovery: true },
  });
  expect(find(objects, 'Ingress', 'web').spec.rules[0].http.paths[0].backend.service).toEqual({ name: 'web', port: { number: 8080 } });
});

test('metric templates and alert providers are referenced by object, without a namespace when it is the Canary\'s', () => {
  const chart = Testing.chart();
  const latency = new MetricTemplate(chart, 'latency', { name: 'latency', provider: MetricProviderType.PROMETHEUS, address: 'http://prometheus.monitoring:9090', query: 'histogram_quantile(0.99, sum(rate(x[{{ interval }}])) by (le))' });
  const shared = new MetricTemplate(chart, 'errors', { name: 'errors', namespace: 'flagger-system', provider: MetricProviderType.PROMETHEUS, address: 'http://prometheus.monitoring:9090', query: 'sum(rate(errors[1m]))' });
  const slack = new AlertProvider(chart, 'slack', { name: 'slack', type: AlertProviderType.SLACK, secretName: 'slack-url' });
  const app = new CanaryApp(chart, 'web', {
    ...base,
    analysis: {
      ...canaryAnalysis,
      metrics: [
        Metric.requestSuccessRate({ minPercent: 98, interval: '30s' }),
        Metric.fromTemplate(latency, { max: 0.5, variables: { quantile: '0.99' } }),
        Metric.fromTemplate(shared, { name: 'error-rate', max: 1 }),
        Metric.fromTemplateName('cpu', { templateNamespace: 'monitoring', min: 0, max: 80 }),
      ],
      alerts: [Alert.to(slack, AlertSeverity.WARN), Alert.toExisting('teams', { severity: AlertSeverity.ERROR, providerNamespace: 'flagger-system', name: 'on-call' })],
    },
  });
  const objects = synthValid(chart);
  expect(canarySpec(objects).analysis.metrics).toEqual([
    { name: 'request-success-rate', interval: '30s', thresholdRange: { min: 98 } },
    { name: 'latency', interval: '1m', templateRef: { name: 'latency' }, thresholdRange: { max: 0.5 }, templateVariables: { quantile: '0.99' } },
    { name: 'error-rate', interval: '1m', templateRef: { name: 'errors', namespace: 'flagger-system' }, thresholdRange: { max: 1 } },
    { name: 'cpu', interval: '1m', templateRef: { name: 'cpu', namespace: 'monitoring' }, thresholdRange: { min: 0, max: 80 } },
  ]);
  expect(canarySpec(objects).analysis.alerts).toEqual([
    { name: 'slack', severity: 'warn', providerRef: { name: 'slack' } },
    { name: 'on-call', severity: 'error', providerRef: { name: 'teams', namespace: 'flagger-system' } },
  ]);
  expect(app.metricTemplates).toEqual([latency, shared]);
  expect(app.alertProviders).toEqual([slack]);
});

test('every webhook type, gates and tests from the loadtester', () => {
  const { objects } = synth({
    analysis: {
      ...canaryAnalysis,
      webhooks: [
        tester.confirmRolloutGate(),
        tester.bashTest({ command: 'curl -sf http://web-canary.test/healthz', returnCmdOutput: true }),
        loadTest,
        tester.confirmTrafficIncreaseGate(),
        tester.confirmPromotionGate(),
        Webhook.postRollout('notify', 'https://hooks.example.com/done', { retries: 2 }),
        tester.rollbackGate(),
        Webhook.onEvent('audit', 'https://audit.example.com/flagger', { disableTls: true, muteAlert: true, metadata: { team: 'web' } }),
      ],
    },
  });
  expect(canarySpec(objects).analysis.webhooks.map((w: any) => [w.type, w.name, w.url])).toEqual([
    ['confirm-rollout', 'confirm-rollout', 'http://flagger-loadtester.test/gate/check'],
    ['pre-rollout', 'acceptance-test', 'http://flagger-loadtester.test/'],
    ['rollout', 'load-test', 'http://flagger-loadtester.test/'],
    ['confirm-traffic-increase', 'confirm-traffic-increase', 'http://flagger-loadtester.test/gate/check'],
    ['confirm-promotion', 'confirm-promotion', 'http://flagger-loadtester.test/gate/check'],
    ['post-rollout', 'notify', 'https://hooks.example.com/done'],
    ['rollback', 'rollback', 'http://flagger-loadtester.test/rollback/check'],
    ['event', 'audit', 'https://audit.example.com/flagger'],
  ]);
  expect(canarySpec(objects).analysis.webhooks[1]).toEqual({
    name: 'acceptance-test', type: 'pre-rollout', url: 'http://flagger-loadtester.test/', timeout: '30s',
    metadata: { type: 'bash', cmd: 'curl -sf http://web-canary.test/healthz', returnCmdOutput: 'true' },
  });
  expect(canarySpec(objects).analysis.webhooks[7]).toEqual({
    name: 'audit', type: 'event', url: 'https://audit.example.com/flagger', disableTLS: true, muteAlert: true, metadata: { team: 'web' },
  });
});

test('builtin metrics may run without a load test when hasSteadyTraffic is set', () => {
  const { objects } = synth({ analysis: { ...canaryAnalysis, webhooks: [], hasSteadyTraffic: true } });
  expect(canarySpec(objects).analysis.webhooks).toBeUndefined();
});

test('the deterministic output does not depend on construct ids', () => {
  const a = Testing.chart();
  new CanaryApp(a, 'one', base);
  const b = Testing.chart();
  new CanaryApp(b, 'two', base);
  expect(Testing.synth(a)).toEqual(Testing.synth(b));
});

describe('CanaryApp validation', () => {
  const withAnalysis = (analysis: Partial<AnalysisProps>) => () => make({ analysis: { ...canaryAnalysis, ...analysis } });
  const ab = (analysis: Partial<AnalysisProps>, props: Partial<CanaryAppProps> = {}) => () => make({ ...props, analysis: { ...common, iterations: 10, match: [TrafficMatch.headerExact('x-canary', 'insider')], ...analysis } });
  const istio = { ingress: undefined, provider: CanaryProvider.istio() };
  const gatewayApi = { ingress: undefined, provider: CanaryProvider.gatewayApi({ gatewayRefs: [{ name: 'public' }] }) };
  const bad = (v: unknown) => v as any;
  const range = (n: number) => Metric.fromTemplateName('t', { min: n });

  test.each<[string, () => unknown, string, unknown, string]>([
    ['a provider is required', () => make({ provider: bad(undefined) }), 'provider', undefined, 'a traffic provider is required'],
    ['an analysis is required', () => make({ analysis: bad(undefined) }), 'analysis', undefined, 'an analysis'],
    ['kubernetes points to FlaggerBlueGreenApp / BlueGreenApp', () => make({ provider: CanaryProvider.kubernetes() }), 'provider', 'kubernetes', 'use FlaggerBlueGreenApp'],
    ['iterations without match points to FlaggerBlueGreenApp', () => make({ analysis: { ...common, iterations: 10 } }), 'analysis.iterations', 10, 'use FlaggerBlueGreenApp'],
    ['nginx needs the ingress', () => make({ ingress: undefined }), 'ingress', undefined, 'the nginx provider shifts traffic through the app\'s Ingress'],
    ['providers with their own routing refuse a plain Ingress', () => make({ provider: CanaryProvider.istio(), ingress: { hosts: ['web.example.com'] } }), 'ingress', ['web.example.com'], 'would bypass the istio canary routing'],
    ['canary annotations on the app Ingress', () => make({ ingress: { annotations: { 'nginx.ingress.kubernetes.io/canary-weight': '10' } } }), 'ingress.annotations', ['nginx.ingress.kubernetes.io/canary-weight'], 'Flagger sets the canary annotations'],
    ['configs Flagger copies to <name>-primary leave room for the suffix', () => make({ envFrom: [EnvFrom.secret('s'.repeat(246))] }), 'envFrom[0].name', 's'.repeat(246), 'Flagger copies it to "<name>-primary"'],
    ['primaryScalerReplicas needs autoscaling', () => make({ primaryScalerReplicas: { minReplicas: 2 } }), 'primaryScalerReplicas', { minReplicas: 2 }, 'applies only with autoscaling'],
    ['primaryScalerReplicas bounds are >= 1', () => make({ autoscaling: { maxReplicas: 4 }, primaryScalerReplicas: { minReplicas: 0 } }), 'primaryScalerReplicas.minReplicas', 0, 'an integer >= 1'],
    ['primaryScalerReplicas max >= min', () => make({ autoscaling: { maxReplicas: 4 }, primaryScalerReplicas: { minReplicas: 3, maxReplicas: 2 } }), 'primaryScalerReplicas.maxReplicas', 2, 'must be >= primaryScalerReplicas.minReplicas (3)'],
    ['progressDeadlineSeconds >= 1', () => make({ progressDeadlineSeconds: 0 }), 'progressDeadlineSeconds', 0, 'an integer >= 1'],
    ['metricsServer is a URL', () => make({ metricsServer: 'prometheus:9090' }), 'metricsServer', 'prometheus:9090', 'http:// or https://'],
    ['interval is whole seconds or minutes', withAnalysis({ interval: '1h' }), 'analysis.interval', '1h', 'whole number of seconds or minutes'],
    ['interval is at least 10s', withAnalysis({ interval: '5s' }), 'analysis.interval', '5s', 'at least 10s'],
    ['threshold >= 1', withAnalysis({ threshold: 0 }), 'analysis.threshold', 0, 'an integer >= 1'],
    ['iterations >= 1', ab({ iterations: 0 }), 'analysis.iterations', 0, 'an integer >= 1'],
    ['stepWeight 1..100', withAnalysis({ stepWeight: 0, maxWeight: undefined }), 'analysis.stepWeight', 0, 'an integer from 1 to 100'],
    ['maxWeight only with stepWeight', () => make({ analysis: { ...common, stepWeights: [10, 20], maxWeight: 50 } }), 'analysis.maxWeight', 50, 'applies only with stepWeight'],
    ['maxWeight 1..100', withAnalysis({ maxWeight: 150 }), 'analysis.maxWeight', 150, 'an integer from 1 to 100'],
    ['maxWeight >= stepWeight', withAnalysis({ stepWeight: 30, maxWeight: 20 }), 'analysis.maxWeight', 20, 'must be >= stepWeight (30)'],
    ['stepWeights not empty', () => make({ analysis: { ...common, stepWeights: [] } }), 'analysis.stepWeights', [], 'at least one weight'],
    ['stepWeights each 1..100', () => make({ analysis: { ...common, stepWeights: [10, 101] } }), 'analysis.stepWeights[1]', 101, 'an integer from 1 to 100'],
    ['stepWeights strictly increasing', () => make({ analysis: { ...common, stepWeights: [10, 30, 30, 50] } }), 'analysis.stepWeights', [10, 30, 30, 50], 'strictly increasing'],
    ['stepWeightPromotion only for progressive canaries', ab({ stepWeightPromotion: 50 }), 'analysis.stepWeightPromotion', 50, 'applies only to progressive canaries'],
    ['stepWeightPromotion 1..100', withAnalysis({ stepWeightPromotion: 0 }), 'analysis.stepWeightPromotion', 0, 'an integer from 1 to 100'],
    ['match needs iterations', withAnalysis({ match: [TrafficMatch.headerExact('x-canary', 'insider')] }), 'analysis.match', ['header x-canary exact insider'], 'set analysis.iterations'],
    ['providers without header routing refuse match', ab({}, { provider: CanaryProvider.linkerd() }), 'analysis.match', ['header x-canary exact insider'], 'the linkerd provider cannot route by header or cookie'],
    ['header names are lowercase and not "cookie"', ab({ match: [TrafficMatch.headerExact('X-Canary', 'insider')] }), 'analysis.match[0].name', 'X-Canary', 'lowercase'],
    ['header operators per provider (nginx: exact/regex; contour: no regex)', ab({ match: [TrafficMatch.headerPrefix('user-agent', 'Mobile')] }), 'analysis.match[0]', 'header user-agent prefix Mobile', 'the nginx provider matches headers with exact or regex only'],
    ['header match values are not empty', ab({ match: [TrafficMatch.headerExact('x-canary', '')] }), 'analysis.match[0].value', '', 'give the value'],
    ['cookie names are tokens', ab({ match: [TrafficMatch.cookie('my cookie')] }), 'analysis.match[0].name', 'my cookie', 'cookie names are HTTP tokens'],
    ['cookie values are cookie-octets', ab({ match: [TrafficMatch.cookie('beta', 'a;b')] }, istio), 'analysis.match[0].value', 'a;b', 'cookie-octets'],
    ['nginx cookies need the value "always"', ab({ match: [TrafficMatch.cookie('beta', 'yes')] }), 'analysis.match[0].value', 'yes', 'only when its value is "always"'],
    ['nginx header and cookie names are what ingress-nginx accepts', ab({ match: [TrafficMatch.headerExact('x-canary!', 'insider')] }), 'analysis.match[0].name', 'x-canary!', 'on nginx, header and cookie names are letters, digits'],
    ['nginx exact header values are what ingress-nginx accepts', ab({ match: [TrafficMatch.headerExact('x-canary', 'a;b')] }), 'analysis.match[0].value', 'a;b', 'on nginx, exact header values are letters, digits'],
    ['nginx header patterns are what ingress-nginx accepts', ab({ match: [TrafficMatch.headerRegex('x-user', '^a{1,3}$')] }), 'analysis.match[0].value', '^a{1,3}$', 'no spaces or commas'],
    ['nginx takes at most one header and one cookie', ab({ match: [TrafficMatch.headerExact('x-a', '1'), TrafficMatch.headerRegex('x-b', '.*')] }), 'analysis.match', ['header x-a exact 1', 'header x-b regex .*'], 'at most one header and one cookie'],
    ['query parameter matches need istio or gatewayapi', ab({ match: [TrafficMatch.queryParam('beta', '1')] }), 'analysis.match[0]', 'query beta exact 1', 'query parameter matches need the istio or gatewayapi:v1 provider, not nginx'],
    ['query parameter names are tokens', ab({ match: [TrafficMatch.queryParam('a b', '1')] }, istio), 'analysis.match[0].name', 'a b', 'query parameter names are HTTP tokens'],
    ['gatewayapi: match values fit the HTTPRoute schema', ab({ match: [TrafficMatch.queryParam('beta', 'x'.repeat(1025))] }, gatewayApi), 'analysis.match[0]', `query beta exact ${'x'.repeat(1025)}`, 'query parameter values at most 1024'],
    ['gatewayapi: at most 64 matches (Flagger puts them in one HTTPRoute rule)', ab({ match: Array.from({ length: 65 }, (_, i) => TrafficMatch.headerExact(`x-h${i}`, '1')) }, gatewayApi), 'analysis.match', 65, 'an HTTPRoute rule takes at most 64 matches'],
    ['gatewayapi: at most 16 hosts (the HTTPRoute\'s hostnames)', () => make({ ingress: undefined, provider: CanaryProvider.gatewayApi({ gatewayRefs: [{ name: 'public' }], hosts: Array.from({ length: 17 }, (_, i) => `h${i}.example.com`) }) }), 'provider.hosts', 17, 'at most 16 hostnames'],
    ['gatewayapi: two references to one Gateway name different listeners (HTTPRoute CEL rule)', () => make({ ingress: undefined, provider: CanaryProvider.gatewayApi({ gatewayRefs: [{ name: 'public' }, { name: 'public', port: 443 }] }) }), 'provider.gatewayRefs[0].sectionName', undefined, 'give each of its references a different sectionName'],
    ['no route with gatewayapi: Flagger creates the HTTPRoute <name> itself', () => make({ ...gatewayApi, route: { parentRefs: [{ name: 'public' }] } }), 'route', [{ name: 'public' }], 'with the gatewayapi:v1 provider it creates the HTTPRoute "web" itself, and an HTTPRoute of the app would clash with it or bypass the canary; expose it through Gateway API gatewayRefs and hosts (CanaryProvider.gatewayApi({ gatewayRefs, hosts }))'],
    ['no route with another provider: it would bypass the provider\'s routing', () => make({ ...istio, route: { parentRefs: [{ name: 'public' }] } }), 'route', [{ name: 'public' }], 'an HTTPRoute of the app would send requests past the istio provider\'s canary routing; expose it through Istio gateways and hosts'],
    ['mirror needs istio or gatewayapi', withAnalysis({ mirror: true }), 'analysis.mirror', true, 'traffic mirroring needs the istio or gatewayapi:v1 provider, not nginx'],
    ['mirrorWeight needs mirror', () => make({ ...istio, analysis: { ...canaryAnalysis, mirrorWeight: 50 } }), 'analysis.mirrorWeight', 50, 'applies only with mirror: true'],
    ['mirrorWeight needs istio', () => make({ ingress: undefined, provider: CanaryProvider.gatewayApi({ gatewayRefs: [{ name: 'public' }] }), analysis: { ...canaryAnalysis, mirror: true, mirrorWeight: 50 } }), 'analysis.mirrorWeight', 50, 'a partial mirror needs the istio provider'],
    ['mirrorWeight 1..100', () => make({ ...istio, analysis: { ...canaryAnalysis, mirror: true, mirrorWeight: 120 } }), 'analysis.mirrorWeight', 120, 'an integer from 1 to 100'],
    ['sessionAffinity needs istio or gatewayapi', withAnalysis({ sessionAffinity: { cookieName: 'sticky' } }), 'analysis.sessionAffinity', 'sticky', 'session affinity needs the istio or gatewayapi:v1 provider, not nginx'],
    ['sessionAffinity only for progressive canaries', ab({ sessionAffinity: { cookieName: 'sticky' } }, istio), 'analysis.sessionAffinity', 'sticky', 'applies only to progressive canaries'],
    ['sessionAffinity cookieName is a token', () => make({ ...istio, analysis: { ...canaryAnalysis, sessionAffinity: { cookieName: 'a b' } } }), 'analysis.sessionAffinity.cookieName', 'a b', 'HTTP tokens'],
    ['sessionAffinity primaryCookieName is a token', () => make({ ...istio, analysis: { ...canaryAnalysis, sessionAffinity: { cookieName: 'a', primaryCookieName: 'b;' } } }), 'analysis.sessionAffinity.primaryCookieName', 'b;', 'HTTP tokens'],
    ['sessionAffinity maxAgeSeconds >= 1', () => make({ ...istio, analysis: { ...canaryAnalysis, sessionAffinity: { cookieName: 'a', maxAgeSeconds: 0 } } }), 'analysis.sessionAffinity.maxAgeSeconds', 0, 'an integer >= 1'],
    ['ready thresholds are percentages', withAnalysis({ canaryReadyThreshold: 0 }), 'analysis.canaryReadyThreshold', 0, 'an integer from 1 to 100'],
    ['the primary ready threshold is a percentage', withAnalysis({ primaryReadyThreshold: 101 }), 'analysis.primaryReadyThreshold', 101, 'an integer from 1 to 100'],
    ['alert provider names are DNS names', withAnalysis({ alerts: [Alert.toExisting('Slack_Team')] }), 'analysis.alerts[0].providerName', 'Slack_Team', 'DNS-1123 subdomain'],
    ['alerts need a name', withAnalysis({ alerts: [Alert.toExisting('slack', { name: '' })] }), 'analysis.alerts[0].name', '', 'alerts need a name'],
    ['alert severities are info, warn or error', withAnalysis({ alerts: [Alert.toExisting('slack', { severity: bad('critical') })] }), 'analysis.alerts[0].severity', 'critical', 'info, warn, error'],
    ['builtin metrics need traffic', withAnalysis({ webhooks: [tester.bashTest({ command: 'true' })] }), 'analysis.metrics', ['request-success-rate', 'request-duration'], 'add a rollout webhook that generates load'],
    ['metric names are simple', withAnalysis({ metrics: [Metric.fromTemplateName('t', { name: 'my metric', max: 1 })] }), 'analysis.metrics[0].name', 'my metric', 'metric names are letters'],
    ['metric names are unique', withAnalysis({ metrics: [Metric.fromTemplateName('t', { max: 1 }), Metric.fromTemplateName('t', { min: 0 })] }), 'analysis.metrics[1].name', 't', 'must be unique'],
    ['metric intervals are whole seconds or minutes', withAnalysis({ metrics: [Metric.requestSuccessRate({ interval: '1h' })] }), 'analysis.metrics[0].interval', '1h', 'whole number of seconds or minutes'],
    ['request-success-rate is a percentage', withAnalysis({ metrics: [Metric.requestSuccessRate({ minPercent: 101 })] }), 'analysis.metrics[0].minPercent', 101, 'a percentage from 0 to 100'],
    ['request-duration is positive', withAnalysis({ metrics: [Metric.requestDuration({ maxMilliseconds: 0 })] }), 'analysis.metrics[0].maxMilliseconds', 0, 'a positive number of milliseconds'],
    ['template names are DNS names', withAnalysis({ metrics: [Metric.fromTemplateName('Latency', { max: 1 })] }), 'analysis.metrics[0].templateName', 'Latency', 'DNS-1123 subdomain'],
    ['template namespaces are DNS labels', withAnalysis({ metrics: [Metric.fromTemplateName('latency', { max: 1, templateNamespace: 'Monitoring' })] }), 'analysis.metrics[0].templateNamespace', 'Monitoring', 'DNS-1123 label'],
    ['template metrics need a range', withAnalysis({ metrics: [Metric.fromTemplateName('latency', {})] }), 'analysis.metrics[0]', 'latency', 'min, max or both'],
    ['template metric bounds are finite numbers', withAnalysis({ metrics: [range(Number.POSITIVE_INFINITY)] }), 'analysis.metrics[0].min', Number.POSITIVE_INFINITY, 'a finite number'],
    ['template metric min <= max', withAnalysis({ metrics: [Metric.fromTemplateName('t', { min: 5, max: 1 })] }), 'analysis.metrics[0].min', 5, 'must be <= max (1)'],
    ['template variables are identifiers', withAnalysis({ metrics: [Metric.fromTemplateName('t', { max: 1, variables: { 'bad-key': 'x' } })] }), 'analysis.metrics[0].variables.bad-key', 'bad-key', 'identifiers'],
    ['webhook names are simple', withAnalysis({ webhooks: [loadTest, Webhook.postRollout('post rollout', 'http://x/')] }), 'analysis.webhooks[1].name', 'post rollout', 'webhook names are letters'],
    ['webhook names are unique', withAnalysis({ webhooks: [loadTest, Webhook.postRollout('load-test', 'http://x/')] }), 'analysis.webhooks[1].name', 'load-test', 'must be unique'],
    ['webhook urls are http(s) URLs', withAnalysis({ webhooks: [loadTest, Webhook.postRollout('notify', 'flagger-loadtester.test')] }), 'analysis.webhooks[1].url', 'flagger-loadtester.test', 'http:// or https://'],
    ['webhook timeouts are whole seconds or minutes', withAnalysis({ webhooks: [loadTest, Webhook.postRollout('notify', 'http://x/', { timeout: '1h' })] }), 'analysis.webhooks[1].timeout', '1h', 'whole number of seconds or minutes'],
    ['webhook retries >= 0', withAnalysis({ webhooks: [loadTest, Webhook.postRollout('notify', 'http://x/', { retries: -1 })] }), 'analysis.webhooks[1].retries', -1, 'an integer >= 0'],
    ['confirm-traffic-increase only in progressive canaries', ab({ webhooks: [loadTest, tester.confirmTrafficIncreaseGate()] }), 'analysis.webhooks[1].type', 'confirm-traffic-increase', 'only runs in progressive canaries'],
    ['rollout webhook timeouts add up to less than the interval', withAnalysis({ interval: '30s', webhooks: [loadTest, Webhook.rollout('smoke', 'http://x/', { timeout: '20s' }), Webhook.rollout('extra', 'http://y/')] }),
      'analysis.webhooks', ['load-test: 5s', 'smoke: 20s', 'extra: 10s (default)'], 'add up to 35s, which must stay below the interval (30s)'],
  ])('%s', (_rule, fn, prop, value, message) => {
    expectPropError(fn, prop, value, message);
  });

  test('mode selection: exactly one of iterations, stepWeight and stepWeights', () => {
    const rule = 'set exactly one of iterations (A/B testing with match, blue/green without), stepWeight or stepWeights';
    expectPropError(() => make({ analysis: { ...common } }), 'analysis', { iterations: undefined, stepWeight: undefined, stepWeights: undefined }, rule);
    expectPropError(() => make({ analysis: { ...common, stepWeight: 10, stepWeights: [10, 20] } }), 'analysis', { iterations: undefined, stepWeight: 10, stepWeights: [10, 20] }, rule);
  });

  test('iterations with stepWeight or stepWeights: the two modes exclude each other', () => {
    const rule = 'iterations and stepWeight/stepWeights exclude each other: iterations test the new version for a number of intervals (A/B testing with match, blue/green without)';
    expectPropError(() => make({ analysis: { ...common, iterations: 5, stepWeight: 10 } }), 'analysis', { iterations: 5, stepWeight: 10, stepWeights: undefined }, rule);
    expectPropError(() => make({ analysis: { ...common, iterations: 5, stepWeights: [10, 20] } }), 'analysis', { iterations: 5, stepWeight: undefined, stepWeights: [10, 20] }, rule);
    expectPropError(() => make({ analysis: { ...common, iterations: 5, stepWeight: 10, match: [TrafficMatch.cookie('canary')] } }), 'analysis', { iterations: 5, stepWeight: 10, stepWeights: undefined }, rule);
  });

  test('the webhook type enum covers every Flagger hook', () => {
    expect(Object.values(WebhookType).sort()).toEqual(['confirm-promotion', 'confirm-rollout', 'confirm-traffic-increase', 'event', 'post-rollout', 'pre-rollout', 'rollback', 'rollout']);
  });

  test('the name budget: a 55-character name is the longest, so that <name>-primary is a 63-character DNS label', () => {
    const name = `w${'a'.repeat(54)}`;
    const objects = synthValid(make({ name }).chart);
    expectFlaggerContract(objects, name);
    expect(`${name}-primary`).toHaveLength(63);
    expect(() => make({ name: `${name}a` })).toThrow('at most 55 characters');
  });
});

describe('rollout plan', () => {
  test('stepWeight 10 up to 50 every 1m: five steps, 300s to promote, rollback after interval x threshold, 2R pods at the peak', () => {
    const plan = make({ analysis: { ...canaryAnalysis, threshold: 3 } }).app.plan;
    expect(plan.kind).toBe(RolloutPlanKind.FLAGGER_CANARY);
    expect(plan.steps.map(s => s.name)).toEqual(['10%', '20%', '30%', '40%', '50%', 'promote', 'finalise']);
    expect(plan.steps.slice(0, 5).map(s => s.startSeconds)).toEqual([0, 60, 120, 180, 240]);
    expect([plan.intervalSeconds, plan.threshold, plan.analysisSeconds, plan.minTimeToPromoteSeconds]).toEqual([60, 3, 300, 300]);
    expect(plan.timeToRollbackSeconds).toBe(60 * 3);
    expect([plan.steadyPods, plan.peakPods, plan.minAvailablePods]).toEqual([2, 4, 2]);
    expect(plan.progressDeadlineSeconds).toBe(600);
  });

  test('the raw analysis goes to the plan: stepWeights with a staged promotion add interval x ceil(last weight / stepWeightPromotion)', () => {
    const plan = make({ analysis: { ...common, interval: '30s', stepWeights: [5, 25, 60], stepWeightPromotion: 25 } }).app.plan;
    expect(plan.steps.slice(0, 3).map(s => s.trafficPercent)).toEqual([5, 25, 60]);
    // 3 steps x 30s + ceil(60 / 25) = 3 intervals x 30s
    expect([plan.analysisSeconds, plan.stagedPromotionSeconds, plan.minTimeToPromoteSeconds]).toEqual([90, 90, 180]);
  });

  test('the nginx plan lists what Flagger creates: the primary, the three Services, the Ingress <ingress>-canary and the primary copies of the configs', () => {
    const plan = make({ configFiles: { 'app.yaml': 'level: info\n' }, envFrom: [EnvFrom.configMap('shared'), EnvFrom.secret('db'), EnvFrom.secretKey('TOKEN', 'api-token', 'token'), EnvFrom.configMapKey('MODE', 'shared', 'mode')] }).app.plan;
    expect(plan.runtimeObjects.map(o => `${o.kind}/${o.name}`)).toEqual([
      'Deployment/web-primary', 'Service/web', 'Service/web-primary', 'Service/web-canary',
      'ConfigMap/web-config-primary', 'ConfigMap/shared-primary', 'Secret/db-primary', 'Secret/api-token-primary',
      'Ingress/web-canary',
    ]);
  });

  test('with an HPA the plan runs at its minimum, names the primary HPA and carries the maximum', () => {
    const plan = make({ autoscaling: { minReplicas: 3, maxReplicas: 12 } }).app.plan;
    expect([plan.steadyPods, plan.peakPods, plan.maxReplicas]).toEqual([3, 6, 12]);
    expect(plan.runtimeObjects.map(o => `${o.kind}/${o.name}`)).toContain('HorizontalPodAutoscaler/web-primary');
  });

  test('webhooks become gates in phase order with their timeouts in seconds; metrics keep their ranges, templates and intervals', () => {
    const plan = make({
      analysis: {
        ...canaryAnalysis,
        metrics: [Metric.requestSuccessRate({ minPercent: 98, interval: '2m' }), Metric.fromTemplateName('latency', { min: 0, max: 0.5 })],
        webhooks: [loadTest, tester.confirmPromotionGate(), Webhook.preRollout('smoke', 'http://smoke.test/', { timeout: '1m' })],
      },
    }).app.plan;
    expect(plan.gates.map(g => [g.name, g.type, g.timeoutSeconds])).toEqual([['smoke', 'pre-rollout', 60], ['load-test', 'rollout', 5], ['confirm-promotion', 'confirm-promotion', 10]]);
    expect(plan.metrics.map(m => [m.name, m.check, m.intervalSeconds, m.meaning])).toEqual([
      ['request-success-rate', '>= 98', 120, 'percentage of requests answered without a 5xx'],
      ['latency', '0 .. 0.5', 60, 'MetricTemplate `latency`'],
    ]);
  });

  test('A/B testing: iterations x interval to promote, and the match conditions in words', () => {
    const plan = make({ analysis: { ...common, threshold: 2, iterations: 10, match: [TrafficMatch.headerExact('x-canary', 'insider'), TrafficMatch.cookie('canary')] } }).app.plan;
    expect(plan.kind).toBe(RolloutPlanKind.FLAGGER_AB_TESTING);
    expect([plan.analysisSeconds, plan.minTimeToPromoteSeconds, plan.timeToRollbackSeconds]).toEqual([600, 600, 120]);
    expect(plan.steps[0].description).toContain('`header x-canary exact insider` or `cookie canary=always`');
  });

  test('mirroring on istio adds one mirrored interval before the first weight', () => {
    const plan = make({ ingress: undefined, provider: CanaryProvider.istio(), analysis: { ...canaryAnalysis, mirror: true } }).app.plan;
    expect(plan.steps[0].name).toBe('mirror');
    expect(plan.minTimeToPromoteSeconds).toBe(360);
    expect(plan.runtimeObjects.map(o => `${o.kind}/${o.name}`)).toContain('VirtualService/web');
  });

  test('in a GitOpsLayout environment the plan watches the Flux Kustomization <environment>-<app>; elsewhere it has no flux commands', () => {
    expect(make().app.plan.watchCommands.some(c => c.startsWith('flux '))).toBe(false);
    const layout = new GitOpsLayout({ outdir: 'unused' });
    const chart = layout.addEnvironment('prod').addApp('web');
    const plan = new CanaryApp(chart, 'web', base).plan;
    expect(plan.watchCommands.some(c => c.startsWith('flux '))).toBe(false);
    expect(renderedWatchCommands(layout, 'prod/web').slice(0, 3)).toEqual([
      'flux -n flux-system reconcile kustomization prod-web --with-source',
      'flux -n flux-system get kustomizations prod-web --watch',
      'kubectl -n web get canary web -w',
    ]);
  });
});
