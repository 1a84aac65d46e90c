import { CountOrPercent, RolloutPlan } from '../../lib';
import { planFileContent } from '../../lib/plan/plan-record';

test('the JSON of a plan holds its kind, steps and timings, with the completion budget Flux waits for', () => {
  const plan = RolloutPlan.rollingUpdate({ name: 'web', replicas: 2, maxSurge: CountOrPercent.count(1), maxUnavailable: CountOrPercent.count(0), minReadySeconds: 5 });
  const json = JSON.parse(planFileContent([plan]));
  expect(json.plans[0]).toMatchObject({
    kind: 'RollingUpdate', strategy: 'Rolling update', appName: 'web', steadyPods: 2, minAvailablePods: 2,
    minTimeToPromoteSeconds: plan.minTimeToPromoteSeconds, completionBudgetSeconds: plan.completionBudgetSeconds,
  });
  expect(json.plans[0].steps.map((s: any) => [s.name, s.startSeconds, s.trafficPercent])).toEqual(plan.steps.map(s => [s.name, s.startSeconds, s.trafficPercent]));
  expect(planFileContent([plan])).toBe(planFileContent([plan]));
});
