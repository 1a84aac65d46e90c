/**
 * The library inside a user's existing cdk8s App: their own charts beside
 * ours, `app.synth()` and `GitOpsLayout.synth()` in one program, into one
 * output folder or two, and our apps in a plain Chart without a layout.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { CanaryApp, CanaryProvider, FlaggerLoadTester, GitOpsLayout, RollingApp, Validator } from '../../lib';

const IMAGE = 'ghcr.io/acme/web:2.1.0';

/** Every file under `dir`, relative to it, with its content. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const file = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(file);
      else out[file] = fs.readFileSync(path.join(dir, file), 'utf8');
    }
  };
  walk('');
  return out;
}

/**
 * A user's program: an App with a chart of their own (a ConfigMap) and a
 * chart holding our RollingApp, and a layout beside it deploying another app.
 */
function program(appOutdir: string, layoutOutdir?: string) {
  const app = new App({ outdir: appOutdir });
  const own = new Chart(app, 'platform', { namespace: 'platform' });
  new k8s.KubeConfigMap(own, 'settings', { metadata: { name: 'settings' }, data: { region: 'eu-west-1' } });
  const mixed = new Chart(app, 'shop', { namespace: 'shop' });
  new RollingApp(mixed, 'web', { name: 'web', image: IMAGE });
  const layout = new GitOpsLayout({ scope: app, outdir: layoutOutdir });
  new RollingApp(layout.addEnvironment('prod').addApp('api'), 'api', { name: 'api', image: IMAGE });
  return { app, layout };
}

const APP_FILES = ['platform.k8s.yaml', 'shop.k8s.yaml'];
const LAYOUT_FILES = ['.cdk8s-delivery.json', 'clusters/prod/kustomization-prod-api.yaml', 'prod/api/deployment-api.yaml', 'plans/prod/api.md'];

describe('next to an existing cdk8s App', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'existing-app-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('the layout is a construct of the App and writes to its outdir by default', () => {
    const { app, layout } = program(path.join(dir, 'dist'));
    expect(layout.node.scope).toBe(app);
    expect(layout.outdir).toBe(app.outdir);
  });

  test('one outdir: app.synth() and layout.synth(), in either order and on every run, keep each other\'s files', () => {
    const outdir = path.join(dir, 'dist');
    fs.mkdirSync(outdir);
    fs.writeFileSync(path.join(outdir, 'NOTES.md'), '# hand-written\n');

    const first = program(outdir);
    first.app.synth();
    first.layout.synth();
    const afterFirst = tree(outdir);
    expect(Object.keys(afterFirst)).toEqual(expect.arrayContaining([...APP_FILES, ...LAYOUT_FILES, 'NOTES.md']));
    expect(afterFirst['shop.k8s.yaml']).toContain('kind: Deployment');
    // the layout records only its own files: the App's and the hand-written one stay foreign
    expect(JSON.parse(afterFirst['.cdk8s-delivery.json']).files).not.toEqual(expect.arrayContaining(['platform.k8s.yaml']));

    const second = program(outdir);
    second.layout.synth();
    expect(tree(outdir)).toEqual(afterFirst);
    second.app.synth();
    expect(tree(outdir)).toEqual(afterFirst);
  });

  test('two outdirs: each synth writes only its own folder', () => {
    const { app, layout } = program(path.join(dir, 'manifests'), path.join(dir, 'gitops'));
    app.synth();
    layout.synth();
    expect(Object.keys(tree(path.join(dir, 'manifests'))).sort()).toEqual(APP_FILES);
    expect(Object.keys(tree(path.join(dir, 'gitops')))).toEqual(expect.arrayContaining(LAYOUT_FILES));
    expect(Object.keys(tree(path.join(dir, 'gitops'))).filter(f => f.endsWith('.k8s.yaml'))).toEqual([]);
  });

  test('a layout that stops deploying an app removes its files, never the App\'s', () => {
    const outdir = path.join(dir, 'dist');
    const first = program(outdir);
    first.app.synth();
    first.layout.synth();
    const app = new App({ outdir });
    const layout = new GitOpsLayout({ scope: app });
    new RollingApp(layout.addEnvironment('prod').addApp('other'), 'other', { name: 'other', image: IMAGE });
    const summary = layout.synth();
    const files = Object.keys(tree(outdir));
    expect(summary.filesRemoved).toBeGreaterThan(0);
    expect(files).toEqual(expect.arrayContaining(APP_FILES));
    expect(files.filter(f => f.startsWith('prod/api/'))).toEqual([]);
  });
});

describe('our apps in a plain App and Chart, without a layout', () => {
  function plainApp(outdir: string) {
    const app = new App({ outdir });
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    const loadtester = new FlaggerLoadTester(chart, 'loadtester');
    const web = new CanaryApp(chart, 'web', {
      name: 'web',
      image: IMAGE,
      provider: CanaryProvider.gatewayApi({ gatewayRefs: [{ name: 'public', namespace: 'gateway-system' }], hosts: ['web.example.com'] }),
      analysis: { stepWeight: 25, maxWeight: 50, webhooks: [loadtester.tester.heyLoadTest({ url: 'http://web-canary.shop/' })] },
    });
    return { app, chart, web };
  }

  test('app.synth() writes the chart, the plan renders, and the output validates', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'plain-app-'));
    const { app, web } = plainApp(outdir);
    app.synth();
    expect(fs.readFileSync(path.join(outdir, 'shop.k8s.yaml'), 'utf8')).toContain('kind: Canary');
    const markdown = web.plan.toMarkdown({ gitOpsCommands: ['flux reconcile kustomization shop'] });
    expect(markdown).toContain('25%');
    expect(markdown).toContain('flux reconcile kustomization shop');
    expect(Validator.validate(app)).toEqual([]);
    expect(() => Validator.validateOrThrow(app)).not.toThrow();
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  test('Validator finds what app.synth() writes silently: a second app of the same name in the namespace', () => {
    const { app, chart } = plainApp(os.tmpdir());
    new RollingApp(new Chart(app, 'shop-extra', { namespace: 'shop' }), 'web', { name: 'web', image: IMAGE });
    new ApiObject(chart, 'note', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'note' }, data: { a: 'b' } });
    const findings = Validator.validate(app).filter(f => f.rule === 'ownership');
    expect(findings.map(f => f.object).sort()).toEqual(['Deployment shop/web', 'PodDisruptionBudget shop/web', 'Service shop/web']);
    // Flagger creates the Service web of the CanaryApp at runtime: the RollingApp's would fight with it
    expect(findings.find(f => f.object === 'Service shop/web')!.message).toContain('the controller of shop (Flagger canary (progressive weights)) creates this object at runtime');
    expect(() => Validator.validateOrThrow(app)).toThrow(/Deployment shop\/web: \/metadata\/name: shop applies an object of the same kind, namespace and name/);
  });
});
