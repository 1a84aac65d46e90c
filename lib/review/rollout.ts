/**
 * What a changed app folder does to the cluster when its GitOps tool (Flux,
 * Argo CD) applies it: for each of its apps (from its rollout plan) and
 * each other workload, whether it rolls out, which way, its steps in time,
 * and what is risky; then what the tool prunes. Internal.
 */
import { PlanRecord } from '../plan/plan-record';
import { RolloutPlanKind } from '../plan/rollout-plan-kind';
import { FolderDelta } from './compare';
import { FolderView } from './folder-view';
import { controlKind, deletesWhenRemoved, prunes, toolWords, UnitControl } from './gitops-tools';
import { WORKLOAD_KINDS } from './object-diff';

/** One step of a release, in time. */
export interface ReleaseStep {
  readonly name: string;
  readonly description: string;
  /** Seconds after the app's release starts; undefined when the step waits for a commit. */
  readonly startSeconds?: number;
  /** Share of the requests served by the new version. */
  readonly trafficPercent: number;
  readonly newPods: number;
  /** All pods of the app at the step's peak. */
  readonly totalPods: number;
}

/** How one app or workload of a folder changes in the cluster. */
export interface Rollout {
  /** What it is about, e.g. `Deployment podinfo`. */
  readonly subject: string;
  /** The kind of rollout, e.g. "Flagger canary (progressive weights)", or "no rollout". */
  readonly label: string;
  /** What happens, in a sentence. */
  readonly summary: string;
  /** Whether pods are replaced or requests move. */
  readonly rollsOut: boolean;
  readonly steps: ReleaseStep[];
  /** The state before the release: requests to the new version, all pods, new-version pods. */
  readonly before: BeforeState;
  /** The least time until it is done, in seconds. */
  readonly expectedSeconds: number;
  /** The most time the GitOps tool waits for it, in seconds. */
  readonly budgetSeconds: number;
  readonly risks: string[];
  readonly notes: string[];
}

/** The state of an app before its release. */
export interface BeforeState {
  readonly trafficPercent: number;
  readonly totalPods: number;
  readonly newPods: number;
}

/** What a plan-specific rule found, and the workloads it accounted for (`Kind/name`). */
export interface Handled {
  readonly rollouts: Rollout[];
  readonly workloads: string[];
}

/** A rule for the apps of one plan kind. */
export type PlanRule = (view: FolderView, plan: PlanRecord) => Handled;

/** Kinds that stop serving requests, or lose data, when they are pruned. */
const RISKY_TO_PRUNE = [...WORKLOAD_KINDS, 'Service', 'HTTPRoute', 'GRPCRoute', 'Ingress', 'Canary', 'PersistentVolumeClaim', 'Gateway'];

/** Before a new workload: nothing runs. */
export const NOTHING_BEFORE: BeforeState = { trafficPercent: 0, totalPods: 0, newPods: 0 };

/** A rollout that follows a plan's steps and timings. */
export function fromPlan(plan: PlanRecord, subject: string, risks: string[] = [], notes: string[] = []): Rollout {
  const last = Math.max(0, ...plan.steps.map(s => s.startSeconds ?? 0));
  return {
    subject,
    label: plan.strategy,
    summary: `${plan.strategy}: ${stepNames(plan)}`,
    rollsOut: true,
    steps: plan.steps.map(s => ({ ...s, totalPods: s.peakPods })),
    before: { trafficPercent: 0, totalPods: plan.steadyPods, newPods: 0 },
    expectedSeconds: Math.max(plan.minTimeToPromoteSeconds ?? 0, last),
    budgetSeconds: plan.completionBudgetSeconds,
    risks,
    notes,
  };
}

/** A change that replaces no pod and moves no request. */
export function noRollout(subject: string, summary: string, notes: string[] = []): Rollout {
  return { subject, label: 'no rollout', summary, rollsOut: false, steps: [], before: NOTHING_BEFORE, expectedSeconds: 0, budgetSeconds: 0, risks: [], notes };
}

/** A change applied in one go (a switch, a weight, a scale), done when its pods are ready. */
export function oneStep(subject: string, label: string, step: Omit<ReleaseStep, 'startSeconds'>, before: BeforeState, budgetSeconds: number, risks: string[] = [], notes: string[] = []): Rollout {
  return { subject, label, summary: step.description, rollsOut: true, steps: [{ ...step, startSeconds: 0 }], before, expectedSeconds: 0, budgetSeconds, risks, notes };
}

/** The steps of a plan by name, long runs shortened: `25% → 50% → promote → finalise`. */
function stepNames(plan: PlanRecord): string {
  const names = plan.steps.map(s => s.name);
  return (names.length > 6 ? [...names.slice(0, 2), '…', ...names.slice(-3)] : names).join(' → ');
}

/**
 * What the GitOps tools do with the folder, given the plan rules by plan
 * kind and the tools' objects that apply it (`controls`; none: Flux).
 */
export function folderRollouts(delta: FolderDelta, rules: Partial<Record<RolloutPlanKind, PlanRule>>, controls: UnitControl[]): { rollouts: Rollout[]; risks: string[]; notes: string[] } {
  const tool = toolWords(controls.map(c => c.tool));
  const view = new FolderView(delta, tool);
  if (delta.status === 'removed') return removedFolder(delta, controls);
  if (delta.status === 'added') {
    const objects = `${delta.after.size} object(s)`;
    return { rollouts: delta.plans.length ? delta.plans.map(p => newApp(view, p)) : [{ ...noRollout(`folder ${delta.folder}`, `a new app folder: ${tool} creates its ${objects}`), label: 'new app' }], risks: [], notes: [] };
  }
  const rollouts: Rollout[] = [];
  const handled = new Set<string>();
  for (const plan of delta.plans) {
    const rule = rules[plan.kind];
    if (!rule) continue;
    const result = rule(view, plan);
    rollouts.push(...result.rollouts);
    result.workloads.forEach(w => handled.add(w));
  }
  for (const o of delta.objects.filter(x => WORKLOAD_KINDS.includes(x.kind) && !handled.has(`${x.kind}/${x.name}`))) {
    const r = workloadRollout(view, o.kind, o.name);
    if (r) rollouts.push(r);
  }
  const pruned = delta.objects.filter(o => o.change === 'removed' && !handled.has(`${o.kind}/${o.name}`));
  const pruning = controls.length === 0 || controls.some(c => prunes(c, 'after'));
  const risks = pruning ? pruned.filter(o => RISKY_TO_PRUNE.includes(o.kind)).map(o => `${tool} prunes ${o.kind} \`${o.name}\` from the cluster`) : [];
  const notes = pruning
    ? pruned.filter(o => !RISKY_TO_PRUNE.includes(o.kind)).map(o => `${tool} prunes ${o.kind} \`${o.name}\``)
    : pruned.map(o => `${o.kind} \`${o.name}\` leaves Git; ${tool} does not prune, so it stays in the cluster, unmanaged`);
  if (delta.objects.length === 0) notes.push('no object changes: only the files\' form (the same objects, written differently)');
  return { rollouts, risks, notes };
}

/** A workload no plan accounts for (e.g. a shared loadtester): the Deployment's own strategy. */
function workloadRollout(view: FolderView, kind: string, name: string): Rollout | undefined {
  const c = view.change(kind, name)!;
  const subject = `${kind} ${name}`;
  const pods = view.replicas('after', kind, name);
  if (c.change === 'added') return oneStep(subject, 'new workload', { name: 'start', description: `${subject} starts ${pods} pod(s)`, trafficPercent: 100, newPods: pods, totalPods: pods }, NOTHING_BEFORE, 0);
  if (c.change === 'removed') return undefined;
  if (view.podsReplaced(kind, name)) {
    const recreate = kind === 'Deployment' && c.after?.spec?.strategy?.type === 'Recreate';
    const label = recreate ? 'Recreate' : kind === 'DaemonSet' ? 'rolling update (node by node)' : 'rolling update';
    const what = [...view.imageChanges(kind, name), ...c.aspects.filter(a => a.kind !== 'image').map(a => a.text)].join('; ');
    return oneStep(subject, label, { name: label, description: `${subject} replaces its ${pods} pod(s) (${what})`, trafficPercent: 100, newPods: pods, totalPods: pods }, { ...NOTHING_BEFORE, totalPods: view.replicas('before', kind, name) }, 0,
      recreate ? [`${subject} uses Recreate: every pod stops before the new ones start (downtime)`] : []);
  }
  if (view.changedIn(kind, name, 'replicas')) {
    const before = view.replicas('before', kind, name);
    return { ...noRollout(subject, `${subject} scales from ${before} to ${pods} pod(s)`), label: 'scale' };
  }
  return noRollout(subject, `${subject}: ${c.aspects.map(a => a.text).join('; ')}`);
}

/** A new app folder: its first release, which no progressive strategy applies to. */
function newApp(view: FolderView, plan: PlanRecord): Rollout {
  const controller = plan.kind.startsWith('Flagger') ? `Flagger creates \`${plan.appName}-primary\` from it and promotes without analysis`
    : plan.kind.startsWith('ArgoRollouts') ? 'the Rollout\'s first revision starts at 100% without steps'
      : 'its pods start and get the requests once ready';
  const objects = view.delta.after.size;
  return oneStep(`app ${plan.appName}`, 'new app', {
    name: 'create', description: `a new app: ${view.tool} creates its ${objects} object(s); ${controller}`, trafficPercent: 100, newPods: plan.steadyPods, totalPods: plan.steadyPods,
  }, NOTHING_BEFORE, plan.completionBudgetSeconds);
}

/**
 * A folder that is gone: its Kustomization or Application goes too, and
 * (pruning, or with the finalizer) the tool deletes what it applied.
 */
function removedFolder(delta: FolderDelta, controls: UnitControl[]): { rollouts: Rollout[]; risks: string[]; notes: string[] } {
  const kinds = [...new Set([...delta.before.values()].map(o => String(o.kind)))].sort();
  const what = `${delta.before.size} object(s): ${kinds.join(', ')}`;
  const tools = controls.map(c => c.tool);
  const tool = toolWords(tools);
  const owners = controls.length ? controls.map(c => `its ${controlKind(c.tool)}`) : ['its Flux Kustomization'];
  const deletes = controls.length === 0 || controls.some(deletesWhenRemoved);
  const summary = deletes
    ? `${listWords(['the app folder', ...owners])} are removed: ${tool} deletes its ${what}`
    : `the app folder is removed; ${listWords(owners)} delete${owners.length > 1 ? '' : 's'} nothing, so its ${what} stay in the cluster, unmanaged`;
  const rollout: Rollout = { ...noRollout(`folder ${delta.folder}`, summary), label: 'app removed' };
  const namespace = tools.length > 1 ? 'neither tool prunes it' : `${tool} never prunes it`;
  return { rollouts: [rollout], risks: deletes ? [`removing the app deletes its ${what} from the cluster (the Namespace stays: ${namespace})`] : [], notes: [] };
}

/** `a`, `a and b`, `a, b and c`. */
function listWords(items: string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : items[0];
}
