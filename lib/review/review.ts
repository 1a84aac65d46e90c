/**
 * The review of a release: what changes between two outputs, per
 * environment and app folder, what Flux and the controllers do with it,
 * in which order and for how long, and what is risky. Internal.
 */
import { appUnitName } from '../gitops/unit-name';
import { RolloutPlanKind } from '../plan/rollout-plan-kind';
import { ClusterObjectDelta, compareOutputs, ObjectDelta } from './compare';
import { argoRolloutsRule, deploymentRule, flaggerRule } from './controller-rollouts';
import { blueGreenRule, manualCanaryRule } from './git-step-rollouts';
import { OutputTree } from './output-tree';
import { folderRollouts, PlanRule, Rollout } from './rollout';
import { schedule } from './schedule';

/** The rule of each plan kind. */
const RULES: Record<RolloutPlanKind, PlanRule> = {
  [RolloutPlanKind.ROLLING_UPDATE]: deploymentRule,
  [RolloutPlanKind.RECREATE]: deploymentRule,
  [RolloutPlanKind.FLAGGER_CANARY]: flaggerRule,
  [RolloutPlanKind.FLAGGER_AB_TESTING]: flaggerRule,
  [RolloutPlanKind.FLAGGER_BLUE_GREEN]: flaggerRule,
  [RolloutPlanKind.ARGO_ROLLOUTS_CANARY]: argoRolloutsRule,
  [RolloutPlanKind.ARGO_ROLLOUTS_BLUE_GREEN]: argoRolloutsRule,
  [RolloutPlanKind.BLUE_GREEN_SWITCH]: blueGreenRule,
  [RolloutPlanKind.REPLICA_CANARY]: manualCanaryRule,
  [RolloutPlanKind.NGINX_CANARY]: manualCanaryRule,
  [RolloutPlanKind.ROUTE_CANARY]: manualCanaryRule,
};

/** What happens to one app folder of one environment. */
export interface AppRelease {
  /** `<environment>/<app>`. */
  readonly folder: string;
  readonly environment: string;
  readonly app: string;
  readonly status: 'added' | 'removed' | 'changed';
  /** The cluster whose Flux applies it, when known. */
  readonly cluster?: string;
  /** The Flux Kustomization that applies it. */
  readonly unit: string;
  /** The objects that differ. */
  readonly objects: ObjectDelta[];
  readonly rollouts: Rollout[];
  /** Changes of its Flux Kustomization, in words. */
  readonly gitops: string[];
  /** Changed folders it waits for (their Kustomizations must be Ready first). */
  readonly waitsFor: string[];
  /** When it starts, in seconds after Flux applies the commit: at the earliest, and at the latest. */
  readonly startSeconds: number;
  readonly latestStartSeconds: number;
  /** How long its rollouts take at the least, and at the most Flux waits for. */
  readonly expectedSeconds: number;
  readonly budgetSeconds: number;
  readonly risks: string[];
  readonly notes: string[];
}

/** The review of a release. */
export interface Review {
  /** The outputs compared, in words. */
  readonly before: string;
  readonly after: string;
  /** The files that differ (the manifest aside). */
  readonly files: string[];
  /** The app folders that change, in the order they roll out. */
  readonly apps: AppRelease[];
  /** Other changes of the cluster folders (Namespaces, sources), in words. */
  readonly clusterChanges: string[];
  /** Changed files outside app, cluster and plan folders. */
  readonly otherFiles: string[];
  /** Changed rollout plan files (`plans/`). */
  readonly planFiles: string[];
  /** Whether some change is risky. */
  readonly risky: boolean;
}

/** Reviews the release from `before` to `after`. */
export function reviewRelease(before: OutputTree, after: OutputTree): Review {
  const delta = compareOutputs(before, after);
  const kustomization = (unit: string) => delta.kustomization('after', unit) ?? delta.kustomization('before', unit);
  const byUnit = new Map<string, ClusterObjectDelta>();
  const clusterChanges: string[] = [];
  for (const o of delta.clusterObjects) {
    // app folders' Kustomizations carry their environment; the infrastructure's are cluster changes
    if (o.kind === 'Kustomization' && (o.after ?? o.before)?.metadata?.labels?.['cdk8s-delivery/environment'] !== undefined) byUnit.set(o.name, o);
    else clusterChanges.push(clusterChange(o));
  }
  const drafts = delta.folders.map(f => {
    const unit = appUnitName(f.environment, f.app);
    const k = delta.kustomization('before', unit);
    const { rollouts, risks, notes } = folderRollouts(f, RULES, k?.spec?.prune !== false);
    return { folder: f.folder, environment: f.environment, app: f.app, status: f.status, unit, objects: f.objects, rollouts, risks, notes };
  });
  // a Kustomization that changes while its folder does not (its dependencies, timeout, ...)
  for (const unit of [...byUnit.keys()].filter(u => !drafts.some(d => d.unit === u)).sort()) {
    const path = String((byUnit.get(unit)!.after ?? byUnit.get(unit)!.before)?.spec?.path ?? '');
    const [environment, app] = path.split('/').slice(-2);
    drafts.push({ folder: `${environment}/${app}`, environment, app, status: 'changed', unit, objects: [], rollouts: [], risks: [], notes: [] });
  }
  const inputs = drafts.map(d => ({
    unit: d.unit,
    dependsOn: ((kustomization(d.unit)?.spec?.dependsOn ?? []) as any[]).map(x => String(x.name)),
    expectedSeconds: Math.max(0, ...d.rollouts.map(r => r.expectedSeconds)),
    budgetSeconds: Math.max(0, ...d.rollouts.map(r => r.budgetSeconds)),
  }));
  const times = schedule(inputs);
  const folderOf = new Map(drafts.map(d => [d.unit, d.folder]));
  const apps: AppRelease[] = drafts.map((d, i) => {
    const t = times.get(d.unit)!;
    const k = byUnit.get(d.unit);
    return {
      ...d,
      cluster: delta.clusterOf(d.unit),
      risks: [...d.risks, ...d.rollouts.flatMap(r => r.risks)],
      gitops: k ? gitopsChanges(k) : [],
      waitsFor: t.waitsFor.map(u => folderOf.get(u)!),
      startSeconds: t.startSeconds,
      latestStartSeconds: t.latestStartSeconds,
      expectedSeconds: inputs[i].expectedSeconds,
      budgetSeconds: inputs[i].budgetSeconds,
    };
  });
  apps.sort((a, b) => a.startSeconds - b.startSeconds || (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0));
  return {
    before: before.source,
    after: after.source,
    files: delta.files,
    apps,
    clusterChanges,
    otherFiles: delta.otherFiles,
    planFiles: delta.planFiles,
    risky: apps.some(a => a.risks.length > 0),
  };
}

/** A Kustomization's change in words. */
function gitopsChanges(k: ClusterObjectDelta): string[] {
  if (k.change === 'added') return [`Flux Kustomization \`${k.name}\` is new`];
  if (k.change === 'removed') return [`Flux Kustomization \`${k.name}\` is removed${k.before?.spec?.prune ? ' (it prunes: Flux deletes what it applied)' : ''}`];
  return k.aspects.map(a => `Flux Kustomization \`${k.name}\`: ${a.text}`);
}

/** Another change of a cluster folder in words. */
function clusterChange(o: ClusterObjectDelta): string {
  const what = `${o.kind} \`${o.name}\` (cluster ${o.cluster})`;
  if (o.change === 'added') return `${what} is new`;
  if (o.change === 'removed') {
    return o.before?.metadata?.annotations?.['kustomize.toolkit.fluxcd.io/prune'] === 'disabled'
      ? `${what} is no longer in Git; Flux keeps it in the cluster (prune disabled), delete it by hand when it is empty`
      : `${what} is removed: Flux deletes it`;
  }
  return `${what}: ${o.aspects.map(a => a.text).join('; ')}`;
}
