/**
 * The review as plain text for the terminal: the headline, then per changed
 * app folder, in rollout order, what changes, how it rolls out and when,
 * then the risky changes. Internal.
 */
import { AppRelease, Review } from './review';
import { appTitle, atText, changeSummary, fileChangeText, headline, mainRollout, releaseSteps, ReportOptions, startText, takesText } from './report-format';

/** The review as terminal text. */
export function renderText(review: Review, options: ReportOptions = {}): string {
  const out: string[] = [];
  for (const n of options.notices ?? []) out.push(`! ${n}`);
  out.push(`Release review: ${review.before} -> ${review.after}`, headline(review), '');
  review.apps.forEach((a, i) => out.push(...appLines(a, i + 1)));
  const risky = review.apps.filter(a => a.risks.length);
  if (risky.length) {
    out.push('RISKY:');
    for (const a of risky) for (const r of a.risks) out.push(`  ! ${a.folder}: ${r}`);
    out.push('');
  }
  if (review.clusterChanges.length || review.otherFiles.length) {
    out.push('Cluster folders and other files:');
    for (const c of review.clusterChanges) out.push(`  ${c}`);
    for (const f of review.otherFiles) out.push(`  ${f.file} ${fileChangeText(f)}`);
    out.push('');
  }
  return `${out.join('\n').replace(/`/g, '')}\n`;
}

function appLines(app: AppRelease, index: number): string[] {
  const out = [`${index}. ${appTitle(app)}`];
  out.push(`   changes: ${changeSummary(app)}`);
  out.push(`   starts ${startText(app)}${app.rollouts.some(r => r.rollsOut) ? `; takes ${takesText(app)}` : ''}`);
  for (const r of app.rollouts) out.push(`   ${r.subject}: ${r.summary}${r.notes.length ? ` (${r.notes.join('; ')})` : ''}`);
  const rollout = mainRollout(app);
  if (rollout && rollout.steps.length > 1) out.push(`   steps: ${releaseSteps(app, rollout).map(s => `${s.name} ${atText(s)} (${s.trafficPercent}%)`).join(', ')}`);
  for (const o of app.objects) {
    const what = o.change === 'modified' ? o.aspects.map(a => a.text).join('; ') : o.change === 'added' ? 'new' : 'pruned';
    out.push(`   - ${o.kind} ${o.name}: ${what}`);
  }
  for (const n of [...app.notes, ...app.gitops]) out.push(`   - ${n}`);
  for (const r of app.risks) out.push(`   ! ${r}`);
  out.push('');
  return out;
}
