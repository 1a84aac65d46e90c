import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import * as YAML from 'yaml';
import { GitOpsLayout, RollingApp } from '../../lib';
import { expectValidManifests } from '../support/validate';

const IMAGE = 'ghcr.io/acme/web:2.1.0';

function layoutWithApp(outdir: string, name = 'web'): GitOpsLayout {
  const layout = new GitOpsLayout({ outdir });
  const env = layout.addEnvironment('prod');
  new RollingApp(env.addApp(name), name, { name, image: IMAGE });
  return layout;
}

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'layout-'));
}

const parse = (files: Record<string, string>, file: string) => YAML.parse(files[file]);

test('each app gets its own folder with a kustomization.yaml and one file per object', () => {
  const files = layoutWithApp(tmpdir()).render();
  expect(Object.keys(files)).toEqual([
    '.cdk8s-delivery.json',
    'clusters/prod/kustomization-prod-web.yaml',
    'clusters/prod/namespace-web.yaml',
    'plans/README.md',
    'plans/prod/web.json',
    'plans/prod/web.md',
    'prod/web/deployment-web.yaml',
    'prod/web/kustomization.yaml',
    'prod/web/poddisruptionbudget-web.yaml',
    'prod/web/service-web.yaml',
  ]);
  expect(parse(files, 'prod/web/kustomization.yaml')).toEqual({
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: ['deployment-web.yaml', 'service-web.yaml', 'poddisruptionbudget-web.yaml'],
  });
  expectValidManifests(Object.entries(files).filter(([f]) => f.endsWith('.yaml') && !f.endsWith('/kustomization.yaml')).map(([, c]) => YAML.parse(c)));
});

test('the Flux Kustomization of an app points at its folder, prunes, waits (as long as the Deployment may progress) and reads the bootstrap source', () => {
  const k = parse(layoutWithApp(tmpdir()).render(), 'clusters/prod/kustomization-prod-web.yaml');
  expect(k.metadata).toMatchObject({ name: 'prod-web', namespace: 'flux-system' });
  expect(k.spec).toEqual({
    interval: '10m', retryInterval: '2m', timeout: '10m', path: './dist/prod/web', prune: true, wait: true,
    sourceRef: { kind: 'GitRepository', name: 'flux-system' },
  });
});

describe('apps with a Flagger Canary', () => {
  const canaryLayout = (options: { timeout?: string; autoscale?: boolean } = {}) => {
    const { CanaryApp, CanaryProvider, Metric } = require('../../lib');
    const layout = new GitOpsLayout({ outdir: tmpdir() });
    const chart = layout.addEnvironment('prod').addApp('web', { timeout: options.timeout });
    const app = new CanaryApp(chart, 'web', {
      name: 'web', image: IMAGE, provider: CanaryProvider.nginx(), ingress: { className: 'nginx', hosts: ['web.example.com'] },
      autoscaling: options.autoscale ? { maxReplicas: 4 } : undefined,
      analysis: { interval: '2m', threshold: 3, stepWeight: 20, maxWeight: 60, metrics: [Metric.requestSuccessRate({ minPercent: 99 })] , hasSteadyTraffic: true },
    });
    return { layout, app };
  };

  test('Flux waits on the Canary phase and on web-primary running the release, with a timeout covering the analysis from the rollout plan', () => {
    const { layout, app } = canaryLayout();
    const k = parse(layout.render(), 'clusters/prod/kustomization-prod-web.yaml');
    // 3 steps of 2m to promote + 5 intervals = 960s = 16m
    expect(app.plan.completionBudgetSeconds).toBe(960);
    expect(k.spec.timeout).toBe('16m');
    expect(k.spec.healthCheckExprs[0]).toEqual({
      apiVersion: 'flagger.app/v1beta1', kind: 'Canary',
      inProgress: "has(status.phase) && status.phase in ['Initializing', 'Waiting', 'Progressing', 'WaitingPromotion', 'Promoting', 'Finalising']",
      failed: "has(status.phase) && status.phase == 'Failed'",
      current: "has(status.phase) && status.phase in ['Initialized', 'Succeeded']",
    });
    expect(k.spec.healthCheckExprs[1]).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment' });
    expect(k.spec.healthCheckExprs[1].current).toContain("metadata.name == 'web-primary'");
    expect(k.spec.healthChecks.map((c: any) => `${c.kind}/${c.name}`)).toEqual(['Deployment/web', 'Canary/web', 'Deployment/web-primary']);
  });

  test("Flux leaves the replicas of a Flagger target without HPA alone (Flagger scales it to zero)", () => {
    const files = canaryLayout().layout.render();
    expect(parse(files, 'clusters/prod/kustomization-prod-web.yaml').spec.ignore).toEqual([{ paths: ['/spec/replicas'], target: { kind: 'Deployment', name: 'web' } }]);
    expect(parse(canaryLayout({ autoscale: true }).layout.render(), 'clusters/prod/kustomization-prod-web.yaml').spec.ignore).toBeUndefined();
  });

  test('an explicit app timeout shorter than the rollout is refused', () => {
    expect(() => canaryLayout({ timeout: '10m' }).layout.render()).toThrow(/environment prod\/web: invalid 'timeout' \("10m"\): Flux waits for the rollout to finish, which takes up to 16m/);
  });

  test('the plan of each app is written outside every Flux path, with an index', () => {
    const files = canaryLayout().layout.render();
    expect(files['plans/prod/web.md']).toContain('kubectl -n web get canary web -w');
    expect(files['plans/README.md']).toContain('prod/web.md');
  });
});

test('the namespace of the app is created with PSS restricted enforced and is never pruned', () => {
  const ns = parse(layoutWithApp(tmpdir()).render(), 'clusters/prod/namespace-web.yaml');
  expect(ns.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
  expect(ns.metadata.annotations['kustomize.toolkit.fluxcd.io/prune']).toBe('disabled');
});

test('a GitRepository source, a repository path and dependencies are wired into the Flux objects', () => {
  const layout = new GitOpsLayout({
    outdir: tmpdir(), repositoryPath: './deploy/out', source: { name: 'platform', url: 'https://github.com/acme/platform', branch: 'release' }, externalKustomizations: ['flagger'],
  });
  const staging = layout.addEnvironment('staging', { cluster: 'shared', dependsOn: ['flagger'] });
  const prod = layout.addEnvironment('prod', { cluster: 'shared', after: [staging], timeout: '20m' });
  new RollingApp(staging.addApp('web'), 'web', { name: 'web', image: IMAGE });
  new RollingApp(prod.addApp('web', { namespace: 'web-prod' }), 'web', { name: 'web', image: IMAGE });
  const files = layout.render();
  expect(parse(files, 'clusters/shared/gitrepository-platform.yaml').spec).toEqual({ url: 'https://github.com/acme/platform', interval: '1m', ref: { branch: 'release' } });
  const prodK = parse(files, 'clusters/shared/kustomization-prod-web.yaml');
  expect(prodK.spec).toMatchObject({ path: './deploy/out/prod/web', timeout: '20m', dependsOn: [{ name: 'staging-web' }], sourceRef: { name: 'platform' } });
  expect(parse(files, 'clusters/shared/kustomization-staging-web.yaml').spec.dependsOn).toEqual([{ name: 'flagger' }]);
  expect(parse(files, 'prod/web/deployment-web.yaml').metadata.namespace).toBe('web-prod');
});

test('synth() writes the rendered files and deletes the files of apps it wrote before that were removed', () => {
  const outdir = tmpdir();
  const before = layoutWithApp(outdir);
  new RollingApp(before.allEnvironments[0].addApp('old'), 'old', { name: 'old', image: IMAGE });
  before.synth();
  expect(fs.existsSync(path.join(outdir, 'prod', 'old', 'deployment-old.yaml'))).toBe(true);
  const layout = layoutWithApp(outdir);
  const summary = layout.synth();
  expect(fs.existsSync(path.join(outdir, 'prod', 'old'))).toBe(false);
  expect(fs.readFileSync(path.join(outdir, 'prod', 'web', 'deployment-web.yaml'), 'utf8')).toBe(layout.render()['prod/web/deployment-web.yaml']);
  expect([summary.apps, summary.filesRemoved]).toEqual([1, 8]);
});

test('a failed synth leaves the previous output untouched', () => {
  const outdir = tmpdir();
  layoutWithApp(outdir).synth();
  const before = fs.readFileSync(path.join(outdir, 'prod', 'web', 'deployment-web.yaml'), 'utf8');
  const layout = layoutWithApp(outdir, 'api');
  const chart = layout.allEnvironments[0].addApp('broken');
  chart.node.addValidation({ validate: () => ['broken on purpose'] });
  new ApiObject(chart, 'x', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
  expect(() => layout.synth()).toThrow(/broken on purpose/);
  expect(fs.readFileSync(path.join(outdir, 'prod', 'web', 'deployment-web.yaml'), 'utf8')).toBe(before);
  expect(fs.existsSync(path.join(outdir, 'prod', 'api'))).toBe(false);
  expect(fs.readdirSync(path.dirname(outdir)).filter(f => f.startsWith(`.${path.basename(outdir)}-`))).toEqual([]);
});

test('a failing synth program exits non-zero and leaves dist/ untouched', () => {
  const outdir = tmpdir();
  layoutWithApp(outdir).synth();
  const snapshot = fs.readdirSync(outdir, { recursive: true }).sort();
  const script = `
    const { GitOpsLayout, RollingApp } = require(${JSON.stringify(path.resolve(__dirname, '..', '..', 'lib'))});
    const layout = new GitOpsLayout();
    new RollingApp(layout.addEnvironment('prod').addApp('web'), 'web', { name: 'web', image: 'nginx:latest' });
    layout.synth();`;
  const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { env: { ...process.env, CDK8S_OUTDIR: outdir }, encoding: 'utf8' });
  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain("invalid 'image' (\"nginx:latest\")");
  expect(fs.readdirSync(outdir, { recursive: true }).sort()).toEqual(snapshot);
});

test('an environment with an app folder that would be empty is refused (its pruning Kustomization would delete everything)', () => {
  const layout = layoutWithApp(tmpdir());
  layout.allEnvironments[0].addApp('empty');
  expect(() => layout.render()).toThrow(/environment prod: invalid 'apps.empty' \("prod\/empty"\): the app folder would be empty/);
});

test('a layout without apps is refused', () => {
  const layout = new GitOpsLayout({ outdir: tmpdir() });
  layout.addEnvironment('prod');
  expect(() => layout.render()).toThrow(/invalid 'environments' \(\["prod"\]\): add at least one app/);
});

test('two apps with the same name in one environment are refused', () => {
  const env = new GitOpsLayout({ outdir: tmpdir() }).addEnvironment('prod');
  env.addApp('web');
  expect(() => env.addApp('web')).toThrow(/environment prod: invalid 'addApp\(name\)' \("web"\): app names must be unique/);
});

test('two environments with the same name are refused', () => {
  const layout = new GitOpsLayout({ outdir: tmpdir() });
  layout.addEnvironment('prod');
  expect(() => layout.addEnvironment('prod')).toThrow(/invalid 'addEnvironment\(name\)' \("prod"\)/);
});

test("an environment listed in 'after' must belong to the same layout", () => {
  const other = new GitOpsLayout({ outdir: tmpdir() }).addEnvironment('staging');
  expect(() => new GitOpsLayout({ outdir: tmpdir() }).addEnvironment('prod', { after: [other] })).toThrow(/environment prod: invalid 'after' \("staging"\)/);
});

test('environment and app names must be DNS labels', () => {
  const layout = new GitOpsLayout({ outdir: tmpdir() });
  expect(() => layout.addEnvironment('Prod')).toThrow(/environment Prod: invalid 'name' \("Prod"\)/);
  expect(() => layout.addEnvironment('prod').addApp('web_app')).toThrow(/invalid 'addApp\(name\)' \("web_app"\)/);
});

test('environment durations are checked', () => {
  expect(() => new GitOpsLayout({ outdir: tmpdir() }).addEnvironment('prod', { timeout: '5 minutes' })).toThrow(/invalid 'timeout' \("5 minutes"\)/);
});

test('an absolute or escaping repository path is refused', () => {
  expect(() => new GitOpsLayout({ repositoryPath: '/abs' })).toThrow(/GitOpsLayout: invalid 'repositoryPath' \("\/abs"\)/);
  expect(() => new GitOpsLayout({ repositoryPath: '../x' })).toThrow(/invalid 'repositoryPath' \("..\/x"\)/);
});

test('two objects of the same kind and name in one app folder are refused', () => {
  const layout = layoutWithApp(tmpdir());
  const chart = layout.allEnvironments[0].apps[0];
  new ApiObject(chart, 'dup', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'other' } });
  expect(() => layout.render()).toThrow(/prod\/web: invalid 'Service web' \("prod\/web\/service-web.yaml"\): two objects of the same kind and name/);
});

test('an app whose Flux Kustomization name <environment>-<app> exceeds 63 characters is refused when added', () => {
  const env = new GitOpsLayout({ outdir: tmpdir() }).addEnvironment('production');
  const name = 'a'.repeat(53);
  expect(() => env.addApp(name)).toThrow(new RegExp(`environment production: invalid 'addApp\\(name\\)' \\("${name}"\\): the Flux Kustomization "production-${name}"`));
});

test('only the app\'s own namespace is created; objects in other namespaces leave theirs alone', () => {
  const layout = layoutWithApp(tmpdir());
  new ApiObject(layout.allEnvironments[0].apps[0], 'shared', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shared', namespace: 'flagger-system' } });
  const files = Object.keys(layout.render());
  expect(files.filter(f => f.startsWith('clusters/prod/namespace-'))).toEqual(['clusters/prod/namespace-web.yaml']);
});

test('the plans watch the Flux Kustomization in the layout\'s Flux namespace', () => {
  const layout = new GitOpsLayout({ outdir: 'unused', fluxNamespace: 'gitops' });
  new RollingApp(layout.addEnvironment('prod').addApp('web'), 'web', { name: 'web', image: IMAGE });
  const plan = layout.render()['plans/prod/web.md'];
  expect(plan).toContain('flux -n gitops reconcile kustomization prod-web --with-source');
  expect(plan).not.toContain('flux-system');
});
