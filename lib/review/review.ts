/**
 * The review of a release: what changes between two outputs, per
 * environment and app folder, what the GitOps tools (Flux, Argo CD) and the
 * controllers do with it, in which order and for how long, and what is
 * risky. Internal.
 */
import { appUnitName } from '../gitops/unit-name';
import { RolloutPlanKind } from '../plan/rollout-plan-kind';
import { ClusterObjectDelta, compareOutputs, FileChange, ObjectDelta } from './compare';
import { argoRolloutsRule, deploymentRule, flaggerRule } from './controller-rollouts';
import { blueGreenRule, manualCanaryRule } from './git-step-rollouts';
import { clusterChange, controlChanges, gateNotes, unitOrder } from './gitops-changes';
import { folderOfControl } from './gitops-tools';
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
  /** The cluster whose tools apply it, when known. */
  readonly cluster?: string;
  /** The name of the Flux Kustomization and the Argo CD Application that apply it (`<environment>-<app>`). */
  readonly unit: string;
  /** The GitOps tools that apply it (`Flux`, `Argo CD`). */
  readonly tools: string[];
  /** The objects that differ. */
  readonly objects: ObjectDelta[];
  readonly rollouts: Rollout[];
  /** Changes of its Flux Kustomization or Argo CD Application, in words. */
  readonly gitops: string[];
  /** The tools whose object of this folder changes. */
  readonly gitopsTools: string[];
  /** Changed folders it waits for (Kustomizations that must be Ready, Applications that must be healthy first). */
  readonly waitsFor: string[];
  /** When it starts, in seconds after the tool applies the commit: at the earliest, and at the latest. */
  readonly startSeconds: number;
  readonly latestStartSeconds: number;
  /** How long its rollouts take at the least, and at the most the tool waits for. */
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
  /** The GitOps tools whose control folders the outputs hold (`Flux`, `Argo CD`). */
  readonly tools: string[];
  /** The files that differ (the manifest aside). */
  readonly files: string[];
  /** The app folders that change, in the order they roll out. */
  readonly apps: AppRelease[];
  /** Other changes of the tools' cluster folders (Namespaces, sources, projects), in words. */
  readonly clusterChanges: string[];
  /** Changed files outside app, cluster and plan folders. */
  readonly otherFiles: FileChange[];
  /** Changed rollout plan files (`plans/`). */
  readonly planFiles: string[];
  /** Whether some change is risky. */
  readonly risky: boolean;
}

/** Reviews the release from `before` to `after`. */
export function reviewRelease(before: OutputTree, after: OutputTree): Review {
  const delta = compareOutputs(before, after);
  const byUnit = new Map<string, ClusterObjectDelta[]>();
  const clusterChanges: string[] = [];
  for (const o of delta.clusterObjects) {
    // app folders' Kustomizations and Applications carry their environment; the others are cluster changes
    if ((o.kind === 'Kustomization' || o.kind === 'Application') && (o.after ?? o.before)?.metadata?.labels?.['cdk8s-delivery/environment'] !== undefined) {
      byUnit.set(o.name, [...byUnit.get(o.name) ?? [], o]);
    } else clusterChanges.push(clusterChange(o));
  }
  const drafts = delta.folders.map(f => {
    const unit = appUnitName(f.environment, f.app);
    return { folder: f.folder, environment: f.environment, app: f.app, status: f.status, unit, objects: f.objects, ...folderRollouts(f, RULES, delta.controls(unit)) };
  });
  // a Kustomization, Application or gate that changes while its folder does not (its dependencies, revision, ...)
  const known = new Set(drafts.map(d => d.unit));
  for (const unit of [...new Set([...byUnit.keys(), ...delta.gateObjects.keys()])].filter(u => !known.has(u)).sort()) {
    const control = delta.controls(unit)[0];
    const [environment, app] = folderOfControl(control?.after ?? control?.before).split('/');
    drafts.push({ folder: `${environment}/${app}`, environment, app, status: 'changed', unit, objects: [], rollouts: [], risks: [], notes: [] });
  }
  const changed = new Set(drafts.map(d => d.unit));
  const unordered = { dependsOn: [], notes: [], risks: [] };
  const orders = new Map(drafts.map(d => [d.unit, d.status === 'removed' ? unordered : unitOrder(d.unit, delta.controls(d.unit), name => delta.controls(name), changed)]));
  const inputs = drafts.map(d => ({
    unit: d.unit,
    dependsOn: orders.get(d.unit)!.dependsOn,
    expectedSeconds: Math.max(0, ...d.rollouts.map(r => r.expectedSeconds)),
    budgetSeconds: Math.max(0, ...d.rollouts.map(r => r.budgetSeconds)),
  }));
  const times = schedule(inputs);
  const folderOf = new Map(drafts.map(d => [d.unit, d.folder]));
  const apps: AppRelease[] = drafts.map((d, i) => {
    const t = times.get(d.unit)!;
    const order = orders.get(d.unit)!;
    const controls = byUnit.get(d.unit) ?? [];
    const gitops = controlChanges(controls, d.status === 'removed');
    const tools = delta.controls(d.unit).map(c => c.tool);
    return {
      ...d,
      cluster: delta.clusterOf(d.unit),
      tools: tools.length ? tools : delta.tools,
      risks: [...d.risks, ...d.rollouts.flatMap(r => r.risks), ...order.risks, ...gitops.risks],
      notes: [...d.notes, ...order.notes, ...gateNotes(delta.gateObjects.get(d.unit) ?? [])],
      gitops: gitops.lines,
      gitopsTools: [...new Set(controls.map(c => c.tool))],
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
    tools: delta.tools,
    files: delta.files,
    apps,
    clusterChanges,
    otherFiles: delta.otherFiles,
    planFiles: delta.planFiles,
    risky: apps.some(a => a.risks.length > 0),
  };
}
