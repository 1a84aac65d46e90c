/**
 * The Argo CD folders of dist/ (the examples on both outputs): wired as
 * Argo CD reads them, the environments example's production on a branch
 * CI moves after staging, and the fields controllers change left alone.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { argoWiringProblems } from '../support/argocd-wiring';

const DIST = path.resolve(__dirname, '..', '..', 'dist');

function readAll(dir: string, prefix = ''): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => (e.isDirectory()
    ? Object.entries(readAll(path.join(dir, e.name), `${prefix}${e.name}/`))
    : [[`${prefix}${e.name}`, fs.readFileSync(path.join(dir, e.name), 'utf8')]])));
}

const files = readAll(DIST);
const parse = (file: string) => YAML.parse(files[file]);

test('dist/ has an Argo CD folder for each cluster, with a root Application per cluster', () => {
  expect(Object.keys(files).filter(f => /^argocd\/[^/]+\/bootstrap\/application-/.test(f))).toEqual([
    'argocd/demo/bootstrap/application-demo-root.yaml', 'argocd/platform/bootstrap/application-platform-root.yaml',
  ]);
});

test('every Application source holds a kustomization.yaml, no folder has two Applications, every project allows what its Applications apply', () => {
  expect(argoWiringProblems(files)).toEqual([]);
});

test('every app folder has exactly one Application, and every Application of an app folder one of them', () => {
  // the infrastructure is Flux's (HelmReleases): Argo CD users install the controllers their own way
  const appFolders = Object.keys(files).filter(f => f.endsWith('/kustomization.yaml') && !f.startsWith('argocd/') && !f.startsWith('infrastructure/')).map(f => `dist/${path.dirname(f)}`).sort();
  const sources = Object.keys(files).filter(f => /^argocd\/[^/]+\/apps\/application-/.test(f)).map(parse)
    .flatMap(a => a.spec.sources ?? [a.spec.source]).map((s: any) => s.path).filter((p: string) => !p.startsWith('dist/argocd/')).sort();
  expect(sources).toEqual(appFolders);
});

test('the environments example: production follows the branch "release", which CI moves once staging is healthy (sync waves alone would not hold it)', () => {
  const revisions = (name: string) => parse(`argocd/platform/apps/application-${name}.yaml`).spec.sources.map((s: any) => s.targetRevision);
  expect([revisions('staging-podinfo'), revisions('production-podinfo')]).toEqual([['HEAD', 'HEAD'], ['release', 'release']]);
  expect(files['plans/staging/podinfo.md']).toContain('argocd app wait staging-podinfo --sync --health --timeout 420 && git push origin HEAD:release');
});

test('an Argo Rollouts app: the Service selectors and route rules the controller switches are ignored and kept live', () => {
  const app = parse('argocd/demo/apps/application-demo-rollouts-canary.yaml');
  expect(app.spec.ignoreDifferences.map((d: any) => `${d.kind}/${d.name}${d.jsonPointers.join(',')}`)).toEqual([
    'Service/podinfo/spec/selector', 'Service/podinfo-canary/spec/selector', 'HTTPRoute/podinfo/spec/rules',
  ]);
  expect(app.spec.syncOptions ?? app.spec.syncPolicy.syncOptions).toContain('RespectIgnoreDifferences=true');
});
