import { approximateReplicas, argoBlueGreenPlan, argoCanaryPlan } from '../../lib/plan/argo-rollouts-plans';
import { ArgoCanaryPlanProps, ArgoPlanStep } from '../../lib/plan/argo-rollouts-plan-props';
import { RolloutPlan } from '../../lib';

describe('replica-based weights (no traffic router)', () => {
  test.each([
    // replicas, weight, maxSurge > 0, canary, stable
    [10, 41, true, 4, 6], // Argo Rollouts' documented example
    [10, 10, true, 1, 9],
    [1, 20, true, 1, 1], // one pod: the surge pod carries the canary
    [3, 50, true, 2, 2], // a tie at 1.5 of 3 goes to 2 of 4
    [3, 50, false, 2, 1], // without surge the tie goes to the larger canary
    [4, 20, true, 1, 4],
    [4, 50, true, 2, 2],
    [2, 99, false, 1, 1], // neither side empty between 1 and 99 %
    [5, 0, true, 0, 5],
    [5, 100, true, 5, 0],
  ])('%i replicas at %i%% (surge %s): %i new + %i stable', (replicas, weight, surge, canary, stable) => {
    expect(approximateReplicas(replicas, weight, surge)).toEqual({ canary, stable });
  });
});

const base: ArgoCanaryPlanProps = {
  name: 'web',
  namespace: 'shop',
  replicas: 4,
  scaleDownDelaySeconds: 30,
  abortScaleDownDelaySeconds: 30,
  intervalSeconds: 60,
  threshold: 3,
  analysisTemplates: ['web-analysis'],
  controllerObjects: [],
  routed: true,
  router: 'a router',
  steps: [],
  maxSurge: 1,
  maxUnavailable: 1,
  dynamicStableScale: false,
  backgroundMetrics: [{ name: 'request-success-rate', min: 99, intervalSeconds: 60 }],
};
const weight = (w: number, pause?: number): ArgoPlanStep[] => [{ kind: 'setWeight', weight: w }, { kind: 'pause', pauseSeconds: pause }];

describe('canary plan numbers', () => {
  test('timed pauses add up to the time to promote; a manual pause is a gate and adds nothing', () => {
    const plan = RolloutPlan._of(argoCanaryPlan({ ...base, steps: [...weight(20, 120), ...weight(60)] }));
    expect(plan.steps.map(s => [s.name, s.startSeconds])).toEqual([['20%', 0], ['60%', 120], ['wait', 120], ['promote', 120], ['finalise', 150]]);
    expect(plan.minTimeToPromoteSeconds).toBe(120);
    expect(plan.gates.map(g => [g.type, g.when])).toEqual([['pause', 'step 4, at 60%']]);
    expect(plan.timeToRollbackSeconds).toBe(180);
    expect(plan.notes.join(' ')).toContain('Flux waits while the Rollout is paused');
  });

  test('an analysis step takes (iterations − 1) × interval', () => {
    const plan = RolloutPlan._of(argoCanaryPlan({ ...base, steps: [...weight(10, 60), { kind: 'analysis', templateName: 'web-step-3', iterations: 4, intervalSeconds: 30, metricNames: ['smoke'] }] }));
    expect(plan.minTimeToPromoteSeconds).toBe(60 + 90);
    expect(plan.gates).toEqual([expect.objectContaining({ name: 'web-step-3', type: 'analysis' })]);
  });

  test('with a router the canary runs ceil(replicas × weight / 100) pods beside all stable pods; dynamicStableScale shrinks the stable side', () => {
    const steps = [...weight(30, 60), ...weight(75, 60)];
    const plain = RolloutPlan._of(argoCanaryPlan({ ...base, steps }));
    expect(plain.steps.slice(0, 2).map(s => [s.newPods, s.oldPods])).toEqual([[2, 4], [3, 4]]);
    expect(plain.peakPods).toBe(8);
    const dynamic = RolloutPlan._of(argoCanaryPlan({ ...base, steps, dynamicStableScale: true }));
    expect(dynamic.steps.slice(0, 2).map(s => [s.newPods, s.oldPods])).toEqual([[2, 3], [3, 1]]);
    expect(dynamic.peakPods).toBe(8);
  });

  test('without a router the promotion is bounded by maxSurge, and the shares are what the pods give', () => {
    const plan = RolloutPlan._of(argoCanaryPlan({ ...base, routed: false, steps: weight(41, 60), replicas: 10, maxSurge: 3, maxUnavailable: 2, abortScaleDownDelaySeconds: undefined }));
    expect(plan.steps[0]).toMatchObject({ trafficPercent: 40, newPods: 4, oldPods: 6 });
    expect(plan.peakPods).toBe(13);
    expect(plan.minAvailablePods).toBe(8);
    expect(plan.notes.join(' ')).toContain('41% → 4 new + 6 stable pod(s) = 40%');
  });

  test('the Markdown names Argo Rollouts, not Flagger', () => {
    const md = RolloutPlan._of(argoCanaryPlan({ ...base, steps: weight(50, 60) })).toMarkdown();
    expect(md).toContain('Created by Argo Rollouts, or in Git and changed by it at runtime.');
    expect(md).not.toContain('Flagger');
    expect(md).toContain('kubectl argo rollouts -n shop get rollout web -w');
    expect(md).toContain('kubectl argo rollouts -n shop abort web');
  });
});

describe('blue/green plan numbers', () => {
  test('manual promotion: the wait is a gate; without metrics there is no automatic rollback', () => {
    const plan = RolloutPlan._of(argoBlueGreenPlan({
      ...base, activeService: 'web', previewService: 'web-preview', previewReplicas: 2, iterations: 3, preMetrics: [], postMetrics: [], manualPromotion: true,
    }));
    expect(plan.steps.map(s => [s.name, s.startSeconds, s.newPods, s.oldPods])).toEqual([['preview', 0, 2, 4], ['wait', 0, 4, 4], ['switch', 0, 4, 4], ['finalise', 30, 4, 0]]);
    expect([plan.peakPods, plan.minTimeToPromoteSeconds, plan.timeToRollbackSeconds]).toEqual([8, 0, undefined]);
    expect(plan.gates.map(g => g.type)).toEqual(['pause']);
  });
});
