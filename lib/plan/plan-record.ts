/**
 * The rollout plans of an app folder as JSON (`plans/<environment>/<app>.json`
 * beside the Markdown), for tools that read the output rather than run the
 * program: `cdk8s-delivery diff` reads the kinds, steps and timings of the
 * apps a release changes from it. Internal: not exported from the package.
 */
import { PlanStep } from './plan-parts';
import { RolloutPlanKind } from './rollout-plan-kind';

/** What the JSON holds of one plan. */
export interface PlanRecord {
  readonly kind: RolloutPlanKind;
  readonly strategy: string;
  readonly appName: string;
  readonly namespace?: string;
  readonly steadyPods: number;
  readonly peakPods: number;
  readonly minAvailablePods: number;
  readonly steps: PlanStep[];
  readonly intervalSeconds?: number;
  readonly minTimeToPromoteSeconds?: number;
  readonly timeToRollbackSeconds?: number;
  readonly completionBudgetSeconds: number;
  readonly progressDeadlineSeconds: number;
  readonly gates: Array<{ readonly name: string; readonly type: string; readonly when: string }>;
  readonly rollback: string[];
}

/** The JSON file of the plans of one app folder. */
export interface PlanFile {
  readonly plans: PlanRecord[];
}

/** The JSON file of `plans` (deterministic: fields in a fixed order, no dates). */
export function planFileContent(plans: PlanRecord[]): string {
  const file: PlanFile = {
    plans: plans.map(p => ({
      kind: p.kind,
      strategy: p.strategy,
      appName: p.appName,
      namespace: p.namespace,
      steadyPods: p.steadyPods,
      peakPods: p.peakPods,
      minAvailablePods: p.minAvailablePods,
      steps: p.steps.map(s => ({
        name: s.name, description: s.description, startSeconds: s.startSeconds,
        trafficPercent: s.trafficPercent, newPods: s.newPods, oldPods: s.oldPods, peakPods: s.peakPods,
      })),
      intervalSeconds: p.intervalSeconds,
      minTimeToPromoteSeconds: p.minTimeToPromoteSeconds,
      timeToRollbackSeconds: p.timeToRollbackSeconds,
      completionBudgetSeconds: p.completionBudgetSeconds,
      progressDeadlineSeconds: p.progressDeadlineSeconds,
      gates: p.gates.map(g => ({ name: g.name, type: g.type, when: g.when })),
      rollback: p.rollback,
    })),
  };
  return `${JSON.stringify(file, undefined, 2)}\n`;
}
