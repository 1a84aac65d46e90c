import { Testing } from 'cdk8s';
import { ManualGate, RolloutBlueGreenApp, RolloutBlueGreenAppProps, RolloutMetric, RolloutPlanKind } from '../../lib';
import { expectPropError } from '../support/errors';
import { find, synthValid } from '../support/validate';

const PROMETHEUS = 'http://prometheus.monitoring:9090';
const smoke = RolloutMetric.web({ name: 'smoke', url: 'http://api-preview.shop/readyz', jsonPath: '{$.status}', successCondition: 'result == "OK"' });
const base: RolloutBlueGreenAppProps = {
  name: 'api',
  namespace: 'shop',
  image: 'ghcr.io/acme/api:1.4.2',
  replicas: 3,
  analysis: { iterations: 5, threshold: 2, prometheusAddress: PROMETHEUS, metrics: [smoke, RolloutMetric.requestSuccessRate({ minPercent: 99 })] },
};

function make(props: Partial<RolloutBlueGreenAppProps> = {}) {
  const chart = Testing.chart();
  const app = new RolloutBlueGreenApp(chart, 'api', { ...base, ...props });
  return { chart, app };
}

function synth(props: Partial<RolloutBlueGreenAppProps> = {}) {
  const { chart, app } = make(props);
  return { app, objects: synthValid(chart) };
}

const blueGreen = (objects: any[]) => find(objects, 'Rollout', 'api').spec.strategy.blueGreen;

describe('blue/green with a pre-promotion analysis (Flagger\'s iterations)', () => {
  const { app, objects } = synth();

  test('emits the Rollout, the active and preview Services, the pre-promotion AnalysisTemplate and the PDB', () => {
    expect(objects.map(o => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'AnalysisTemplate/api-pre-promotion', 'PodDisruptionBudget/api', 'Rollout/api', 'Service/api', 'Service/api-preview',
    ]);
    expect(blueGreen(objects)).toEqual({
      activeService: 'api',
      previewService: 'api-preview',
      prePromotionAnalysis: {
        templates: [{ templateName: 'api-pre-promotion' }],
        args: [{ name: 'canary-hash', valueFrom: { podTemplateHashValue: 'Latest' } }],
      },
    });
  });

  test('iterations become each metric\'s count, threshold − 1 its failureLimit', () => {
    const metrics = find(objects, 'AnalysisTemplate', 'api-pre-promotion').spec.metrics;
    expect(metrics.map((m: any) => [m.name, m.count, m.interval, m.failureLimit])).toEqual([['smoke', 5, '1m', 1], ['request-success-rate', 5, '1m', 1]]);
    expect(metrics[0].provider.web).toEqual({ url: 'http://api-preview.shop/readyz', jsonPath: '{$.status}' });
    expect(metrics[0].successCondition).toBe('result == "OK"');
  });

  test('both Services are drift-ignored on their selector (exactly: its pod-template hash and the controller\'s annotation)', () => {
    expect(app._deliveryHints().driftIgnores.map(d => [d.kind, d.name, d.paths, d.exactPointers])).toEqual(['api', 'api-preview'].map(name => [
      'Service', name, ['/spec/selector'], ['/spec/selector/rollouts-pod-template-hash', '/metadata/annotations/argo-rollouts.argoproj.io~1managed-by-rollouts'],
    ]));
  });

  test('the plan: preview 3 + 3 pods, analysis (5 − 1) × 1m, switch at 4m, old pods gone 30s later', () => {
    const plan = app.plan;
    expect(plan.kind).toBe(RolloutPlanKind.ARGO_ROLLOUTS_BLUE_GREEN);
    expect(plan.steps.map(s => [s.name, s.startSeconds, s.trafficPercent, s.newPods, s.oldPods])).toEqual([
      ['preview', 0, 0, 3, 3], ['analysis', 0, 0, 3, 3], ['switch', 240, 100, 3, 3], ['finalise', 270, 100, 3, 0],
    ]);
    expect([plan.minTimeToPromoteSeconds, plan.timeToRollbackSeconds, plan.peakPods, plan.steadyPods]).toEqual([240, 120, 6, 3]);
    expect(plan.gates.map(g => g.type)).toEqual(['prePromotionAnalysis']);
  });
});

describe('options', () => {
  test('the CONFIRM_PROMOTION gate turns automatic promotion off and adds a manual step', () => {
    const { app, objects } = synth({ analysis: { ...base.analysis, gates: [ManualGate.CONFIRM_PROMOTION] } });
    expect(blueGreen(objects).autoPromotionEnabled).toBe(false);
    expect(app.plan.steps.map(s => s.name)).toEqual(['preview', 'analysis', 'wait', 'switch', 'finalise']);
    expect(app.plan.watchCommands).toContain('kubectl argo rollouts -n shop promote api');
  });

  test('post-promotion metrics, previewReplicaCount, autoPromotionSeconds and the delays', () => {
    const { app, objects } = synth({
      previewReplicaCount: 1, autoPromotionSeconds: 60, scaleDownDelaySeconds: 120, abortScaleDownDelaySeconds: 0,
      analysis: { ...base.analysis, postPromotionMetrics: [RolloutMetric.requestDuration()] },
    });
    expect(blueGreen(objects)).toMatchObject({ previewReplicaCount: 1, autoPromotionSeconds: 60, scaleDownDelaySeconds: 120, abortScaleDownDelaySeconds: 0 });
    expect(blueGreen(objects).postPromotionAnalysis.templates).toEqual([{ templateName: 'api-post-promotion' }]);
    expect(app.plan.steps[0]).toMatchObject({ newPods: 1, oldPods: 3, peakPods: 4 });
    expect(app.plan.minTimeToPromoteSeconds).toBe(240 + 60 + 240);
  });

  test('an Ingress goes to the active Service', () => {
    const { objects } = synth({ ingress: { className: 'nginx', hosts: ['api.example.com'] } });
    expect(find(objects, 'Ingress', 'api').spec.rules[0].http.paths[0].backend.service.name).toBe('api');
  });
});

describe('rules checked at synth time', () => {
  const withAnalysis = (analysis: Partial<RolloutBlueGreenAppProps['analysis']>) => () => make({ analysis: { ...base.analysis, ...analysis } });

  test('an analysis is required', () => expectPropError(() => make({ analysis: undefined as any }), 'analysis', undefined, 'required'));
  test('iterations >= 1', () => expectPropError(withAnalysis({ iterations: 0 }), 'analysis.iterations', 0, '>= 1'));
  test('threshold − 1 may not exceed iterations', () => expectPropError(withAnalysis({ iterations: 2, threshold: 5 }), 'analysis.threshold', 5, 'at most 3'));
  test('only the CONFIRM_PROMOTION gate', () => expectPropError(withAnalysis({ gates: [ManualGate.CONFIRM_ROLLOUT] }), 'analysis.gates[0]', 'confirm-rollout', 'confirm-promotion'));
  test('not autoPromotionSeconds with the CONFIRM_PROMOTION gate', () => expectPropError(() => make({ autoPromotionSeconds: 30, analysis: { ...base.analysis, gates: [ManualGate.CONFIRM_PROMOTION] } }), 'autoPromotionSeconds', 30, 'ignores autoPromotionSeconds'));
  test('blue/green needs two Services', () => expectPropError(() => make({ previewServiceName: 'api' }), 'previewServiceName', 'api', 'must differ'));
  test('previewReplicaCount >= 1', () => expectPropError(() => make({ previewReplicaCount: 0 }), 'previewReplicaCount', 0, '>= 1'));
  test('post-promotion metrics are checked too', () => expectPropError(withAnalysis({ postPromotionMetrics: [RolloutMetric.requestDuration({ maxMilliseconds: -1 })] }), 'analysis.postPromotionMetrics[0].maxMilliseconds', -1, 'positive'));
  test('progressDeadlineSeconds >= 1', () => expectPropError(() => make({ progressDeadlineSeconds: 0 }), 'progressDeadlineSeconds', 0, '>= 1'));
});
