/**
 * What the GitOps tools' own objects say about a release, in words: the
 * order between changed app folders (Flux `dependsOn`; Argo CD Applications
 * that follow another revision), changes of an app folder's Kustomization
 * or Application, its promotion gate Jobs, and the other objects of the
 * tools' cluster folders. Internal.
 */
import { ClusterObjectDelta, ObjectDelta } from './compare';
import { ARGO_CD, controlKind, deletesWhenRemoved, revisionOf, UnitControl, upstreamOf } from './gitops-tools';

/** How a unit is ordered after the other changed units. */
export interface UnitOrder {
  /** The units it starts after. */
  readonly dependsOn: string[];
  readonly notes: string[];
  readonly risks: string[];
}

/**
 * The order of the unit `unit`, applied by `controls`: Flux applies it once
 * its `dependsOn` are Ready; Argo CD syncs it after another Application only
 * when it follows another revision, which CI moves once that one is healthy
 * (sync waves order only what the root applies). `controlsOf` looks the
 * other units up; `changed` holds the units this release changes.
 */
export function unitOrder(unit: string, controls: UnitControl[], controlsOf: (name: string) => UnitControl[], changed: Set<string>): UnitOrder {
  const dependsOn = new Set<string>();
  const notes: string[] = [];
  const risks: string[] = [];
  for (const control of controls) {
    if (control.tool !== ARGO_CD) {
      upstreamOf(control).forEach(u => dependsOn.add(u));
      continue;
    }
    const revision = revisionOf(control.after ?? control.before);
    for (const upstream of upstreamOf(control)) {
      const other = controlsOf(upstream).find(c => c.tool === ARGO_CD);
      if (!other) continue;
      const upstreamRevision = revisionOf(other.after ?? other.before);
      if (upstreamRevision !== revision) {
        dependsOn.add(upstream);
        notes.push(`Argo CD: \`${unit}\` follows \`${revision}\`, not \`${upstreamRevision}\`: it gets this release when CI moves \`${revision}\` to this commit, once \`${upstream}\` is healthy`);
      } else if (changed.has(upstream)) {
        risks.push(`Argo CD does not gate \`${unit}\` on \`${upstream}\`: both follow the same revision (\`${revision}\`), so Argo CD syncs both at once (same revision: not gated; sync waves order only what the root applies); give \`${unit}\` a branch of its own (environmentRevisions) that CI moves once \`${upstream}\` is healthy`);
      }
    }
  }
  return { dependsOn: [...dependsOn], notes, risks };
}

/**
 * The changes of an app folder's Kustomization or Application in words,
 * and the risk of removing one that deletes what it applied while the app
 * folder stays (the other tool, if any, then has nothing to adopt).
 */
export function controlChanges(changes: ClusterObjectDelta[], folderRemoved: boolean): { lines: string[]; risks: string[] } {
  const lines: string[] = [];
  const risks: string[] = [];
  for (const c of changes) {
    const what = `${controlKind(c.tool)} \`${c.name}\``;
    if (c.change === 'added') lines.push(`${what} is new`);
    else if (c.change === 'modified') lines.push(...c.aspects.map(a => `${what}: ${a.text}`));
    else {
      const deletes = deletesWhenRemoved({ tool: c.tool, name: c.name, before: c.before });
      lines.push(`${what} is removed${deletes ? ` (${removalEffect(c.tool)})` : ''}`);
      if (deletes && !folderRemoved) {
        const keep = c.tool === ARGO_CD ? 'remove its finalizer first to keep them' : 'set `spec.deletionPolicy: Orphan` on it first to keep them';
        risks.push(`${what} is removed while the app folder stays: ${removalEffect(c.tool)}, although Git still holds them; ${keep}`);
      }
    }
  }
  return { lines, risks };
}

/** What deleting a tool's object of an app folder does to what it applied. */
function removalEffect(tool: string): string {
  return tool === ARGO_CD ? 'the root prunes it and its finalizer deletes what it applied' : 'it prunes: Flux deletes what it applied';
}

/** The promotion gate Jobs of an Application in words: the new release's, the previous one's pruned. */
export function gateNotes(objects: ObjectDelta[]): string[] {
  const order = { added: 0, modified: 1, removed: 2 };
  return [...objects].sort((a, b) => order[a.change] - order[b.change]).map(o => (o.change === 'added'
    ? `Argo CD promotion gate: ${o.kind} \`${o.name}\` is new; the Application is Healthy once it sees the primary run this release`
    : o.change === 'removed' ? `Argo CD promotion gate: ${o.kind} \`${o.name}\` (the previous release's) is pruned` : `Argo CD promotion gate: ${o.kind} \`${o.name}\`: ${o.aspects.map(a => a.text).join('; ')}`));
}

/** Another change of a tool's cluster folder (a Namespace, a project, the root) in words. */
export function clusterChange(o: ClusterObjectDelta): string {
  const what = `${o.kind} \`${o.name}\` (${o.tool}, cluster ${o.cluster})`;
  const byHand = o.tool === ARGO_CD && o.file.split('/')[2] === 'bootstrap';
  if (o.change === 'added') return byHand ? `${what} is new: apply the bootstrap folder again (you applied it by hand)` : `${what} is new`;
  if (o.change === 'removed') {
    if (byHand) return `${what} is no longer in Git; you applied it by hand, so it stays until you delete it`;
    return keptWhenRemoved(o)
      ? `${what} is no longer in Git; ${o.tool} keeps it in the cluster (prune disabled), delete it by hand when it is empty`
      : `${what} is removed: ${o.tool} deletes it`;
  }
  return `${what}: ${o.aspects.map(a => a.text).join('; ')}${byHand ? ' (apply the bootstrap folder again)' : ''}`;
}

/** Whether the tool leaves the object in the cluster when it leaves Git. */
function keptWhenRemoved(o: ClusterObjectDelta): boolean {
  const annotations = o.before?.metadata?.annotations ?? {};
  return o.tool === ARGO_CD
    ? String(annotations['argocd.argoproj.io/sync-options'] ?? '').split(',').includes('Prune=false')
    : annotations['kustomize.toolkit.fluxcd.io/prune'] === 'disabled';
}
