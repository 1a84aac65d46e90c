import { Testing } from 'cdk8s';
import {
  ExperimentSpecRef, RolloutCanaryApp, RolloutCanaryAppProps, RolloutExperimentAnalysis, RolloutExperimentOptions, RolloutExperimentTemplate, RolloutMetric, RolloutStep, RolloutTrafficRouter,
} from '../../lib';
import { expectPropError } from '../support/errors';
import { find, synthValid } from '../support/validate';

const PROMETHEUS = 'http://prometheus.monitoring:9090';
const istio = RolloutTrafficRouter.istio({ virtualService: 'web-vsvc' });
const baseline: RolloutExperimentTemplate = { name: 'baseline', specRef: ExperimentSpecRef.STABLE };
const canaryTemplate: RolloutExperimentTemplate = { name: 'canary', specRef: ExperimentSpecRef.CANARY };
/** Errors of the new version's pods minus the baseline's, by pod-template hash. */
const compare = RolloutMetric.prometheus({
  name: 'error-delta',
  query: 'sum(rate(errors_total{rollouts_pod_template_hash="{{args.canary-hash}}"}[5m])) - sum(rate(errors_total{rollouts_pod_template_hash="{{args.baseline-hash}}"}[5m]))',
  max: 0,
});
const experiment: RolloutExperimentOptions = {
  duration: '30m',
  templates: [{ ...baseline, weight: 5 }, { ...canaryTemplate, replicas: 2, weight: 5 }],
  analyses: [
    RolloutExperimentAnalysis.fromMetrics('compare', [compare], { iterations: 3, failureLimit: 1 }),
    RolloutExperimentAnalysis.fromTemplate('mann-whitney', 'mann-whitney', { clusterScope: true, requiredForCompletion: true, args: { 'baseline-hash': '{{templates.baseline.podTemplateHash}}' } }),
  ],
};
const base: RolloutCanaryAppProps = {
  name: 'web',
  namespace: 'shop',
  image: 'ghcr.io/acme/web:2.1.0',
  replicas: 4,
  trafficRouter: istio,
  analysis: { prometheusAddress: PROMETHEUS },
  steps: [RolloutStep.trafficWeight(10), RolloutStep.experiment(experiment), RolloutStep.pause()],
};

function make(props: Partial<RolloutCanaryAppProps> = {}) {
  return new RolloutCanaryApp(Testing.chart(), 'web', { ...base, ...props });
}

describe('an experiment step: a baseline and the new version beside the release, compared', () => {
  const chart = Testing.chart();
  const app = new RolloutCanaryApp(chart, 'web', base);
  const objects = synthValid(chart);
  const step = find(objects, 'Rollout', 'web').spec.strategy.canary.steps[1];

  test('the Rollout\'s experiment step: templates, duration, and the analyses with the experiment pods\' hashes', () => {
    expect(step).toEqual({
      experiment: {
        duration: '30m',
        templates: [{ name: 'baseline', specRef: 'stable', weight: 5 }, { name: 'canary', specRef: 'canary', replicas: 2, weight: 5 }],
        analyses: [
          {
            name: 'compare',
            templateName: 'web-step-2-compare',
            args: [
              { name: 'baseline-hash', value: '{{templates.baseline.podTemplateHash}}' },
              { name: 'canary-hash', value: '{{templates.canary.podTemplateHash}}' },
            ],
          },
          { name: 'mann-whitney', templateName: 'mann-whitney', clusterScope: true, requiredForCompletion: true, args: [{ name: 'baseline-hash', value: '{{templates.baseline.podTemplateHash}}' }] },
        ],
      },
    });
  });

  test('the app defines the template of the metrics, whose arguments the step passes', () => {
    const template = find(objects, 'AnalysisTemplate', 'web-step-2-compare').spec;
    expect(template.args).toEqual([{ name: 'baseline-hash' }, { name: 'canary-hash' }]);
    expect(template.metrics[0]).toMatchObject({ name: 'error-delta', count: 3, failureLimit: 1, interval: '1m', successCondition: 'len(result) > 0 && result[0] <= 0' });
    expect(objects.some(o => o.metadata.name === 'mann-whitney')).toBe(false);
  });

  test('the plan: the experiment\'s pods on top of both versions, its duration, a gate, and the Experiment the controller creates', () => {
    const row = app.plan.steps.find(s => s.name === 'experiment')!;
    expect([row.trafficPercent, row.newPods, row.oldPods, row.peakPods]).toEqual([10, 1, 4, 1 + 4 + 3]);
    expect(row.description).toContain('`baseline` (1 pod(s) of the stable version, 5% of the requests), `canary` (2 pod(s) of the new version, 5% of the requests)');
    expect(row.description).toContain('for 30m');
    expect(row.description).toContain('`web-step-2-compare`, `mann-whitney` analyse them');
    expect(app.plan.minTimeToPromoteSeconds).toBe(1800);
    expect(app.plan.gates.map(g => [g.name, g.type])).toEqual([['experiment (step 2)', 'experiment'], ['pause (step 3)', 'pause']]);
    expect(app.plan.runtimeObjects.map(o => `${o.kind}/${o.name}`)).toContain('Experiment/web-<hash>-<revision>-1');
    expect(app.plan.notes.join(' ')).toContain('Experiment CRD');
  });

  test('with the Gateway API router an experiment runs without requests', () => {
    const chart2 = Testing.chart();
    new RolloutCanaryApp(chart2, 'web', {
      ...base,
      trafficRouter: RolloutTrafficRouter.gatewayApi({ gatewayRefs: [{ name: 'public' }] }),
      steps: [RolloutStep.experiment({ duration: '10m', templates: [canaryTemplate] }), RolloutStep.trafficWeight(20)],
    });
    expect(find(synthValid(chart2), 'Rollout', 'web').spec.strategy.canary.steps[0]).toEqual({ experiment: { duration: '10m', templates: [{ name: 'canary', specRef: 'canary' }] } });
  });
});

describe('experiment rules checked at synth time', () => {
  const withExperiment = (e: Partial<RolloutExperimentOptions>, props: Partial<RolloutCanaryAppProps> = {}) =>
    () => make({ steps: [RolloutStep.trafficWeight(10), RolloutStep.experiment({ ...experiment, ...e })], ...props });
  const at = 'steps[1].experiment';

  test('a traffic router', () => expectPropError(withExperiment({}, { trafficRouter: RolloutTrafficRouter.replicas() }), at, ['baseline', 'canary'], 'needs a traffic router'));
  test('at least one template', () => expectPropError(withExperiment({ templates: [] }), `${at}.templates`, [], 'at least one template'));
  test('template names are DNS labels', () => expectPropError(withExperiment({ templates: [{ ...baseline, name: 'Base' }] }), `${at}.templates[0].name`, 'Base', 'DNS'));
  test('template names are unique', () => expectPropError(withExperiment({ templates: [baseline, { ...canaryTemplate, name: 'baseline' }] }), `${at}.templates[1].name`, 'baseline', 'unique'));
  test('specRef is stable or canary', () => expectPropError(withExperiment({ templates: [{ ...baseline, specRef: 'preview' as ExperimentSpecRef }] }), `${at}.templates[0].specRef`, 'preview', 'stable, canary'));
  test('replicas >= 1', () => expectPropError(withExperiment({ templates: [{ ...baseline, replicas: 0 }] }), `${at}.templates[0].replicas`, 0, '>= 1'));
  test('weights with the Istio router only', () => expectPropError(withExperiment({}, { trafficRouter: RolloutTrafficRouter.gatewayApi({ gatewayRefs: [{ name: 'public' }] }) }), `${at}.templates[0].weight`, 5, 'Istio router only'));
  test('a weight is 1..100', () => expectPropError(withExperiment({ templates: [{ ...baseline, weight: 0 }] }), `${at}.templates[0].weight`, 0, 'from 1 to 100'));
  test('the weights and the new version\'s together at most 100', () => expectPropError(withExperiment({ templates: [{ ...baseline, weight: 50 }, { ...canaryTemplate, weight: 45 }] }), `${at}.templates`, [50, 45], 'already has 10%'));
  test('a weighted template\'s Service name fits 63 characters', () => expectPropError(
    withExperiment({ templates: [{ ...baseline, name: 'a-rather-long-baseline-template-name', weight: 5 }] }, { name: 'shop-frontend' }),
    `${at}.templates[0].name`, 'a-rather-long-baseline-template-name', 'fit 63'));
  test('the duration is a Go duration', () => expectPropError(withExperiment({ duration: 'half an hour' }), `${at}.duration`, 'half an hour', 'duration'));
  test('a duration, or an analysis it waits for', () => expectPropError(withExperiment({ duration: undefined, analyses: [] }), `${at}.duration`, undefined, 'requiredForCompletion'));
  test('analysis names are DNS labels', () => expectPropError(withExperiment({ analyses: [RolloutExperimentAnalysis.fromTemplate('Compare', 'x')] }), `${at}.analyses[0].name`, 'Compare', 'DNS'));
  test('analysis names are unique', () => expectPropError(
    withExperiment({ analyses: [RolloutExperimentAnalysis.fromTemplate('cmp', 'x'), RolloutExperimentAnalysis.fromTemplate('cmp', 'y')] }), `${at}.analyses[1].name`, 'cmp', 'unique'));
  test('a template name is a DNS subdomain', () => expectPropError(withExperiment({ analyses: [RolloutExperimentAnalysis.fromTemplate('cmp', 'Mann Whitney')] }), `${at}.analyses[0].templateName`, 'Mann Whitney', 'DNS'));
  test('argument values name the experiment\'s templates', () => expectPropError(
    withExperiment({ analyses: [RolloutExperimentAnalysis.fromTemplate('cmp', 'x', { args: { h: '{{templates.primary.podTemplateHash}}' } })] }), `${at}.analyses[0].args.h`, '{{templates.primary.podTemplateHash}}', 'no template "primary"'));
  test('metric arguments are the templates\' hashes (or given)', () => expectPropError(
    withExperiment({ analyses: [RolloutExperimentAnalysis.fromMetrics('cmp', [RolloutMetric.prometheus({ name: 'e', query: 'x{h="{{args.primary-hash}}"}', max: 0 })])] }),
    `${at}.analyses[0].metrics[0].args`, ['primary-hash'], 'baseline-hash / canary-hash'));
  test('an analysis of metrics can fail: failureLimit <= iterations', () => expectPropError(
    withExperiment({ analyses: [RolloutExperimentAnalysis.fromMetrics('cmp', [compare], { iterations: 1, failureLimit: 2 })] }), `${at}.analyses[0].failureLimit`, 2, 'from 0 to 1'));
});
