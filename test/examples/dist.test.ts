import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { defineExamples, exampleLayoutProps } from '../../examples/main';
import { GitOpsLayout } from '../../lib';
import { podSpecOf, pssViolations } from '../support/pss';
import { missingSchemas, schemaErrors } from '../support/schema';

const DIST = path.resolve(__dirname, '..', '..', 'dist');

function listFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => entry.isDirectory()
    ? listFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`)
    : [`${prefix}${entry.name}`]).sort();
}

function manifests(): Array<{ file: string; obj: any }> {
  return listFiles(DIST)
    .filter(f => f.endsWith('.yaml') && path.basename(f) !== 'kustomization.yaml')
    .flatMap(file => YAML.parseAllDocuments(fs.readFileSync(path.join(DIST, file), 'utf8')).map(d => ({ file, obj: d.toJS() })));
}

const fresh = () => defineExamples(new GitOpsLayout({ ...exampleLayoutProps(), outdir: DIST })).render();

test('the committed dist/ equals a fresh synth of the examples (run `npm run synth` after changing code)', () => {
  const rendered = fresh();
  expect(listFiles(DIST)).toEqual(Object.keys(rendered).sort());
  for (const [file, content] of Object.entries(rendered)) {
    expect({ file, content: fs.readFileSync(path.join(DIST, file), 'utf8') }).toEqual({ file, content });
  }
});

test('synthesizing twice gives identical bytes', () => {
  expect(fresh()).toEqual(fresh());
});

test('the upstream schemas in schemas/ are present', () => {
  const missing = missingSchemas();
  if (missing) process.stderr.write(`\n\n!!!!!!!! ${missing} !!!!!!!!\n\n`);
  expect(missing).toBeUndefined();
});

test('every object in dist/ validates strictly against the Kubernetes 1.28 schema and the CRDs in schemas/', () => {
  const all = manifests();
  expect(all.length).toBeGreaterThan(0);
  expect(all.flatMap(({ file, obj }) => schemaErrors(obj).map(e => `${file}: ${e}`))).toEqual([]);
});

test('every pod template in dist/ passes Pod Security Standards "restricted"', () => {
  const pods = manifests().filter(({ obj }) => podSpecOf(obj));
  expect(pods.length).toBeGreaterThan(0);
  expect(pods.flatMap(({ file, obj }) => pssViolations(podSpecOf(obj)).map(v => `${file}: ${v}`))).toEqual([]);
});

test('each app folder lists exactly its manifests in kustomization.yaml, and cluster folders have none', () => {
  const files = listFiles(DIST);
  const kustomizations = files.filter(f => path.basename(f) === 'kustomization.yaml');
  expect(kustomizations.length).toBeGreaterThan(0);
  for (const k of kustomizations) {
    const folder = path.dirname(k);
    // entries without .yaml are folders with a kustomization.yaml of their own
    const listed = YAML.parse(fs.readFileSync(path.join(DIST, k), 'utf8')).resources.filter((r: string) => r.endsWith('.yaml')).sort();
    const present = files.filter(f => path.dirname(f) === folder && f !== k && f.endsWith('.yaml')).map(f => path.basename(f)).sort();
    expect({ folder, listed }).toEqual({ folder, listed: present });
  }
  expect(files.filter(f => f.startsWith('clusters/') && path.basename(f) === 'kustomization.yaml')).toEqual([]);
});

test('every Flux Kustomization reading this repository points at a folder that exists and holds manifests', () => {
  const ks = manifests().filter(({ obj }) => obj.kind === 'Kustomization' && obj.apiVersion === 'kustomize.toolkit.fluxcd.io/v1' && obj.spec.sourceRef.name === 'flux-system');
  expect(ks.length).toBeGreaterThan(0);
  for (const { obj } of ks) {
    const folder = path.join(DIST, obj.spec.path.replace(/^\.\/dist\/?/, ''));
    expect(fs.existsSync(path.join(folder, 'kustomization.yaml'))).toBe(true);
  }
});

test('every Flux dependsOn names a Kustomization of the same cluster folder in dist/, and every source a Kustomization or HelmRelease reads is there too', () => {
  const all = manifests();
  const clusterOf = (file: string) => file.split('/').slice(0, 2).join('/');
  const ks = all.filter(({ obj }) => obj.kind === 'Kustomization' && obj.apiVersion === 'kustomize.toolkit.fluxcd.io/v1');
  const known = new Set(ks.map(({ file, obj }) => `${clusterOf(file)}/${obj.metadata.namespace}/${obj.metadata.name}`));
  const dangling = ks.flatMap(({ file, obj }) => (obj.spec.dependsOn ?? [])
    .map((d: any) => `${clusterOf(file)}/${d.namespace ?? obj.metadata.namespace}/${d.name}`)
    .filter((key: string) => !known.has(key)));
  expect(dangling).toEqual([]);
  // the repository itself is bootstrap's flux-system; every other source is defined beside its reader
  const sources = new Set(all.filter(({ obj }) => obj.apiVersion?.startsWith('source.toolkit.fluxcd.io/')).map(({ obj }) => `${obj.kind}/${obj.metadata.namespace}/${obj.metadata.name}`));
  const refs = all.flatMap(({ obj }) => {
    if (obj.kind === 'Kustomization' && obj.spec.sourceRef.name !== 'flux-system') return [`${obj.spec.sourceRef.kind}/${obj.metadata.namespace}/${obj.spec.sourceRef.name}`];
    if (obj.kind === 'HelmRelease') {
      const ref = obj.spec.chartRef ?? obj.spec.chart.spec.sourceRef;
      return [`${ref.kind}/${ref.namespace ?? obj.metadata.namespace}/${ref.name}`];
    }
    return [];
  });
  expect(refs.length).toBeGreaterThan(0);
  expect(refs.filter(r => !sources.has(r))).toEqual([]);
});

test('every cluster installs what its apps need before them: Flagger where a Canary is, the Gateway API CRDs where routes are', () => {
  const all = manifests();
  for (const cluster of ['demo', 'platform']) {
    const k = (name: string) => all.find(({ file, obj }) => file.startsWith(`clusters/${cluster}/`) && obj.kind === 'Kustomization' && obj.metadata.name === name)?.obj;
    expect(k('infra-controllers').spec).toMatchObject({ wait: true, path: `./dist/infrastructure/${cluster}/controllers`, dependsOn: [{ name: 'infra-gateway-api' }] });
    expect(k('infra-gateway-api').spec).toMatchObject({ wait: true, deletionPolicy: 'Orphan' });
    const apps = all.filter(({ file, obj }) => file.startsWith(`clusters/${cluster}/`) && obj.kind === 'Kustomization' && obj.metadata.labels?.['cdk8s-delivery/environment']);
    expect(apps.length).toBeGreaterThan(0);
    for (const { obj } of apps) expect(obj.spec.dependsOn).toEqual(expect.arrayContaining([{ name: 'infra-gateway-api' }, { name: 'infra-controllers' }]));
    const releases = all.filter(({ file, obj }) => file.startsWith(`infrastructure/${cluster}/`) && obj.kind === 'HelmRelease').map(({ obj }) => obj.metadata.name);
    expect(releases.sort()).toEqual(['flagger', 'flagger-loadtester']);
  }
});

test('every app folder has a rollout plan in dist/plans/ (Markdown and JSON), listed in the index, and plans hold no manifests', () => {
  const files = listFiles(DIST);
  const appFolders = files.filter(f => path.basename(f) === 'kustomization.yaml' && !f.startsWith('argocd/') && !f.startsWith('infrastructure/')).map(f => path.dirname(f));
  expect(appFolders.length).toBeGreaterThan(0);
  const index = fs.readFileSync(path.join(DIST, 'plans', 'README.md'), 'utf8');
  for (const folder of appFolders) {
    expect(files).toContain(`plans/${folder}.md`);
    expect(JSON.parse(fs.readFileSync(path.join(DIST, 'plans', `${folder}.json`), 'utf8')).plans.length).toBeGreaterThan(0);
    expect(index).toContain(`(${folder}.md)`);
  }
  expect(files.filter(f => f.startsWith('plans/') && !f.endsWith('.md') && !f.endsWith('.json'))).toEqual([]);
});

describe('npm run synth', () => {
  const run = (outdir: string, env: Record<string, string> = {}) => require('child_process').spawnSync(
    process.execPath, ['--import', 'tsx', path.join(__dirname, '..', '..', 'examples', 'main.ts')],
    { env: { ...process.env, CDK8S_OUTDIR: outdir, ...env }, encoding: 'utf8' });

  test('writes the same files as render(), keeps files it did not write, and says what it did', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-'));
    fs.mkdirSync(path.join(outdir, 'clusters', 'platform', 'flux-system'), { recursive: true });
    fs.writeFileSync(path.join(outdir, 'clusters', 'platform', 'flux-system', 'gotk-sync.yaml'), 'bootstrap\n');
    const result = run(outdir);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^synthesized \d+ app folders, \d+ objects into .*: \d+ files written, 0 removed, in [0-9.]+s$/m);
    expect(listFiles(outdir)).toEqual([...Object.keys(fresh()), 'clusters/platform/flux-system/gotk-sync.yaml'].sort());
    expect(fs.readFileSync(path.join(outdir, 'clusters', 'platform', 'flux-system', 'gotk-sync.yaml'), 'utf8')).toBe('bootstrap\n');
  });
});
