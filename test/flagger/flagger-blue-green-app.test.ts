import { Testing } from 'cdk8s';
import {
  AnalysisMode, BlueGreenAnalysisProps, CanaryProvider, CanaryProviderType, FlaggerBlueGreenApp, FlaggerBlueGreenAppProps, GitOpsLayout, LoadTester, Metric, MetricProviderType, MetricTemplate,
  RolloutPlanKind,
} from '../../lib';
import { find, synthValid } from '../support/validate';
import { renderedWatchCommands } from '../support/plans';

const tester = LoadTester.inNamespace('shop');
const analysis: BlueGreenAnalysisProps = {
  interval: '1m',
  threshold: 2,
  iterations: 10,
  metrics: [Metric.requestSuccessRate()],
  webhooks: [
    tester.bashTest({ command: 'curl -sd test http://api-canary.shop/token | grep token' }),
    tester.heyLoadTest({ url: 'http://api-canary.shop/' }),
  ],
};
const base: FlaggerBlueGreenAppProps = { name: 'api', namespace: 'shop', image: 'ghcr.io/acme/api:1.4.2', port: 9898, analysis };

function make(props: Partial<FlaggerBlueGreenAppProps> = {}) {
  const chart = Testing.chart();
  const app = new FlaggerBlueGreenApp(chart, 'api', { ...base, ...props });
  return { chart, app };
}

function synth(props: Partial<FlaggerBlueGreenAppProps> = {}) {
  const { chart, app } = make(props);
  return { app, objects: synthValid(chart) };
}

const kinds = (objects: any[]) => objects.map(o => `${o.kind}/${o.metadata.name}`);
const canarySpec = (objects: any[]) => find(objects, 'Canary', 'api').spec;

function expectFlaggerContract(objects: any[]) {
  expect(objects.filter(o => o.kind === 'Service')).toEqual([]);
  expect(objects.filter(o => /-(primary|canary)$/.test(o.metadata.name)).map(o => o.metadata.name)).toEqual([]);
  expect(find(objects, 'Deployment', 'api').spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'api' } });
}

describe('defaults: provider kubernetes, one Deployment and a Canary with iterations', () => {
  const { app, objects } = synth();
  const spec = canarySpec(objects);

  test('emits the Deployment, the PDB of the primary pods and the Canary; no Service, nothing -primary or -canary', () => {
    expect(kinds(objects)).toEqual(['Deployment/api', 'PodDisruptionBudget/api', 'Canary/api']);
    expectFlaggerContract(objects);
    expect(find(objects, 'PodDisruptionBudget', 'api').spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'api-primary' });
    expect(objects.every(o => o.metadata.namespace === 'shop')).toBe(true);
  });

  test('the Canary runs blue/green on plain Kubernetes Services: iterations, no weights, no ingressRef', () => {
    expect(spec.provider).toBe('kubernetes');
    expect(spec.ingressRef).toBeUndefined();
    expect(spec.service).toEqual({ port: 80, targetPort: 'http', portName: 'http' });
    expect(spec.analysis).toMatchObject({ interval: '1m', threshold: 2, iterations: 10 });
    for (const key of ['stepWeight', 'stepWeights', 'maxWeight', 'match']) expect(spec.analysis[key]).toBeUndefined();
  });

  test('a blocking acceptance test before rollout and a background load test every interval', () => {
    expect(spec.analysis.webhooks).toEqual([
      { name: 'acceptance-test', type: 'pre-rollout', url: 'http://flagger-loadtester.shop/', timeout: '30s', metadata: { type: 'bash', cmd: 'curl -sd test http://api-canary.shop/token | grep token' } },
      { name: 'load-test', type: 'rollout', url: 'http://flagger-loadtester.shop/', timeout: '5s', metadata: { type: 'cmd', cmd: 'hey -z 1m -q 10 -c 2 http://api-canary.shop/' } },
    ]);
  });

  test('exposes the resolved analysis', () => {
    expect(app.provider.type).toBe(CanaryProviderType.KUBERNETES);
    expect(app.analysisMode).toBe(AnalysisMode.BLUE_GREEN);
    expect(app.iterations).toBe(10);
    expect(app.stepWeightsInEffect).toEqual([]);
    expect(app.maxWeight).toBeUndefined();
    expect(app.intervalSeconds).toBe(60);
    expect(app.threshold).toBe(2);
    expect(app.canaryServiceName).toBe('api-canary');
    expect(app.ingress).toBeUndefined();
  });

  test('snapshot', () => {
    expect(objects).toMatchSnapshot();
  });
});

test('with an Ingress to the apex Service, an HPA and a custom Prometheus metric', () => {
  const chart = Testing.chart();
  const errors = new MetricTemplate(chart, 'errors', {
    name: 'error-rate', namespace: 'shop', provider: MetricProviderType.PROMETHEUS, address: 'http://prometheus.monitoring:9090',
    query: 'sum(rate(http_requests_total{status=~"5.."}[{{ interval }}]))',
  });
  const app = new FlaggerBlueGreenApp(chart, 'api', {
    ...base,
    ingress: { className: 'nginx', hosts: ['api.example.com'] },
    autoscaling: { minReplicas: 2, maxReplicas: 6 },
    analysis: { ...analysis, metrics: [...analysis.metrics!, Metric.fromTemplate(errors, { max: 1 })] },
  });
  const objects = synthValid(chart);
  expect(kinds(objects)).toEqual(['MetricTemplate/error-rate', 'Deployment/api', 'Ingress/api', 'HorizontalPodAutoscaler/api', 'PodDisruptionBudget/api', 'Canary/api']);
  expectFlaggerContract(objects);
  expect(find(objects, 'Ingress', 'api').spec.rules[0].http.paths[0].backend.service).toEqual({ name: 'api', port: { number: 80 } });
  expect('replicas' in find(objects, 'Deployment', 'api').spec).toBe(false);
  expect(canarySpec(objects).autoscalerRef).toEqual({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', name: 'api' });
  expect(canarySpec(objects).ingressRef).toBeUndefined();
  expect(canarySpec(objects).analysis.metrics[1]).toEqual({ name: 'error-rate', interval: '1m', templateRef: { name: 'error-rate' }, thresholdRange: { max: 1 } });
  expect(app.metricTemplates).toEqual([errors]);
  expect(objects).toMatchSnapshot();
});

test('blue/green with traffic mirroring on istio', () => {
  const { app, objects } = synth({ provider: CanaryProvider.istio({ hosts: ['api.example.com'], gateways: ['istio-system/public'] }), analysis: { ...analysis, mirror: true, mirrorWeight: 30 } });
  expect(canarySpec(objects)).toMatchObject({ provider: 'istio', service: { hosts: ['api.example.com'], gateways: ['istio-system/public'] }, analysis: { iterations: 10, mirror: true, mirrorWeight: 30 } });
  expect(app.analysisMode).toBe(AnalysisMode.BLUE_GREEN);
  expectFlaggerContract(objects);
});

test('blue/green through nginx references the app Ingress', () => {
  const { objects } = synth({ provider: CanaryProvider.nginx(), ingress: { hosts: ['api.example.com'] } });
  expect(kinds(objects)).toEqual(['Deployment/api', 'Ingress/api', 'PodDisruptionBudget/api', 'Canary/api']);
  expect(canarySpec(objects)).toMatchObject({ provider: 'nginx', ingressRef: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'api' } });
  expectFlaggerContract(objects);
});

describe('rollout plan', () => {
  test('10 iterations of 1m: 600s of analysis, then the switch; rollback after 1m x threshold 2', () => {
    const plan = make().app.plan;
    expect(plan.kind).toBe(RolloutPlanKind.FLAGGER_BLUE_GREEN);
    expect([plan.intervalSeconds, plan.analysisSeconds, plan.minTimeToPromoteSeconds, plan.timeToRollbackSeconds]).toEqual([60, 600, 600, 120]);
    expect(plan.steps.map(s => s.name).slice(-3)).toEqual(['switch', 'promote', 'finalise']);
    expect(plan.steps.find(s => s.name === 'switch')?.startSeconds).toBe(600);
    expect([plan.steadyPods, plan.peakPods]).toEqual([2, 4]);
  });

  test('the kubernetes provider: no routing objects, and the switch cannot route traffic', () => {
    const plan = make().app.plan;
    expect(plan.runtimeObjects.map(o => `${o.kind}/${o.name}`)).toEqual(['Deployment/api-primary', 'Service/api', 'Service/api-primary', 'Service/api-canary']);
    expect(plan.steps.find(s => s.name === 'switch')?.trafficPercent).toBe(0);
  });

  test('the loadtester webhooks are gates in phase order: the bash test before traffic, the load test every interval', () => {
    expect(make().app.plan.gates.map(g => [g.name, g.type, g.timeoutSeconds])).toEqual([['acceptance-test', 'pre-rollout', 30], ['load-test', 'rollout', 5]]);
  });

  test('mirroring on istio is in the plan, and the istio routing objects', () => {
    const plan = make({ provider: CanaryProvider.istio(), analysis: { ...analysis, mirror: true } }).app.plan;
    expect(plan.summary).toContain('with mirrored requests');
    expect(plan.runtimeObjects.map(o => `${o.kind}/${o.name}`)).toContain('VirtualService/api');
  });

  test('through nginx the plan names the Ingress Flagger clones; with an HPA the primary HPA', () => {
    const plan = make({ provider: CanaryProvider.nginx(), ingress: { hosts: ['api.example.com'] }, autoscaling: { minReplicas: 2, maxReplicas: 6 } }).app.plan;
    expect(plan.runtimeObjects.map(o => `${o.kind}/${o.name}`)).toEqual(expect.arrayContaining(['Ingress/api-canary', 'HorizontalPodAutoscaler/api-primary']));
    expect(plan.maxReplicas).toBe(6);
  });

  test('in a GitOpsLayout environment the plan watches the Flux Kustomization <environment>-<app> in the app namespace', () => {
    const layout = new GitOpsLayout({ outdir: 'unused' });
    const chart = layout.addEnvironment('prod').addApp('api');
    const plan = new FlaggerBlueGreenApp(chart, 'api', base).plan;
    expect(plan.namespace).toBe('shop');
    expect(renderedWatchCommands(layout, 'prod/api')).toContain('flux -n flux-system get kustomizations prod-api --watch');
    expect(plan.watchCommands).toContain('kubectl -n shop get canary api -w');
  });
});
