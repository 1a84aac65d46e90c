import { Testing } from 'cdk8s';
import { ManualGate, RolloutCanaryApp, RolloutCanaryAppProps, RolloutMetric, RolloutStep, RolloutTrafficRouter } from '../../lib';
import { expectPropError } from '../support/errors';
import { find, synthValid } from '../support/validate';

const PROMETHEUS = 'http://prometheus.monitoring:9090';
const smoke = RolloutMetric.web({ name: 'smoke', url: 'http://web-canary.shop/healthz' });
const base: RolloutCanaryAppProps = {
  name: 'web',
  namespace: 'shop',
  image: 'ghcr.io/acme/web:2.1.0',
  replicas: 4,
  trafficRouter: RolloutTrafficRouter.gatewayApi({ gatewayRefs: [{ name: 'public' }] }),
  analysis: {
    stepWeight: 25,
    maxWeight: 50,
    prometheusAddress: PROMETHEUS,
    gates: [ManualGate.CONFIRM_ROLLOUT],
    preRolloutChecks: [smoke],
    metrics: [RolloutMetric.requestSuccessRate()],
  },
};

function synth(props: Partial<RolloutCanaryAppProps> = {}) {
  const chart = Testing.chart();
  const app = new RolloutCanaryApp(chart, 'web', { ...base, ...props });
  const objects = synthValid(chart);
  return { app, canary: find(objects, 'Rollout', 'web').spec.strategy.canary, objects };
}

/** The new version's weight and pods once each step is done, as Argo Rollouts computes them with a router (setCanaryScale wins until matchTrafficWeight). */
function podsAfterEachStep(steps: any[], replicas: number) {
  let weight = 0;
  let scale: any;
  return steps.map(s => {
    if (s.setWeight !== undefined) weight = s.setWeight;
    if (s.setCanaryScale) scale = s.setCanaryScale.matchTrafficWeight ? undefined : s.setCanaryScale;
    const pods = scale?.replicas ?? Math.ceil((replicas * (scale?.weight ?? weight)) / 100);
    return { weight, pods };
  });
}

describe('with a router: the gate first, then the first weight\'s pods without requests for the pre-rollout checks', () => {
  const { app, canary } = synth();

  test('steps: gate, setCanaryScale to the first weight, the checks, the first weight, pods follow the weight again', () => {
    expect(canary.steps).toEqual([
      { pause: {} },
      { setCanaryScale: { weight: 25 } },
      { analysis: { templates: [{ templateName: 'web-step-3' }] } },
      { setWeight: 25 },
      { setCanaryScale: { matchTrafficWeight: true } },
      { pause: { duration: '1m' } },
      { setWeight: 50 },
      { pause: { duration: '1m' } },
    ]);
  });

  test('the pre-rollout checks see pods and no requests; the pod count does not change when the weight takes over', () => {
    const after = podsAfterEachStep(canary.steps, 4);
    const checks = canary.steps.findIndex((s: any) => s.analysis);
    expect(after[checks]).toEqual({ weight: 0, pods: 1 });
    expect(after.slice(checks, 5).map(a => a.pods)).toEqual([1, 1, 1]);
  });

  test('the background analysis starts at the first weight, never during the gate or the checks', () => {
    expect(canary.analysis.startingStep).toBe(3);
    const after = podsAfterEachStep(canary.steps, 4);
    expect(after.slice(0, canary.analysis.startingStep).every(a => a.weight === 0)).toBe(true);
    expect(after[canary.analysis.startingStep].weight).toBeGreaterThan(0);
  });

  test('the plan shows the same pods: none at the gate, 1 for the checks, and when the background analysis starts', () => {
    expect(app.plan.steps.map(s => [s.name, s.trafficPercent, s.newPods, s.oldPods])).toEqual([
      ['wait', 0, 0, 4], ['scale', 0, 1, 4], ['analysis', 0, 1, 4], ['25%', 25, 1, 4], ['50%', 50, 2, 4], ['promote', 100, 4, 4], ['finalise', 100, 4, 0],
    ]);
    expect(app.plan.steps[3].description).toContain('the background analysis starts (request-success-rate)');
    expect(app.plan.notes.join(' ')).not.toContain('no pods');
  });
});

describe('without a router: pods are what splits the requests', () => {
  const { app, canary } = synth({ trafficRouter: RolloutTrafficRouter.replicas() });

  test('the pre-rollout checks run right after the first weight (no setCanaryScale)', () => {
    expect(canary.steps.slice(0, 4)).toEqual([{ pause: {} }, { setWeight: 25 }, { analysis: { templates: [{ templateName: 'web-step-3' }] } }, { pause: { duration: '1m' } }]);
    expect(canary.steps.some((s: any) => s.setCanaryScale)).toBe(false);
    expect(canary.analysis.startingStep).toBe(1);
  });

  test('the plan\'s analysis row has the first weight\'s pods', () => {
    expect(app.plan.steps.slice(0, 3).map(s => [s.name, s.newPods])).toEqual([['wait', 0], ['25%', 1], ['analysis', 1]]);
  });
});

describe('the background analysis of explicit steps', () => {
  const analysis = { prometheusAddress: PROMETHEUS, metrics: [RolloutMetric.requestSuccessRate()] };

  test('starts at the first step that sends requests to the new version', () => {
    const { canary } = synth({ analysis, steps: [RolloutStep.pause(), RolloutStep.trafficWeight(0), RolloutStep.trafficWeight(20), RolloutStep.pause('5m')] });
    expect(canary.analysis.startingStep).toBe(2);
  });

  test('starts at once when the first step sends requests (no startingStep)', () => {
    const { canary } = synth({ analysis, steps: [RolloutStep.trafficWeight(20), RolloutStep.pause('5m')] });
    expect(canary.analysis.startingStep).toBeUndefined();
  });
});

describe('explicit scaling steps', () => {
  test('matchTrafficWeight: after scaleCanaryTo the pods follow the weight again, in the Rollout and the plan', () => {
    const steps = [RolloutStep.scaleCanaryTo(3), RolloutStep.trafficWeight(25), RolloutStep.matchTrafficWeight(), RolloutStep.pause('1m')];
    const { app, canary } = synth({ steps, analysis: {} });
    expect(canary.steps.slice(0, 3)).toEqual([{ setCanaryScale: { replicas: 3 } }, { setWeight: 25 }, { setCanaryScale: { matchTrafficWeight: true } }]);
    expect(app.plan.steps.slice(0, 3).map(s => [s.name, s.newPods])).toEqual([['scale', 3], ['25%', 3], ['scale', 1]]);
  });

  test('the plan warns of an analysis step that runs before the new version has pods', () => {
    const steps = [RolloutStep.analysis([smoke]), RolloutStep.trafficWeight(25), RolloutStep.pause('1m')];
    const { app } = synth({ steps, analysis: {} });
    expect(app.plan.steps[0]).toMatchObject({ name: 'analysis', newPods: 0 });
    expect(app.plan.notes.join(' ')).toContain('Step 1 analyses the new version while it has no pods');
  });

  test('matchTrafficWeight needs a router', () => expectPropError(
    () => new RolloutCanaryApp(Testing.chart(), 'web', { ...base, trafficRouter: RolloutTrafficRouter.replicas(), analysis: {}, steps: [RolloutStep.matchTrafficWeight()] }),
    'steps[0].setCanaryScale', 'matchTrafficWeight', 'needs a traffic router'));
});
