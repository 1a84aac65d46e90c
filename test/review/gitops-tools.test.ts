import { ARGO_CD, deletesWhenRemoved, FLUX, prunes, revisionOf, toolWords, upstreamOf } from '../../lib/review/gitops-tools';

test('the tools in words: one, both, or Flux when the output holds no control folder', () => {
  expect([toolWords([FLUX]), toolWords([ARGO_CD]), toolWords([FLUX, ARGO_CD]), toolWords([])]).toEqual(['Flux', 'Argo CD', 'Flux or Argo CD', 'Flux']);
});

test('an Application: its revision (one source or the first of several), what it comes after, whether it prunes and deletes when removed', () => {
  const app = {
    metadata: { annotations: { 'cdk8s-delivery/after': 'staging-web,staging-api' }, finalizers: ['resources-finalizer.argocd.argoproj.io'] },
    spec: { sources: [{ targetRevision: 'release' }, { targetRevision: 'release' }], syncPolicy: { automated: { prune: true } } },
  };
  const control = { tool: ARGO_CD, name: 'production-web', after: app };
  expect([revisionOf(app), revisionOf({ spec: { source: { targetRevision: 'HEAD' } } })]).toEqual(['release', 'HEAD']);
  expect([upstreamOf(control), prunes(control, 'after'), deletesWhenRemoved(control)]).toEqual([['staging-web', 'staging-api'], true, true]);
  expect(deletesWhenRemoved({ tool: ARGO_CD, name: 'x', before: { metadata: {} } })).toBe(false);
});

test('a Kustomization: its dependsOn, and it deletes what it applied when removed only if it prunes', () => {
  const control = { tool: FLUX, name: 'production-web', before: { spec: { prune: true, dependsOn: [{ name: 'staging-web' }] } } };
  expect([upstreamOf(control), prunes(control, 'before'), deletesWhenRemoved(control)]).toEqual([['staging-web'], true, true]);
  expect(deletesWhenRemoved({ tool: FLUX, name: 'x', before: { spec: { prune: false } } })).toBe(false);
});
