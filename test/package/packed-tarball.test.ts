/**
 * The package as users get it: `npm pack` of the compiled library, installed
 * offline into a scratch cdk8s app outside the repository, whose `main.ts`
 * (type-checked against the installed package) puts a CanaryApp in a plain
 * Chart of a plain App, and `cdk8s synth` there. The peers (cdk8s,
 * constructs, cdk8s-plus-28) and the cdk8s CLI come from this repository's
 * node_modules: nothing is downloaded.
 */
import { spawnSync, SpawnSyncOptions } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import * as YAML from 'yaml';

const ROOT = path.resolve(__dirname, '..', '..');
const NODE_MODULES = path.join(ROOT, 'node_modules');
/** What the scratch app takes from this repository's node_modules. */
const FROM_REPO = ['cdk8s', 'constructs', 'cdk8s-plus-28', 'cdk8s-cli'];
/** No upgrade check (it asks the registry); the cdk8s CLI sets the app's output folder itself. */
const ENV: NodeJS.ProcessEnv = { ...process.env, CDK8S_CHECK_UPGRADE: 'false' };
delete ENV.CDK8S_OUTDIR;

const MAIN_TS = `import * as fs from 'fs';
import { App, Chart } from 'cdk8s';
import { CanaryApp, CanaryProvider, FlaggerLoadTester, Validator } from 'cdk8s-delivery';

const app = new App();
const chart = new Chart(app, 'shop', { namespace: 'shop' });
const loadtester = new FlaggerLoadTester(chart, 'loadtester');
const web = new CanaryApp(chart, 'web', {
  name: 'web',
  image: 'ghcr.io/acme/web:1.0.0',
  provider: CanaryProvider.gatewayApi({ gatewayRefs: [{ name: 'public', namespace: 'gateway-system' }], hosts: ['web.example.com'] }),
  analysis: { stepWeight: 20, maxWeight: 60, webhooks: [loadtester.tester.heyLoadTest({ url: 'http://web-canary.shop/' })] },
});

Validator.validateOrThrow(app);
app.synth();
fs.writeFileSync(app.outdir + '/web-plan.md', web.plan.toMarkdown());
`;

let work: string;
let scratch: string;
let packedFiles: string[];
let synth: ReturnType<typeof spawnSync>;

/** Runs a command; its output, or an Error with it when it fails. */
function run(command: string, args: string[], options: SpawnSyncOptions = {}): { stdout: string; stderr: string } {
  const result = spawnSync(command, args, { env: ENV, ...options, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return { stdout: result.stdout, stderr: result.stderr };
}

/** Compiles main.ts the way a user's tsconfig with Node16 resolution would: types come through `exports`. */
function compile(file: string): string[] {
  const program = ts.createProgram([file], {
    module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, target: ts.ScriptTarget.ES2020,
    strict: true, skipLibCheck: true, types: ['node'], typeRoots: [path.join(NODE_MODULES, '@types')],
  });
  const emitted = program.emit();
  return [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics].map(d => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

beforeAll(() => {
  // `npm test` compiles lib/ into out/ (jsii) before jest; a lone run of this file builds it first
  if (!fs.existsSync(path.join(ROOT, 'out', 'index.js'))) run('npx', ['jsii', '--silence-warnings=reserved-word', '--silence-warnings=metadata/missing-dev-dependency'], { cwd: ROOT });
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-delivery-pack-'));
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT }).stdout);
  packedFiles = packed.files.map((f: { path: string }) => f.path);

  scratch = path.join(work, 'app');
  fs.mkdirSync(scratch);
  fs.writeFileSync(path.join(scratch, 'package.json'), JSON.stringify({ name: 'scratch-app', version: '0.0.0', private: true }));
  // an empty cache and --offline: anything npm would have to download fails the install
  run('npm', ['install', path.join(work, packed.filename), '--offline', '--cache', path.join(work, 'npm-cache'), '--legacy-peer-deps', '--no-audit', '--no-fund', '--no-package-lock'], { cwd: scratch });
  for (const pkg of FROM_REPO) fs.symlinkSync(path.join(NODE_MODULES, pkg), path.join(scratch, 'node_modules', pkg), 'dir');

  fs.writeFileSync(path.join(scratch, 'cdk8s.yaml'), 'language: typescript\napp: node main.js\n');
  fs.writeFileSync(path.join(scratch, 'main.ts'), MAIN_TS);
  const diagnostics = compile(path.join(scratch, 'main.ts'));
  if (diagnostics.length) throw new Error(`main.ts does not compile against the installed package:\n${diagnostics.join('\n')}`);
  synth = spawnSync(process.execPath, [path.join(NODE_MODULES, 'cdk8s-cli', 'bin', 'cdk8s'), 'synth'], { cwd: scratch, encoding: 'utf8', env: ENV });
}, 180_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test('the tarball holds the compiled library, the schemas and the docs, and nothing else of the repository', () => {
  const own = packedFiles.filter(f => !f.startsWith('node_modules/'));
  expect(own).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'API.md', '.jsii', 'out/index.js', 'out/index.d.ts', 'out/validation/schemas.js',
    'schemas/SOURCES.md', 'schemas/kubernetes/v1.28.0-definitions.json', 'schemas/crds/flagger-canary.yaml', 'schemas/crds/flux-kustomization.yaml']));
  expect(own.filter(f => !/^(out\/.*\.(js|d\.ts)|schemas\/.*|package\.json|README\.md|LICENSE|API\.md|\.jsii)$/.test(f))).toEqual([]);
  // the dependencies run in users' synths, so they travel with the package
  expect([...new Set(packedFiles.filter(f => f.startsWith('node_modules/')).map(f => f.split('/')[1]))].sort()).toEqual(
    ['ajv', 'fast-deep-equal', 'fast-uri', 'json-schema-traverse', 'require-from-string', 'yaml']);
});

test('`cdk8s synth` in a scratch app with a CanaryApp in a plain Chart writes the Deployment and the Canary', () => {
  expect({ status: synth.status, stderr: synth.stderr }).toEqual({ status: 0, stderr: '' });
  const objects = YAML.parseAllDocuments(fs.readFileSync(path.join(scratch, 'dist', 'shop.k8s.yaml'), 'utf8')).map(d => d.toJS());
  const ids = objects.map(o => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`);
  expect(ids).toEqual(expect.arrayContaining(['Deployment shop/web', 'Canary shop/web', 'Deployment shop/flagger-loadtester']));
  const canary = objects.find(o => o.kind === 'Canary');
  expect(canary.spec.analysis).toMatchObject({ stepWeight: 20, maxWeight: 60 });
  expect(canary.spec.analysis.webhooks[0].url).toBe('http://flagger-loadtester.shop/');
  expect(fs.readFileSync(path.join(scratch, 'dist', 'web-plan.md'), 'utf8')).toContain('20%');
});

test("`import ... from 'cdk8s-delivery'` resolves through `exports`, from CommonJS and from an ES module; internals are not reachable", () => {
  const installed = fs.realpathSync(path.join(scratch, 'node_modules', 'cdk8s-delivery'));
  const resolve = (specifier: string) => spawnSync(process.execPath, ['-p', `require.resolve(${JSON.stringify(specifier)})`], { cwd: scratch, encoding: 'utf8', env: ENV });
  expect(resolve('cdk8s-delivery').stdout.trim()).toBe(path.join(installed, 'out', 'index.js'));
  expect(resolve('cdk8s-delivery/out/validation/schemas').stderr).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
  const esm = run(process.execPath, ['--input-type=module', '-e', "import { CanaryApp, GitOpsLayout, Validator } from 'cdk8s-delivery'; console.log([CanaryApp, GitOpsLayout, Validator].map(c => typeof c).join())"], { cwd: scratch });
  expect(esm.stdout.trim()).toBe('function,function,function');
});
