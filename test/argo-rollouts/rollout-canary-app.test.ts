import { Testing } from 'cdk8s';
import {
  CountOrPercent, GitOpsLayout, ManualGate, RolloutCanaryApp, RolloutCanaryAppProps, RolloutMetric, RolloutPlanKind, RolloutStep, RolloutTrafficRouter,
} from '../../lib';
import { expectPropError } from '../support/errors';
import { renderedWatchCommands } from '../support/plans';
import { find, synthValid } from '../support/validate';

const PROMETHEUS = 'http://prometheus.monitoring:9090';
const gateway = RolloutTrafficRouter.gatewayApi({ gatewayRefs: [{ name: 'public', namespace: 'gateway-system' }], hosts: ['web.example.com'] });
const base: RolloutCanaryAppProps = {
  name: 'web',
  namespace: 'shop',
  image: 'ghcr.io/acme/web:2.1.0',
  replicas: 4,
  trafficRouter: gateway,
  analysis: {
    stepWeight: 10,
    maxWeight: 50,
    prometheusAddress: PROMETHEUS,
    metrics: [RolloutMetric.requestSuccessRate({ minPercent: 99 }), RolloutMetric.requestDuration({ maxMilliseconds: 500 })],
  },
};

function make(props: Partial<RolloutCanaryAppProps> = {}) {
  const chart = Testing.chart();
  const app = new RolloutCanaryApp(chart, 'web', { ...base, ...props });
  return { chart, app };
}

function synth(props: Partial<RolloutCanaryAppProps> = {}) {
  const { chart, app } = make(props);
  return { app, objects: synthValid(chart) };
}

const kinds = (objects: any[]) => objects.map(o => `${o.kind}/${o.metadata.name}`).sort();
const canary = (objects: any[]) => find(objects, 'Rollout', 'web').spec.strategy.canary;

describe('Gateway API canary in Flagger\'s vocabulary (stepWeight 10 up to 50)', () => {
  const { app, objects } = synth();
  const strategy = canary(objects);

  test('emits the Rollout with the pod template, two Services, the HTTPRoute, the AnalysisTemplate and the PDB; no Deployment', () => {
    expect(kinds(objects)).toEqual(['AnalysisTemplate/web-analysis', 'HTTPRoute/web', 'PodDisruptionBudget/web', 'Rollout/web', 'Service/web', 'Service/web-canary']);
    const rollout = find(objects, 'Rollout', 'web').spec;
    expect(rollout.workloadRef).toBeUndefined();
    expect(rollout.replicas).toBe(4);
    expect(rollout.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'web' } });
    expect(rollout.template.spec.containers[0].image).toBe('ghcr.io/acme/web:2.1.0');
    expect(rollout).toMatchObject({ progressDeadlineSeconds: 600, progressDeadlineAbort: true });
  });

  test('each weight is a setWeight held for one interval; the HTTPRoute goes to the plugin', () => {
    expect(strategy.steps).toEqual([10, 20, 30, 40, 50].flatMap(w => [{ setWeight: w }, { pause: { duration: '1m' } }]));
    expect(strategy).toMatchObject({ stableService: 'web', canaryService: 'web-canary' });
    expect(strategy.trafficRouting).toEqual({ plugins: { 'argoproj-labs/gatewayAPI': { httpRoute: 'web', namespace: 'shop' } } });
    const route = find(objects, 'HTTPRoute', 'web').spec;
    expect(route.parentRefs).toEqual([{ name: 'public', namespace: 'gateway-system' }]);
    expect(route.hostnames).toEqual(['web.example.com']);
    expect(route.rules[0].backendRefs).toEqual([{ name: 'web', port: 80, weight: 100 }, { name: 'web-canary', port: 80, weight: 0 }]);
  });

  test('the metrics run as a background analysis with threshold − 1 as failureLimit and the canary hash as argument', () => {
    expect(strategy.analysis).toEqual({
      templates: [{ templateName: 'web-analysis' }],
      args: [{ name: 'canary-hash', valueFrom: { podTemplateHashValue: 'Latest' } }],
    });
    const template = find(objects, 'AnalysisTemplate', 'web-analysis').spec;
    expect(template.args).toEqual([{ name: 'canary-hash' }]);
    expect(template.metrics.map((m: any) => [m.name, m.interval, m.count, m.failureLimit, m.successCondition])).toEqual([
      ['request-success-rate', '1m', undefined, 4, 'len(result) > 0 && result[0] >= 99'],
      ['request-duration', '1m', undefined, 4, 'len(result) > 0 && result[0] <= 500'],
    ]);
    expect(template.metrics[0].provider.prometheus.address).toBe(PROMETHEUS);
    expect(template.metrics[0].provider.prometheus.query).toContain('rollouts_pod_template_hash="{{args.canary-hash}}"');
    expect(template.metrics[1].provider.prometheus.query).toMatch(/^1000 \* histogram_quantile\(0.99, /);
  });

  test('publishes the Rollout health rule and drift-ignores for the switched Services and the HTTPRoute rules', () => {
    const hints = app._deliveryHints();
    expect(hints.healthRules.map(r => `${r.apiVersion}/${r.kind}`)).toEqual(['argoproj.io/v1alpha1/Rollout']);
    expect(hints.driftIgnores).toEqual([
      { kind: 'Service', name: 'web', paths: ['/spec/selector'] },
      { kind: 'Service', name: 'web-canary', paths: ['/spec/selector'] },
      { kind: 'HTTPRoute', name: 'web', paths: ['/spec/rules'] },
    ]);
  });

  test('the plan: 5 weights of 1m, promotion at 5m, rollback after interval × threshold, peak 2 × replicas', () => {
    const plan = app.plan;
    expect(plan.kind).toBe(RolloutPlanKind.ARGO_ROLLOUTS_CANARY);
    expect(plan.steps.map(s => [s.name, s.startSeconds, s.trafficPercent, s.newPods, s.oldPods])).toEqual([
      ['10%', 0, 10, 1, 4], ['20%', 60, 20, 1, 4], ['30%', 120, 30, 2, 4], ['40%', 180, 40, 2, 4], ['50%', 240, 50, 2, 4],
      ['promote', 300, 100, 4, 4], ['finalise', 330, 100, 4, 0],
    ]);
    expect(plan.minTimeToPromoteSeconds).toBe(300);
    expect(plan.timeToRollbackSeconds).toBe(300);
    expect([plan.steadyPods, plan.peakPods, plan.minAvailablePods]).toEqual([4, 8, 4]);
    expect(plan.completionBudgetSeconds).toBe(300 + 30 + 600);
    expect(plan.runtimeObjects.map(o => `${o.kind}/${o.name}`)).toEqual(expect.arrayContaining(['ReplicaSet/web-<pod-template-hash>', 'HTTPRoute/web', 'Service/web-canary']));
    expect(plan.notes.join(' ')).toContain('argo-rollouts-config');
  });
});

describe('the plan\'s watch commands in a layout', () => {
  test('kubectl argo rollouts get rollout -w, status, analysis runs and pods', () => {
    const layout = new GitOpsLayout({ outdir: 'unused' });
    const chart = layout.addEnvironment('prod').addApp('shop');
    new RolloutCanaryApp(chart, 'web', { ...base, namespace: undefined, analysis: { ...base.analysis, gates: [ManualGate.CONFIRM_PROMOTION] } });
    expect(renderedWatchCommands(layout, 'prod/shop')).toEqual([
      'flux -n flux-system reconcile kustomization prod-shop --with-source',
      'flux -n flux-system get kustomizations prod-shop --watch',
      'kubectl argo rollouts -n shop get rollout web -w',
      'kubectl argo rollouts -n shop status web --timeout 900s',
      'kubectl argo rollouts -n shop promote web',
      'kubectl -n shop get analysisruns -l app.kubernetes.io/name=web -w',
      'kubectl -n shop get pods -l app.kubernetes.io/name=web -L rollouts-pod-template-hash -L app.kubernetes.io/version -w',
    ]);
  });
});

describe('the mapping from Flagger\'s vocabulary', () => {
  test('stepWeights give one setWeight and one interval pause each', () => {
    const { objects } = synth({ analysis: { ...base.analysis, stepWeight: undefined, maxWeight: undefined, stepWeights: [5, 25, 75], interval: '30s' } });
    expect(canary(objects).steps).toEqual([5, 25, 75].flatMap(w => [{ setWeight: w }, { pause: { duration: '30s' } }]));
  });

  test('confirm gates become pause: {} before the first weight, before each increase and before promotion', () => {
    const { app, objects } = synth({ analysis: { ...base.analysis, maxWeight: 20, gates: [ManualGate.CONFIRM_ROLLOUT, ManualGate.CONFIRM_TRAFFIC_INCREASE, ManualGate.CONFIRM_PROMOTION] } });
    expect(canary(objects).steps).toEqual([
      { pause: {} }, { setWeight: 10 }, { pause: { duration: '1m' } }, { pause: {} }, { setWeight: 20 }, { pause: { duration: '1m' } }, { pause: {} },
    ]);
    expect(app.plan.gates.map(g => g.type)).toEqual(['pause', 'pause', 'pause']);
  });

  test('pre-rollout checks become a first analysis step with its own template, run once', () => {
    const smoke = RolloutMetric.web({ name: 'smoke', url: 'http://web-canary.shop/healthz' });
    const { objects } = synth({ analysis: { ...base.analysis, maxWeight: 10, preRolloutChecks: [smoke] } });
    expect(canary(objects).steps[0]).toEqual({ analysis: { templates: [{ templateName: 'web-step-1' }] } });
    expect(find(objects, 'AnalysisTemplate', 'web-step-1').spec.metrics).toEqual([
      { name: 'smoke', count: 1, failureLimit: 0, provider: { web: { url: 'http://web-canary.shop/healthz' } } },
    ]);
  });

  test('nginx: the stable Ingress is the app\'s, and the builtin metrics read the canary Ingress Argo Rollouts creates', () => {
    const { app, objects } = synth({ trafficRouter: RolloutTrafficRouter.nginx(), ingress: { className: 'nginx', hosts: ['web.example.com'] } });
    expect(canary(objects).trafficRouting).toEqual({ nginx: { stableIngress: 'web' } });
    expect(find(objects, 'Ingress', 'web').spec.rules[0].http.paths[0].backend.service.name).toBe('web');
    expect(find(objects, 'AnalysisTemplate', 'web-analysis').spec.metrics[0].provider.prometheus.query).toContain('ingress="web-web-canary"');
    expect(app.plan.runtimeObjects.map(o => `${o.kind}/${o.name}`)).toContain('Ingress/web-web-canary');
    expect(app._deliveryHints().driftIgnores.map(d => d.kind)).toEqual(['Service', 'Service']);
  });

  test('istio: the VirtualService is referenced, not emitted; the metrics read the canary Service', () => {
    const { objects } = synth({ trafficRouter: RolloutTrafficRouter.istio({ virtualService: 'web-vsvc', routes: ['primary'] }) });
    expect(canary(objects).trafficRouting).toEqual({ istio: { virtualService: { name: 'web-vsvc', routes: ['primary'] } } });
    expect(objects.some(o => o.kind === 'VirtualService')).toBe(false);
    expect(find(objects, 'AnalysisTemplate', 'web-analysis').spec.metrics[1].provider.prometheus.query).toContain('destination_service_name="web-canary"');
  });

  test('no router: the Service spans both versions, no stableService, and the plan shows the replica approximation', () => {
    const { app, objects } = synth({ trafficRouter: RolloutTrafficRouter.replicas(), analysis: { ...base.analysis, stepWeight: undefined, maxWeight: undefined, stepWeights: [20, 50] } });
    expect(canary(objects).stableService).toBeUndefined();
    expect(canary(objects).trafficRouting).toBeUndefined();
    expect(app._deliveryHints().driftIgnores).toEqual([{ kind: 'Service', name: 'web-canary', paths: ['/spec/selector'] }]);
    // 4 replicas, maxSurge 25% = 1: 20% → 1 of 5 pods; 50% → 2 of 4
    expect(app.plan.steps.slice(0, 2).map(s => [s.trafficPercent, s.newPods, s.oldPods])).toEqual([[20, 1, 4], [50, 2, 2]]);
    expect(app.plan.notes.join(' ')).toContain('approximated by pod counts');
  });

  test('explicit steps: trafficWeight, timed and manual pauses, an analysis step and setCanaryScale', () => {
    const steps = [
      RolloutStep.scaleCanaryTo(1), RolloutStep.trafficWeight(5), RolloutStep.pause('10m'),
      RolloutStep.analysis([RolloutMetric.requestSuccessRate()], { iterations: 3, failureLimit: 1 }),
      RolloutStep.scaleCanaryPercent(50), RolloutStep.trafficWeight(50), RolloutStep.pause(),
    ];
    const { app, objects } = synth({ steps, analysis: { prometheusAddress: PROMETHEUS } });
    expect(canary(objects).steps).toEqual([
      { setCanaryScale: { replicas: 1 } }, { setWeight: 5 }, { pause: { duration: '10m' } },
      { analysis: { templates: [{ templateName: 'web-step-4' }], args: [{ name: 'canary-hash', valueFrom: { podTemplateHashValue: 'Latest' } }] } },
      { setCanaryScale: { weight: 50 } }, { setWeight: 50 }, { pause: {} },
    ]);
    expect(canary(objects).analysis).toBeUndefined();
    expect(find(objects, 'AnalysisTemplate', 'web-step-4').spec.metrics[0]).toMatchObject({ count: 3, failureLimit: 1, interval: '1m' });
    expect(app.plan.minTimeToPromoteSeconds).toBe(600 + 120);
    expect(app.plan.timeToRollbackSeconds).toBeUndefined();
  });

  test('dynamicStableScale and the scale-down delays go to the Rollout with a router', () => {
    const { objects } = synth({ dynamicStableScale: true, abortScaleDownDelaySeconds: 0 });
    expect(canary(objects)).toMatchObject({ dynamicStableScale: true, abortScaleDownDelaySeconds: 0 });
    const { objects: delayed } = synth({ scaleDownDelaySeconds: 60, maxSurge: CountOrPercent.count(1), maxUnavailable: CountOrPercent.count(0) });
    expect(canary(delayed)).toMatchObject({ scaleDownDelaySeconds: 60, maxSurge: 1, maxUnavailable: 0 });
  });

  test('autoscaling: the HPA scales the Rollout, which then sets no replicas', () => {
    const { objects } = synth({ autoscaling: { minReplicas: 2, maxReplicas: 6 } });
    expect(find(objects, 'HorizontalPodAutoscaler', 'web').spec.scaleTargetRef).toEqual({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'web' });
    expect(find(objects, 'Rollout', 'web').spec.replicas).toBeUndefined();
  });
});

describe('rules checked at synth time', () => {
  const withAnalysis = (analysis: Partial<RolloutCanaryAppProps['analysis']>) => () => make({ analysis: { ...base.analysis, ...analysis } });
  const withSteps = (steps: RolloutStep[]) => () => make({ steps, analysis: { prometheusAddress: PROMETHEUS } });

  test('exactly one of stepWeight and stepWeights', () => expectPropError(withAnalysis({ stepWeights: [10, 20] }), 'analysis.stepWeight', { stepWeight: 10, stepWeights: [10, 20] }, 'exactly one'));
  test('stepWeights strictly increasing', () => expectPropError(withAnalysis({ stepWeight: undefined, maxWeight: undefined, stepWeights: [20, 10] }), 'analysis.stepWeights', [20, 10], 'strictly increasing'));
  test('maxWeight >= stepWeight', () => expectPropError(withAnalysis({ stepWeight: 30, maxWeight: 20 }), 'analysis.maxWeight', 20, 'must be >= stepWeight (30)'));
  test('interval is a Go duration', () => expectPropError(withAnalysis({ interval: '1 minute' }), 'analysis.interval', '1 minute', 'duration'));
  test('threshold >= 1', () => expectPropError(withAnalysis({ threshold: 0 }), 'analysis.threshold', 0, '>= 1'));
  test('Prometheus metrics need an address', () => expectPropError(withAnalysis({ prometheusAddress: undefined }), 'analysis.prometheusAddress', undefined, 'no default address'));
  test('metric names are unique', () => expectPropError(withAnalysis({ metrics: [RolloutMetric.requestSuccessRate(), RolloutMetric.requestSuccessRate({ minPercent: 95 })] }), 'analysis.metrics[1].name', 'request-success-rate', 'unique'));
  test('a success rate is a percentage', () => expectPropError(withAnalysis({ metrics: [RolloutMetric.requestSuccessRate({ minPercent: 120 })] }), 'analysis.metrics[0].minPercent', 120, '0 to 100'));
  test('a custom query has bounds', () => expectPropError(withAnalysis({ metrics: [RolloutMetric.prometheus({ name: 'errors', query: 'sum(x)' })] }), 'analysis.metrics[0].min', undefined, 'min, max or both'));
  test('template arguments are resolved', () => expectPropError(withAnalysis({ metrics: [RolloutMetric.prometheus({ name: 'errors', query: 'sum(x{job="{{args.job}}"})', max: 1 })] }), 'analysis.metrics[0].args', ['job'], 'unresolved argument'));
  test('web metrics call http(s) URLs', () => expectPropError(withAnalysis({ metrics: [RolloutMetric.web({ name: 'smoke', url: 'web-canary/healthz' })] }), 'analysis.metrics[0].url', 'web-canary/healthz', 'http://'));
  test('explicit steps replace the weights', () => expectPropError(() => make({ steps: [RolloutStep.trafficWeight(10)] }), 'analysis.stepWeight', 10, 'explicit steps replace'));
  test('gates do not go with explicit steps', () => expectPropError(() => make({ steps: [RolloutStep.trafficWeight(10)], analysis: { gates: [ManualGate.CONFIRM_PROMOTION] } }), 'analysis.gates[0]', 'confirm-promotion', 'RolloutStep.pause()'));
  test('at least one step', () => expectPropError(withSteps([]), 'steps', [], 'at least one step'));
  test('setWeight 0..100', () => expectPropError(withSteps([RolloutStep.trafficWeight(120)]), 'steps[0].setWeight', 120, 'from 0 to 100'));
  test('weights do not go down', () => expectPropError(withSteps([RolloutStep.trafficWeight(50), RolloutStep.trafficWeight(20)]), 'steps[1].setWeight', 20, 'may not go down'));
  test('pause durations are Go durations', () => expectPropError(withSteps([RolloutStep.pause('ten minutes')]), 'steps[0].pause', 'ten minutes', 'duration'));
  test('an analysis step has metrics', () => expectPropError(withSteps([RolloutStep.analysis([])]), 'steps[0].analysis', [], 'at least one metric'));
  test('an analysis step can fail: failureLimit <= iterations (count >= failureLimit)', () => expectPropError(withSteps([RolloutStep.analysis([RolloutMetric.requestSuccessRate()], { iterations: 2, failureLimit: 3 })]), 'steps[0].analysis.failureLimit', 3, 'from 0 to 2'));
  test('setCanaryScale needs a router', () => expectPropError(() => make({ trafficRouter: RolloutTrafficRouter.replicas(), steps: [RolloutStep.scaleCanaryTo(2)], analysis: {} }), 'steps[0].setCanaryScale', 2, 'needs a traffic router'));
  test('scaleDownDelaySeconds needs a router', () => expectPropError(() => make({ trafficRouter: RolloutTrafficRouter.replicas(), scaleDownDelaySeconds: 30 }), 'scaleDownDelaySeconds', 30, 'traffic router only'));
  test('dynamicStableScale needs a router', () => expectPropError(() => make({ trafficRouter: RolloutTrafficRouter.replicas(), dynamicStableScale: true }), 'dynamicStableScale', true, 'traffic router only'));
  test('not both dynamicStableScale and scaleDownDelaySeconds', () => expectPropError(() => make({ dynamicStableScale: true, scaleDownDelaySeconds: 30 }), 'scaleDownDelaySeconds', 30, 'cannot be combined with dynamicStableScale'));
  test('not both maxSurge and maxUnavailable 0', () => expectPropError(() => make({ trafficRouter: RolloutTrafficRouter.replicas(), maxSurge: CountOrPercent.count(0), maxUnavailable: CountOrPercent.percent(0) }), 'maxSurge', 0, 'both be 0'));
  test('the canary Service is not the stable one', () => expectPropError(() => make({ canaryServiceName: 'web' }), 'canaryServiceName', 'web', 'must differ'));
  test('nginx needs the app\'s Ingress', () => expectPropError(() => make({ trafficRouter: RolloutTrafficRouter.nginx() }), 'ingress', undefined, 'nginx router'));
  test('no plain Ingress beside Gateway API', () => expectPropError(() => make({ ingress: { className: 'nginx', hosts: ['web.example.com'] } }), 'ingress', ['web.example.com'], 'bypass'));
  test.each([
    ['Gateway API', gateway, 'requests must reach it through the Gateways of RolloutTrafficRouter.gatewayApi'],
    ['Istio', RolloutTrafficRouter.istio({ virtualService: 'web' }), 'requests must reach it through the Istio VirtualService'],
    ['nginx', RolloutTrafficRouter.nginx(), 'expose the app through \'ingress\', which the router clones'],
  ])('no HTTPRoute of the app\'s own beside %s', (_router, trafficRouter, why) => expectPropError(() => make({
    trafficRouter, ingress: trafficRouter.type === 'nginx' ? { hosts: ['web.example.com'] } : undefined, route: { parentRefs: [{ name: 'public' }], hostnames: ['web.example.com'] },
  }), 'route', ['web.example.com'], `an HTTPRoute of its own to the stable Service would bypass the ${trafficRouter.type} router; ${why}`));
  test('no canary annotations on the app\'s Ingress', () => expectPropError(() => make({ trafficRouter: RolloutTrafficRouter.nginx(), ingress: { annotations: { 'nginx.ingress.kubernetes.io/canary': 'true' } } }), 'ingress.annotations', ['nginx.ingress.kubernetes.io/canary'], 'canary annotations'));
  test('Gateway API needs a Gateway', () => expectPropError(() => make({ trafficRouter: RolloutTrafficRouter.gatewayApi({ gatewayRefs: [] }) }), 'trafficRouter.gatewayRefs', [], 'at least one Gateway'));
  test('the plugin name is <owner>/<name>', () => expectPropError(() => make({ trafficRouter: RolloutTrafficRouter.gatewayApi({ gatewayRefs: [{ name: 'public' }], pluginName: 'gatewayAPI' }) }), 'trafficRouter.pluginName', 'gatewayAPI', '"<owner>/<name>"'));
  test('Istio needs a VirtualService name', () => expectPropError(() => make({ trafficRouter: RolloutTrafficRouter.istio({ virtualService: 'Web VS' }) }), 'trafficRouter.virtualService', 'Web VS', 'DNS-1123'));
});
