/**
 * The rollout rules of apps whose rollout runs on its own once the GitOps
 * tool applies the commit: a Deployment update (rolling or Recreate), a Flagger analysis,
 * Argo Rollouts steps. The rollout follows the app's plan. Internal.
 */
import { PlanRecord } from '../plan/plan-record';
import { fromPlan, Handled, noRollout, NOTHING_BEFORE, oneStep, PlanRule } from './rollout';

const NOTHING: Handled = { rollouts: [], workloads: [] };

/** The risk of a plan in which, at one point, no pod serves. */
function downtime(plan: PlanRecord): string[] {
  return plan.minAvailablePods === 0 && plan.steadyPods > 0
    ? [`${plan.strategy}: all ${plan.steadyPods} pod(s) of \`${plan.appName}\` stop before new ones serve: downtime until the first new pod is ready`]
    : [];
}

/** The first release under a controller (its custom resource is new): no steps, no analysis. */
function takeOver(plan: PlanRecord, subject: string, description: string, workload: string): Handled {
  return {
    rollouts: [oneStep(subject, `${plan.strategy}: first release`, { name: 'take over', description, trafficPercent: 100, newPods: plan.steadyPods, totalPods: plan.peakPods }, NOTHING_BEFORE, plan.completionBudgetSeconds)],
    workloads: [`${workload}/${plan.appName}`],
  };
}

/** `RollingApp` (rolling update or Recreate): the Deployment `<app>` follows its strategy. */
export const deploymentRule: PlanRule = (view, plan) => {
  const name = plan.appName;
  if (!view.podsReplaced('Deployment', name)) return NOTHING;
  return { rollouts: [fromPlan(plan, `Deployment ${name}`, downtime(plan))], workloads: [`Deployment/${name}`] };
};

/**
 * Flagger apps: a change of the target Deployment's pods, or of a ConfigMap
 * or Secret they use (Flagger tracks those), starts the analysis; a change
 * of the Canary's analysis alone waits for the next release.
 */
export const flaggerRule: PlanRule = (view, plan) => {
  const name = plan.appName;
  if (view.change('Canary', name)?.change === 'added') return takeOver(plan, `Canary ${name}`, `Flagger takes over \`${name}\`: it creates \`${name}-primary\` from the Deployment and promotes it without analysis`, 'Deployment');
  const replaced = view.podsReplaced('Deployment', name);
  const configs = view.referencedConfigChanges('Deployment', name);
  const analysis = view.changedIn('Canary', name, 'analysis') || view.all('after', 'MetricTemplate').some(m => view.changedIn('MetricTemplate', m.metadata?.name, 'analysis'));
  if (replaced || configs.length) {
    const notes: string[] = [];
    if (!replaced) notes.push(`Flagger tracks ${configs.join(', ')}: its new data starts an analysis although the pod template is unchanged`);
    if (analysis) notes.push('the analysis changes in the same commit: this release is checked with the new settings');
    return { rollouts: [fromPlan(plan, `Deployment ${name}`, downtime(plan), notes)], workloads: [`Deployment/${name}`] };
  }
  if (analysis) return { rollouts: [noRollout(`Canary ${name}`, `the analysis of \`${name}\` changes; Flagger uses it from the next release on`)], workloads: [] };
  return NOTHING;
};

/**
 * Argo Rollouts apps: a change of the Rollout's pod template starts its
 * steps; a change of the steps or analysis alone waits for the next release.
 */
export const argoRolloutsRule: PlanRule = (view, plan) => {
  const name = plan.appName;
  if (view.change('Rollout', name)?.change === 'added') return takeOver(plan, `Rollout ${name}`, `the Rollout \`${name}\` is new: its first revision starts at 100% without steps`, 'Rollout');
  const analysis = view.changedIn('Rollout', name, 'analysis') || view.all('after', 'AnalysisTemplate').some(t => view.changedIn('AnalysisTemplate', t.metadata?.name, 'analysis'));
  if (view.podsReplaced('Rollout', name)) {
    const notes = analysis ? ['the steps or analysis change in the same commit: this release follows the new ones'] : [];
    return { rollouts: [fromPlan(plan, `Rollout ${name}`, downtime(plan), notes)], workloads: [`Rollout/${name}`] };
  }
  if (analysis) return { rollouts: [noRollout(`Rollout ${name}`, `the steps or analysis of \`${name}\` change; Argo Rollouts uses them from the next release on`)], workloads: [`Rollout/${name}`] };
  return NOTHING;
};
