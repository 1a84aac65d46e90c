/**
 * Markdown rendering of rollout plans. Internal: not exported from the
 * package (use `RolloutPlan.toMarkdown()` and `RolloutPlan.indexMarkdown()`).
 */
import { formatBytes, formatMillis } from '../core/quantity';
import { mermaidTimeline } from './chart';
import { duration } from './format';
import { PlanGate, PlanMetric, PlanRuntimeObject, PlanStep, PlanTiming } from './plan-parts';
import { RolloutPlanKind } from './rollout-plan-kind';

/** What the renderer reads of a plan (a `RolloutPlan`). */
export interface PlanView {
  readonly kind: RolloutPlanKind;
  readonly strategy: string;
  readonly summary: string;
  readonly appName: string;
  readonly namespace?: string;
  readonly steadyPods: number;
  readonly peakPods: number;
  readonly minAvailablePods: number;
  readonly waves?: number;
  readonly steps: PlanStep[];
  readonly intervalSeconds?: number;
  readonly minTimeToPromoteSeconds?: number;
  readonly timeToRollbackSeconds?: number;
  readonly podCpuMillis: number;
  readonly podMemoryBytes: number;
  readonly steadyCpuMillis: number;
  readonly peakCpuMillis: number;
  readonly steadyMemoryBytes: number;
  readonly peakMemoryBytes: number;
  readonly maxReplicas?: number;
  readonly timings: PlanTiming[];
  readonly runtimeObjects: PlanRuntimeObject[];
  readonly gates: PlanGate[];
  readonly metrics: PlanMetric[];
  readonly watchCommands: string[];
  readonly rollback: string[];
  readonly notes: string[];
}

/** One row of the index. */
export interface IndexRow {
  readonly plan: PlanView;
  readonly link?: string;
  readonly environment?: string;
}

/** A table cell: pipes escaped, newlines flattened. */
function cell(text: string | number | undefined): string {
  return text === undefined ? '–' : String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function row(cells: Array<string | number | undefined>): string {
  return `| ${cells.map(cell).join(' | ')} |`;
}

function delta(peak: number, steady: number, format: (n: number) => string): string {
  const extra = peak - steady;
  return extra > 0 ? `${format(peak)} (+${format(extra)})` : format(peak);
}

function isArgoRollouts(plan: PlanView): boolean {
  return plan.kind === RolloutPlanKind.ARGO_ROLLOUTS_CANARY || plan.kind === RolloutPlanKind.ARGO_ROLLOUTS_BLUE_GREEN;
}

function isFlagger(plan: PlanView): boolean {
  return plan.intervalSeconds !== undefined && !isArgoRollouts(plan);
}

/** Whether a controller drives the rollout (Flagger or Argo Rollouts), and which. */
function controllerOf(plan: PlanView): string | undefined {
  return isArgoRollouts(plan) ? 'Argo Rollouts' : isFlagger(plan) ? 'Flagger' : undefined;
}

function isDeploymentUpdate(plan: PlanView): boolean {
  return plan.kind === RolloutPlanKind.ROLLING_UPDATE || plan.kind === RolloutPlanKind.RECREATE;
}

/** The whole plan of one app; `gitOpsCommands` come first under "Watch it", `promotionGate` lines get a section of their own. */
export function renderPlan(plan: PlanView, gitOpsCommands: string[], promotionGate: string[] = []): string {
  const out: string[] = [];
  const where = plan.namespace ? ` in namespace \`${plan.namespace}\`` : '';
  out.push(`# Rollout plan: \`${plan.appName}\``, '');
  out.push(`**${plan.strategy}**${where}. ${plan.summary}`, '');

  out.push('## At a glance', '');
  out.push('| | between releases | peak during the rollout |', '|---|---:|---:|');
  out.push(row(['pods', plan.steadyPods, delta(plan.peakPods, plan.steadyPods, String)]));
  out.push(row(['CPU requested', formatMillis(plan.steadyCpuMillis), delta(plan.peakCpuMillis, plan.steadyCpuMillis, formatMillis)]));
  out.push(row(['memory requested', formatBytes(plan.steadyMemoryBytes), delta(plan.peakMemoryBytes, plan.steadyMemoryBytes, formatBytes)]));
  out.push('');
  const facts = [plan.minAvailablePods > 0 ? `At least ${plan.minAvailablePods} pod(s) serve throughout.` : 'At one point no pod serves: downtime.'];
  if (plan.waves !== undefined) facts.push(`Waves: ${plan.waves}.`);
  facts.push(`Each pod requests ${formatMillis(plan.podCpuMillis)} CPU and ${formatBytes(plan.podMemoryBytes)} memory.`);
  if (plan.maxReplicas !== undefined) facts.push(`Autoscaled: counts are at the HPA's minimum (maximum ${plan.maxReplicas}).`);
  out.push(facts.join(' '), '');

  out.push('## Timings', '');
  out.push('| | time | how it is computed |', '|---|---:|---|');
  for (const t of plan.timings) out.push(row([t.name, t.seconds === undefined ? undefined : duration(t.seconds), t.formula]));
  out.push('');

  out.push('## Steps', '');
  out.push('| # | step | earliest start | new version\'s share of requests | new pods | old pods | peak pods | what happens |', '|---:|---|---:|---:|---:|---:|---:|---|');
  plan.steps.forEach((s, i) => out.push(row([
    i + 1, s.name, s.startSeconds === undefined ? 'a commit' : `+${duration(s.startSeconds)}`,
    `${s.trafficPercent}%`, s.newPods, s.oldPods, s.peakPods, s.description,
  ])));
  out.push('');

  out.push('## Timeline', '');
  const steps = plan.steps.map(s => ({ ...s, totalPods: s.peakPods }));
  out.push(mermaidTimeline(steps, { since: 'the first step', before: { trafficPercent: 0, totalPods: plan.steadyPods, newPods: 0 }, endSeconds: plan.minTimeToPromoteSeconds }), '');

  out.push('## What the cluster creates at runtime', '');
  if (plan.runtimeObjects.length === 0) {
    out.push('Nothing: every object of the app is in Git.', '');
  } else {
    out.push(isArgoRollouts(plan) ? 'Created by Argo Rollouts, or in Git and changed by it at runtime.' : 'Created and owned by Flagger; never put them in Git.', '');
    out.push('| kind | name | purpose |', '|---|---|---|');
    for (const o of plan.runtimeObjects) out.push(row([o.kind, `\`${o.name}\``, o.purpose]));
    out.push('');
  }

  out.push('## Gates and webhooks, in order', '');
  if (plan.gates.length === 0) {
    out.push(controllerOf(plan) ? `None: ${controllerOf(plan)} advances on its own while the checks pass.`
      : isDeploymentUpdate(plan) ? 'None: the Deployment advances as soon as its new pods are ready.'
        : 'None besides the commits: each step waits for someone to make the next one.', '');
  } else {
    out.push('| # | name | type | when | on failure |', '|---:|---|---|---|---|');
    plan.gates.forEach((g, i) => out.push(row([i + 1, g.url ? `${g.name} (${g.url})` : g.name, `\`${g.type}\``, g.when, g.onFailure])));
    out.push('');
  }

  out.push('## Metrics', '');
  if (plan.metrics.length === 0) {
    out.push(isArgoRollouts(plan) ? 'None measured during the whole release: Argo Rollouts checks that the pods are ready (and the analysis steps, if any).'
      : isFlagger(plan) ? 'None: Flagger only checks that the pods are ready (and the webhooks).'
      : isDeploymentUpdate(plan) ? 'None: only the readiness probes gate each wave; watch your dashboards.'
        : 'None checked automatically: watch your dashboards between commits.', '');
  } else {
    out.push('| metric | passes when | measures | over |', '|---|---|---|---:|');
    for (const m of plan.metrics) out.push(row([`\`${m.name}\``, m.check, m.meaning, duration(m.intervalSeconds)]));
    out.push('');
  }

  if (promotionGate.length) {
    out.push('## Promotion gate', '');
    for (const line of promotionGate) out.push(`- ${line}`);
    out.push('');
  }

  out.push('## Watch it', '', '```sh', ...gitOpsCommands, ...plan.watchCommands, '```', '');

  out.push('## Roll back', '');
  plan.rollback.forEach((r, i) => out.push(`${i + 1}. ${r}`));
  out.push('');

  if (plan.notes.length) {
    out.push('## Notes', '');
    for (const n of plan.notes) out.push(`- ${n}`);
    out.push('');
  }
  return out.join('\n');
}

/** The index of all plans. */
export function renderIndex(entries: IndexRow[]): string {
  const out = ['# Rollout plans', ''];
  out.push('| app | environment | strategy | pods (steady → peak) | CPU (steady → peak) | memory (steady → peak) | min. time to promote | rollback after failed checks |',
    '|---|---|---|---:|---:|---:|---:|---:|');
  for (const e of entries) {
    const p = e.plan;
    const app = e.link ? `[${p.appName}](${e.link})` : p.appName;
    out.push(row([
      app, e.environment, p.strategy,
      `${p.steadyPods} → ${p.peakPods}`,
      `${formatMillis(p.steadyCpuMillis)} → ${formatMillis(p.peakCpuMillis)}`,
      `${formatBytes(p.steadyMemoryBytes)} → ${formatBytes(p.peakMemoryBytes)}`,
      p.minTimeToPromoteSeconds === undefined ? 'manual' : duration(p.minTimeToPromoteSeconds),
      p.timeToRollbackSeconds === undefined ? 'manual' : duration(p.timeToRollbackSeconds),
    ]));
  }
  out.push('');
  return out.join('\n');
}
