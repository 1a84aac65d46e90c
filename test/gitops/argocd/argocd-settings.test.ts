import { ArgoCdDestination, ArgoCdOutputProps, GitOpsLayout, GitOpsOutput, RollingApp } from '../../../lib';
import { expectPropError } from '../../support/errors';

const REPO = 'https://github.com/acme/deploy.git';
const layoutWith = (props: Partial<ArgoCdOutputProps>) => new GitOpsLayout({ outdir: 'unused', outputs: [GitOpsOutput.flux(), GitOpsOutput.argoCd({ repoUrl: REPO, ...props })] });

/** A layout with environments staging and production on cluster "platform", rendered. */
function render(props: Partial<ArgoCdOutputProps>) {
  const layout = layoutWith(props);
  for (const env of ['staging', 'production']) {
    new RollingApp(layout.addEnvironment(env, { cluster: 'platform' }).addApp('web'), 'web', { name: 'web', image: 'ghcr.io/acme/web:2.1.0' });
  }
  return layout.render();
}

test.each([
  'https://github.com/acme/deploy.git', 'ssh://git@github.com/acme/deploy.git', 'git@github.com:acme/deploy.git', 'http://gitea.internal/acme/deploy',
])('the repository URL %s is accepted', repoUrl => {
  expect(() => layoutWith({ repoUrl })).not.toThrow();
});

test.each(['', 'github.com/acme/deploy', 'https://github.com', 'file:///srv/deploy.git', 'https://github.com/acme/deploy .git'])('the repository URL %j is refused', repoUrl => {
  expectPropError(() => layoutWith({ repoUrl }), 'outputs[1].repoUrl', repoUrl, 'the Git URL Argo CD clones');
});

test('a target revision that is no Git revision is refused', () => {
  expectPropError(() => layoutWith({ targetRevision: 'main branch' }), 'outputs[1].targetRevision', 'main branch', 'a branch, tag or commit');
});

test('an environment revision that is no Git revision is refused', () => {
  expectPropError(() => layoutWith({ environmentRevisions: { production: 'release..next' } }), 'outputs[1].environmentRevisions.production', 'release..next', 'a branch, tag or commit');
});

test('an environment revision for an environment the layout does not have is refused', () => {
  expectPropError(() => render({ environmentRevisions: { prod: 'release' } }), 'outputs[1].environmentRevisions', 'prod', 'environments of the layout: staging, production');
});

test('an Argo CD namespace that is no DNS label is refused', () => {
  expectPropError(() => layoutWith({ namespace: 'Argo_CD' }), 'outputs[1].namespace', 'Argo_CD', 'DNS-1123 label');
});

test('an unknown destination is refused', () => {
  expectPropError(() => layoutWith({ destination: 'hub' as ArgoCdDestination }), 'outputs[1].destination', 'hub', 'one of in-cluster, cluster-name');
});

test('an empty list of clusters is refused', () => {
  expectPropError(() => layoutWith({ clusters: [] }), 'outputs[1].clusters', [], 'list at least one cluster');
});

test('a cluster name that is no DNS label is refused', () => {
  expectPropError(() => layoutWith({ clusters: ['Platform'] }), 'outputs[1].clusters[0]', 'Platform', 'DNS-1123 label');
});

test('a cluster the layout does not have is refused', () => {
  expectPropError(() => render({ clusters: ['platfrom'] }), 'outputs[1].clusters', ['platfrom'], 'clusters of the layout\'s environments: platform');
});

test('a gate image without a pinned tag is refused', () => {
  expectPropError(() => layoutWith({ gateImage: 'registry.k8s.io/kubectl' }), 'outputs[1].gateImage', 'registry.k8s.io/kubectl', 'use a pinned image');
});

describe('an environment after another on the same revision, under Argo CD alone', () => {
  /** staging then production (after staging) on cluster "platform", each with `apps`, Argo CD the only output. */
  function gated(props: Partial<ArgoCdOutputProps>, productionApps = ['web']) {
    const layout = new GitOpsLayout({ outdir: 'unused', outputs: [GitOpsOutput.argoCd({ repoUrl: REPO, ...props })] });
    const staging = layout.addEnvironment('staging', { cluster: 'platform' });
    const production = layout.addEnvironment('production', { cluster: 'platform', after: [staging] });
    new RollingApp(staging.addApp('web'), 'web', { name: 'web', image: 'ghcr.io/acme/web:2.1.0' });
    for (const app of productionApps) new RollingApp(production.addApp(app), app, { name: app, image: 'ghcr.io/acme/web:2.1.0' });
    return layout.render();
  }

  test('is refused, naming the revision prop and the opt-out (Argo CD would sync both at once)', () => {
    expectPropError(() => gated({ targetRevision: 'main' }), 'outputs[0].environmentRevisions.production', 'main',
      '"production" comes after "staging", but Argo CD syncs every commit of one revision in both at once (sync waves order only what the root applies); give production a branch of its own that CI moves once staging is healthy (environmentRevisions: { production: \'release\' }), or set allowUngatedEnvironments: true');
  });

  test('is accepted with a revision of its own, with allowUngatedEnvironments, or when the environments share no app', () => {
    expect(() => gated({ environmentRevisions: { production: 'release' } })).not.toThrow();
    expect(() => gated({ allowUngatedEnvironments: true })).not.toThrow();
    expect(() => gated({}, ['api'])).not.toThrow();
  });
});
