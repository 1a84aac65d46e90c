/**
 * The Argo CD folders of dist/ (the examples on both outputs): wired as
 * Argo CD reads them, the environments example ordered by sync waves, and
 * the fields controllers change left alone.
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

test('the environments example: production\'s Application comes in a later sync wave than staging\'s', () => {
  const waveOf = (name: string) => Number(parse(`argocd/platform/apps/application-${name}.yaml`).metadata.annotations['argocd.argoproj.io/sync-wave']);
  expect(waveOf('production-podinfo')).toBeGreaterThan(waveOf('staging-podinfo'));
});

test('an Argo Rollouts app: only the fields the controller writes are ignored and kept live (selector hash, its annotation, route weights and label)', () => {
  const app = parse('argocd/demo/apps/application-demo-rollouts-canary.yaml');
  const fields = (d: any) => [...d.jsonPointers ?? [], ...d.jqPathExpressions ?? []].join(' ');
  expect(app.spec.ignoreDifferences.map((d: any) => `${d.kind}/${d.name} ${fields(d)}`)).toEqual([
    'Service/podinfo /spec/selector/rollouts-pod-template-hash /metadata/annotations/argo-rollouts.argoproj.io~1managed-by-rollouts',
    'Service/podinfo-canary /spec/selector/rollouts-pod-template-hash /metadata/annotations/argo-rollouts.argoproj.io~1managed-by-rollouts',
    'HTTPRoute/podinfo /metadata/labels/rollouts.argoproj.io~1gatewayapi-canary .spec.rules[].backendRefs[].weight',
  ]);
  expect(app.spec.syncOptions ?? app.spec.syncPolicy.syncOptions).toContain('RespectIgnoreDifferences=true');
});
