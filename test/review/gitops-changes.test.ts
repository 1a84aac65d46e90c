/**
 * The review of a release under each GitOps output: it names the tool that
 * applies the output (Flux, Argo CD or both), orders Argo CD Applications by
 * their revisions (one revision: not gated), and reports removed
 * Applications and files as removals.
 */
import { CanaryApp, CanaryProvider, GitOpsLayout, GitOpsOutput, Metric, RollingApp } from '../../lib';
import { renderMarkdown } from '../../lib/review/report-markdown';
import { renderText } from '../../lib/review/report-text';
import { AppRelease, Review } from '../../lib/review/review';
import { reviewOf, stagedCanary } from '../support/release-fixtures';

const REPO = 'https://github.com/acme/deploy.git';
const argoCd = (ungated = false) => GitOpsOutput.argoCd(ungated ? { repoUrl: REPO, allowUngatedEnvironments: true } : { repoUrl: REPO, environmentRevisions: { production: 'release' } });
const app = (review: Review, folder: string): AppRelease => review.apps.find(a => a.folder === folder)!;
const plainArgoCd = () => GitOpsOutput.argoCd({ repoUrl: REPO });

/** One environment "prod" written for `outputs`, with a RollingApp "web" and, when `api`, a Flagger canary "api". */
function prod(outputs: GitOpsOutput[], api: boolean): GitOpsLayout {
  const layout = new GitOpsLayout({ outdir: 'unused', outputs });
  const env = layout.addEnvironment('prod');
  new RollingApp(env.addApp('web'), 'web', { name: 'web', image: 'ghcr.io/acme/web:1.0' });
  if (api) {
    new CanaryApp(env.addApp('api'), 'api', {
      name: 'api', image: 'ghcr.io/acme/api:1.0', port: 8080, provider: CanaryProvider.gatewayApi({ gatewayRefs: [{ name: 'public', namespace: 'gateway-system' }], hosts: ['api.example.com'] }),
      analysis: { interval: '1m', threshold: 3, hasSteadyTraffic: true, stepWeight: 25, maxWeight: 50, metrics: [Metric.requestSuccessRate()] },
    });
  }
  return layout;
}

describe('Argo CD alone', () => {
  const release = reviewOf(stagedCanary('1.0', [argoCd()]), stagedCanary('1.1', [argoCd()]));

  test('the review names Argo CD: how long it waits, when its charts start; never Flux', () => {
    expect(release.tools).toEqual(['Argo CD']);
    const text = renderText(release);
    expect(text).toContain('The release takes at least 7m; Argo CD waits up to 17m.');
    expect(text).toContain('starts at once; takes 2m at least, Argo CD waits up to 7m');
    expect(renderMarkdown(release)).toContain('since Argo CD applies the commit');
    expect(`${text}${renderMarkdown(release)}`).not.toContain('Flux');
  });

  test('production on a branch of its own starts after staging, when CI moves the branch; its new gate Job is listed', () => {
    const production = app(release, 'production/web');
    expect([production.waitsFor, production.startSeconds, production.risks]).toEqual([['staging/web'], 120, []]);
    expect(production.notes).toContain('Argo CD: `production-web` follows `release`, not `HEAD`: it gets this release when CI moves `release` to this commit, once `staging-web` is healthy');
    expect(production.notes.filter(n => n.startsWith('Argo CD promotion gate: Job'))).toHaveLength(2);
  });

  test('production on the same revision as staging is not gated: it starts at once, and the review says so as a risk', () => {
    const review = reviewOf(stagedCanary('1.0', [argoCd(true)]), stagedCanary('1.1', [argoCd(true)]));
    const production = app(review, 'production/web');
    expect([production.waitsFor, production.startSeconds]).toEqual([[], 0]);
    expect(production.risks).toEqual(['Argo CD does not gate `production-web` on `staging-web`: both follow the same revision (`HEAD`), so Argo CD syncs both at once (same revision: not gated; '
      + 'sync waves order only what the root applies); give `production-web` a branch of its own (environmentRevisions) that CI moves once `staging-web` is healthy']);
    expect(review.risky).toBe(true);
  });

  test('a removed app: its Application goes, and its finalizer deletes the app\'s objects (risky); no file of it is a mere change', () => {
    const review = reviewOf(prod([plainArgoCd()], true), prod([plainArgoCd()], false));
    const api = app(review, 'prod/api');
    expect([review.apps.map(a => a.folder), api.status]).toEqual([['prod/api'], 'removed']);
    expect(api.rollouts.map(r => [r.label, r.summary])).toEqual([['app removed', 'the app folder and its Argo CD Application are removed: Argo CD deletes its 3 object(s): Canary, Deployment, PodDisruptionBudget']]);
    expect(api.gitops).toEqual(['Argo CD Application `prod-api` is removed (the root prunes it and its finalizer deletes what it applied)']);
    expect(api.risks).toEqual(['removing the app deletes its 3 object(s): Canary, Deployment, PodDisruptionBudget from the cluster (the Namespace stays: Argo CD never prunes it)']);
    expect(review.otherFiles).toEqual([]);
    expect(review.clusterChanges).toContain('Namespace `api` (Argo CD, cluster prod) is no longer in Git; Argo CD keeps it in the cluster (prune disabled), delete it by hand when it is empty');
    expect(review.clusterChanges).toContain('Role `api-gate` (Argo CD, cluster prod) is removed: Argo CD deletes it');
    expect(renderText(review)).not.toMatch(/argocd\/.* changes/);
  });
});

test('both outputs: the review names both tools, and an Argo CD production on one revision with staging is risky although Flux gates it', () => {
  const both = (v: string) => stagedCanary(v, [GitOpsOutput.flux(), plainArgoCd()]);
  const review = reviewOf(both('1.0'), both('1.1'));
  expect(review.tools).toEqual(['Flux', 'Argo CD']);
  expect(renderText(review)).toContain('Flux or Argo CD waits up to 17m');
  const production = app(review, 'production/web');
  expect([production.waitsFor, production.tools]).toEqual([['staging/web'], ['Flux', 'Argo CD']]);
  expect(production.risks).toHaveLength(1);
  expect(production.risks[0]).toMatch(/^Argo CD does not gate `production-web` on `staging-web`: both follow the same revision \(`HEAD`\)/);
});

test('an Application removed while its app folder stays deletes what it applied: risky', () => {
  const review = reviewOf(prod([GitOpsOutput.flux(), plainArgoCd()], false), prod([GitOpsOutput.flux()], false));
  const web = app(review, 'prod/web');
  expect(web.gitops).toEqual(['Argo CD Application `prod-web` is removed (the root prunes it and its finalizer deletes what it applied)']);
  expect(web.risks).toEqual(['Argo CD Application `prod-web` is removed while the app folder stays: the root prunes it and its finalizer deletes what it applied, although Git still holds them; remove its finalizer first to keep them']);
});

test('files outside app and cluster folders that are gone are reported as removed, not as changes', () => {
  const review = reviewOf(prod([GitOpsOutput.flux()], true), prod([GitOpsOutput.flux()], false));
  expect(review.otherFiles.map(f => f.change)).toEqual(review.otherFiles.map(() => 'removed'));
  expect(review.otherFiles.length).toBeGreaterThan(0);
  expect(renderText(review)).toContain(`  ${review.otherFiles[0].file} is removed\n`);
  expect(renderMarkdown(review)).toContain(`- \`${review.otherFiles[0].file}\` is removed\n`);
});
