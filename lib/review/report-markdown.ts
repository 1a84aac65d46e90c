/**
 * The review as Markdown, for a pull request comment: the headline, one row
 * per changed app folder in rollout order, the risky changes, a chart of the
 * whole release in time, then per app what changes, its steps in time and
 * its own charts. Internal.
 */
import { mermaidTimeline, palette, SERIES_COLOR_NAMES, SERIES_COLORS, stateAt, timeAxis } from '../plan/chart';
import { toolWords } from './gitops-tools';
import { AppRelease, Review } from './review';
import { atText, changeSummary, fileChangeText, headline, mainRollout, releaseSteps, ReportOptions, rolloutSummary, startText, takesText } from './report-format';

/** The first line of every comment, so CI can find and update its own. */
export const COMMENT_MARKER = '<!-- cdk8s-delivery diff -->';
/** App folders listed in the table, and described in detail. */
const MAX_ROWS = 100;
const MAX_DETAILS = 25;
/** The least time a release chart spans, so a change applied at once still shows before and after. */
const MIN_CHART_SECONDS = 60;

/** A table cell: pipes escaped, newlines flattened. */
function cell(text: string | number): string {
  return String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function row(cells: Array<string | number>): string {
  return `| ${cells.map(cell).join(' | ')} |`;
}

/** The review as Markdown. */
export function renderMarkdown(review: Review, options: ReportOptions = {}): string {
  const out = [COMMENT_MARKER, '## Release review', ''];
  for (const n of options.notices ?? []) out.push(`> ${n}`, '');
  out.push(`From ${review.before} to ${review.after}: ${headline(review)}`, '');
  if (review.apps.length) {
    out.push('| # | app folder | what changes | rollout | starts | takes | |', '|---:|---|---|---|---|---|:---:|');
    review.apps.slice(0, MAX_ROWS).forEach((a, i) => out.push(row([
      i + 1, `\`${a.folder}\``, changeSummary(a), rolloutSummary(a), startText(a), takesText(a), a.risks.length ? '⚠️' : '',
    ])));
    if (review.apps.length > MAX_ROWS) out.push('', `… and ${review.apps.length - MAX_ROWS} more app folders (run the command for the full list).`);
    out.push('');
  }
  const risky = review.apps.filter(a => a.risks.length);
  if (risky.length) {
    out.push('### ⚠️ Risky changes', '');
    for (const a of risky) for (const r of a.risks) out.push(`- \`${a.folder}\`: ${r}`);
    out.push('');
  }
  out.push(...releaseChart(review));
  review.apps.slice(0, MAX_DETAILS).forEach((a, i) => out.push(...appSection(a, i + 1)));
  if (review.apps.length > MAX_DETAILS) out.push(`… ${review.apps.length - MAX_DETAILS} more app folders are in the table above.`, '');
  if (review.clusterChanges.length || review.otherFiles.length) {
    out.push('### Cluster folders and other files', '');
    for (const c of review.clusterChanges) out.push(`- ${c}`);
    for (const f of review.otherFiles) out.push(`- \`${f.file}\` ${fileChangeText(f)}`);
    out.push('');
  }
  return out.join('\n');
}

/** One chart of the whole release: the requests each rolling app sends to its new version, in time. */
function releaseChart(review: Review): string[] {
  const rolling = review.apps.map(a => ({ app: a, rollout: mainRollout(a) })).filter(x => x.rollout && x.rollout.steps.every(s => s.startSeconds !== undefined));
  if (rolling.length < 2) return [];
  const shown = rolling.slice(0, SERIES_COLORS.length);
  const end = Math.max(...shown.map(x => x.app.startSeconds + x.app.expectedSeconds), MIN_CHART_SECONDS);
  const axis = timeAxis(end, `${toolWords(review.tools)} applies the commit`);
  const lines = shown.map(x => {
    const steps = releaseSteps(x.app, x.rollout!);
    return `  line [${axis.samples.map(t => (stateAt(steps, t) ?? x.rollout!.before).trafficPercent).join(', ')}]`;
  });
  const legend = shown.map((x, i) => `${SERIES_COLOR_NAMES[i]}: \`${x.app.folder}\``).join(', ');
  const more = rolling.length > shown.length ? ` (${rolling.length - shown.length} more not drawn)` : '';
  return [
    '### The release in time', '',
    '```mermaid', palette(SERIES_COLORS.slice(0, shown.length).join(', ')), 'xychart-beta',
    '  title "Requests served by the new version (%), per app folder"', `  x-axis ${axis.line}`, '  y-axis "requests (%)" 0 --> 100',
    ...lines, '```', '', `Lines: ${legend}${more}. Times are the least each step takes; gated folders start when the ones they wait for are done.`, '',
  ];
}

/** One app folder: what changes, how it rolls out, its steps in time and its charts. */
function appSection(app: AppRelease, index: number): string[] {
  const out = [`### ${index}. \`${app.folder}\`: ${rolloutSummary(app)}`, ''];
  const facts = [`Starts ${startText(app)}`];
  if (app.rollouts.some(r => r.rollsOut)) facts.push(`takes ${takesText(app)}`);
  out.push(`${facts.join('; ')}.`, '');
  for (const r of app.rollouts) out.push(`- **${r.subject}**: ${r.summary}${r.notes.length ? ` (${r.notes.join('; ')})` : ''}`);
  for (const n of [...app.notes, ...app.gitops]) out.push(`- ${n}`);
  for (const r of app.risks) out.push(`- ⚠️ ${r}`);
  if (app.rollouts.length || app.notes.length || app.gitops.length || app.risks.length) out.push('');
  if (app.objects.length) {
    out.push('| object | change |', '|---|---|');
    for (const o of app.objects) {
      const what = o.change === 'modified' ? o.aspects.map(a => a.text).join('; ') : o.change === 'added' ? 'new' : 'pruned';
      out.push(row([`${o.kind} \`${o.name}\``, what]));
    }
    out.push('');
  }
  const rollout = mainRollout(app);
  if (rollout) {
    const steps = releaseSteps(app, rollout);
    out.push('| step | at | requests to the new version | new pods | all pods | what happens |', '|---|---:|---:|---:|---:|---|');
    for (const s of steps) out.push(row([s.name, atText(s), `${s.trafficPercent}%`, s.newPods, s.totalPods, s.description]));
    out.push('', '<details><summary>Charts of this release</summary>', '');
    out.push(mermaidTimeline(steps, { since: `${toolWords(app.tools)} applies the commit`, before: rollout.before, endSeconds: app.startSeconds + Math.max(app.expectedSeconds, MIN_CHART_SECONDS), alwaysTime: true }));
    out.push('', '</details>', '');
  }
  return out;
}
