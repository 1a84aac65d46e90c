/**
 * The words and numbers both renderings of a review share: the headline,
 * when an app starts and how long it takes, the steps of its release in
 * time. Internal.
 */
import { duration } from '../plan/format';
import { FileChange } from './compare';
import { toolWords } from './gitops-tools';
import { AppRelease, Review } from './review';
import { ReleaseStep, Rollout } from './rollout';

/** What a renderer needs besides the review. */
export interface ReportOptions {
  /** Lines to show first (e.g. that the committed output is stale). */
  readonly notices?: string[];
}

/** The rollout an app's timeline shows: its first that rolls out (a plan's before any other workload's). */
export function mainRollout(app: AppRelease): Rollout | undefined {
  return app.rollouts.find(r => r.rollsOut && r.steps.length > 0);
}

/** The changes of an app in a few words: images first, then the other aspects, then added and removed objects. */
export function changeSummary(app: AppRelease): string {
  if (app.status === 'added') return `new app (${app.objects.length} objects)`;
  if (app.status === 'removed') return `app removed (${app.objects.length} objects)`;
  const parts: string[] = [];
  const images = app.objects.flatMap(o => o.aspects.filter(a => a.kind === 'image').map(a => a.text));
  parts.push(...[...new Set(images)]);
  const kinds = [...new Set(app.objects.flatMap(o => o.aspects.filter(a => a.kind !== 'image').map(a => a.kind)))];
  parts.push(...kinds.map(k => (k === 'config' ? 'config' : k === 'pods' ? 'pod template' : k)));
  const added = app.objects.filter(o => o.change === 'added').length;
  const removed = app.objects.filter(o => o.change === 'removed').length;
  if (added) parts.push(`${added} new object(s)`);
  if (removed) parts.push(`${removed} pruned object(s)`);
  if (app.gitops.length) parts.push(`${toolWords(app.gitopsTools)} settings`);
  return parts.length ? parts.join('; ') : 'the files only (same objects)';
}

/** How the app rolls out, in a few words. */
export function rolloutSummary(app: AppRelease): string {
  const labels = [...new Set(app.rollouts.map(r => r.label))];
  return labels.length ? labels.join(' + ') : 'no rollout';
}

/** When the app starts: at once, or after the folders it waits for. */
export function startText(app: AppRelease): string {
  if (!app.waitsFor.length) return 'at once';
  const range = app.latestStartSeconds > app.startSeconds ? ` (at the latest +${duration(app.latestStartSeconds)})` : '';
  return `after ${app.waitsFor.join(', ')}: +${duration(app.startSeconds)}${range}`;
}

/** How long the app's rollout takes: at least, and at most what its GitOps tool waits for. */
export function takesText(app: AppRelease): string {
  if (!app.rollouts.some(r => r.rollsOut)) return '–';
  const tool = toolWords(app.tools);
  if (app.expectedSeconds === 0) return app.budgetSeconds ? `once the pods are ready (${tool} waits up to ${duration(app.budgetSeconds)})` : 'at once';
  return `${duration(app.expectedSeconds)} at least${app.budgetSeconds > app.expectedSeconds ? `, ${tool} waits up to ${duration(app.budgetSeconds)}` : ''}`;
}

/** The headline: how many folders change, roll out, are risky, and how long the whole release takes. */
export function headline(review: Review): string {
  if (review.files.length === 0) return 'Nothing changes: the output is the same.';
  const envs = new Set(review.apps.map(a => a.environment));
  const rolling = review.apps.filter(a => a.rollouts.some(r => r.rollsOut)).length;
  const risky = review.apps.filter(a => a.risks.length).length;
  const parts = [`${review.apps.length} app folder(s) change in ${envs.size} environment(s)`, `${rolling} roll out`];
  if (risky) parts.push(`${risky} with risky changes`);
  const end = Math.max(0, ...review.apps.map(a => a.startSeconds + a.expectedSeconds));
  const latest = Math.max(0, ...review.apps.map(a => a.latestStartSeconds + Math.max(a.budgetSeconds, a.expectedSeconds)));
  const time = rolling ? ` The release takes ${end ? `at least ${duration(end)}` : 'as long as the new pods take to be ready'}${latest > end ? `; ${toolWords(review.tools)} waits up to ${duration(latest)}` : ''}.` : '';
  const plans = review.planFiles.length ? ` ${review.planFiles.length} rollout plan file(s) change.` : '';
  return review.apps.length ? `${parts.join('; ')}.${time}${plans}` : `No app folder changes.${plans}`;
}

/** A rollout's steps shifted to the app's start: their times after the GitOps tool applies the commit. */
export function releaseSteps(app: AppRelease, rollout: Rollout): ReleaseStep[] {
  return rollout.steps.map(s => ({ ...s, startSeconds: s.startSeconds === undefined ? undefined : s.startSeconds + app.startSeconds }));
}

/** A step's time: `+2m`, or "a commit". */
export function atText(step: ReleaseStep): string {
  return step.startSeconds === undefined ? 'a commit' : `+${duration(step.startSeconds)}`;
}

/** What the release of an app is, as its folder and label: `staging/podinfo (Flagger canary)`. */
export function appTitle(app: AppRelease): string {
  return `${app.folder}: ${rolloutSummary(app)}`;
}

/** How a file outside the app and cluster folders changes: `is new`, `is removed`, `changes`. */
export function fileChangeText(f: FileChange): string {
  return f.change === 'added' ? 'is new' : f.change === 'removed' ? 'is removed' : 'changes';
}
