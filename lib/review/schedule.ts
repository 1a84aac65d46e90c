/**
 * When each changed app folder starts rolling out: Flux applies a folder
 * once the Kustomizations it depends on are Ready (Argo CD gets it once CI
 * moves its branch after the Application it comes after), so a folder gated on
 * another changed folder starts when that one is done (at the earliest when
 * its rollout can be done, at the latest when Flux stops waiting for it).
 * Internal.
 */

/** One changed GitOps unit: its dependencies and how long its rollout takes. */
export interface ScheduleInput {
  readonly unit: string;
  readonly dependsOn: string[];
  readonly expectedSeconds: number;
  readonly budgetSeconds: number;
}

/** When a unit starts, and which changed units it waits for. */
export interface ScheduleEntry {
  readonly startSeconds: number;
  readonly latestStartSeconds: number;
  readonly waitsFor: string[];
}

/** The start of every unit, in seconds after the tool applies the commit (dependencies that do not change do not delay). */
export function schedule(units: ScheduleInput[]): Map<string, ScheduleEntry> {
  const byName = new Map(units.map(u => [u.unit, u]));
  const done = new Map<string, ScheduleEntry>();
  const visiting = new Set<string>();
  const visit = (u: ScheduleInput): ScheduleEntry => {
    const known = done.get(u.unit);
    if (known) return known;
    // Flux refuses cycles (and the layout too); a cycle here only ends the walk
    if (visiting.has(u.unit)) return { startSeconds: 0, latestStartSeconds: 0, waitsFor: [] };
    visiting.add(u.unit);
    const upstream = u.dependsOn.map(d => byName.get(d)).filter((d): d is ScheduleInput => d !== undefined);
    let start = 0;
    let latest = 0;
    for (const d of upstream) {
      const e = visit(d);
      start = Math.max(start, e.startSeconds + d.expectedSeconds);
      latest = Math.max(latest, e.latestStartSeconds + Math.max(d.budgetSeconds, d.expectedSeconds));
    }
    const entry = { startSeconds: start, latestStartSeconds: latest, waitsFor: upstream.map(d => d.unit) };
    visiting.delete(u.unit);
    done.set(u.unit, entry);
    return entry;
  };
  units.forEach(visit);
  return done;
}
