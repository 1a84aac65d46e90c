/**
 * The TypeScript snippets of README.md run: each is transpiled and executed
 * against the library (as `cdk8s-delivery`), and the objects it defines
 * validate. Snippets with `...` placeholders are illustrations and are only
 * listed; the others get what they use but do not define (a `chart`, the
 * library's exports, `kplus`, ...).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as ts from 'typescript';
import * as lib from '../lib';

const ROOT = path.resolve(__dirname, '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

interface Snippet {
  readonly heading: string;
  readonly line: number;
  readonly code: string;
}

/** The ```ts blocks of README.md, with the heading they are under. */
function snippets(): Snippet[] {
  const out: Snippet[] = [];
  let heading = '';
  const lines = README.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].startsWith('#')) heading = lines[i].replace(/^#+ /, '');
    if (lines[i] !== '```ts') continue;
    const end = lines.indexOf('```', i + 1);
    out.push({ heading, line: i + 1, code: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return out;
}

/** `...` that is not a spread: a placeholder for code the reader fills in. */
const PLACEHOLDER = /\.\.\.(?![\w[{(])/;

/** What snippets may use without defining it. */
function context(): Record<string, unknown> {
  const chart = new Chart(Testing.app(), 'demo', { namespace: 'demo' });
  return {
    ...lib,
    kplus,
    chart,
    infra: new Chart(Testing.app(), 'infra'),
    blue: { image: 'nginxinc/nginx-unprivileged:1.16-alpine' },
    green: { image: 'nginxinc/nginx-unprivileged:1.17-alpine' },
  };
}

/** What to take from a snippet's run. */
interface RunOptions {
  /** A variable of the snippet to return. */
  readonly result?: string;
  /** Looks at the working folder before it is removed. */
  readonly inspect?: (dir: string) => void;
}

/**
 * Runs a snippet (CommonJS, `cdk8s-delivery` being the library) with what it
 * uses from `given`, in a temporary working folder whose `dist/` is
 * $CDK8S_OUTDIR.
 */
function run(code: string, given: Record<string, unknown>, options: RunOptions = {}): any {
  const source = options.result ? `${code}\nreturn ${options.result};` : code;
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
  const declared = (name: string) => new RegExp(`\\b(const|let|var|class|function)\\s+${name}\\b|\\bimport\\b[^;]*\\b${name}\\b`).test(code);
  const names = Object.keys(given).filter(n => !declared(n) && new RegExp(`\\b${n}\\b`).test(code));
  const requireIn = (id: string) => (id === 'cdk8s-delivery' ? lib : require(id));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-'));
  const saved = { cwd: process.cwd(), outdir: process.env.CDK8S_OUTDIR };
  process.chdir(dir);
  process.env.CDK8S_OUTDIR = path.join(dir, 'dist');
  try {
    const value = new Function('require', 'exports', ...names, js)(requireIn, {}, ...names.map(n => given[n]));
    options.inspect?.(dir);
    return value;
  } finally {
    process.chdir(saved.cwd);
    process.env.CDK8S_OUTDIR = saved.outdir;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The files under `dir`, relative to it. */
function filesUnder(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap(e => (e.isDirectory() ? filesUnder(dir, `${rel}${e.name}/`) : [`${rel}${e.name}`]));
}

/** The snippet under the heading that starts with `heading`. */
const snippetUnder = (heading: string) => all.find(s => s.heading.startsWith(heading))!.code;

const all = snippets();
const runnable = all.filter(s => !PLACEHOLDER.test(s.code));

test('the illustrations (snippets with "..." placeholders) are the known ones', () => {
  expect(all.filter(s => PLACEHOLDER.test(s.code)).map(s => s.heading)).toEqual(['What a production service needs', 'Flagger or Argo Rollouts', 'Environments and gated promotion']);
});

describe.each(runnable.map(s => [`${s.heading} (README.md:${s.line})`, s] as [string, Snippet]))('%s', (_name, snippet) => {
  test('runs, and what it defines validates', () => {
    const given = context();
    run(snippet.code, given);
    for (const chart of [given.chart, given.infra] as Chart[]) lib.Validator.validateOrThrow(chart);
  });
});

test('the BlueGreenApp snippet mounts index.html where nginx serves it', () => {
  const snippet = runnable.find(s => s.heading.startsWith('BlueGreenApp'))!;
  const given = context();
  run(snippet.code, given);
  const deployment = Testing.synth(given.chart as Chart).find(o => o.kind === 'Deployment' && o.metadata.name === 'web-blue');
  expect(deployment.spec.template.spec.containers[0].volumeMounts).toContainEqual(expect.objectContaining({ mountPath: '/usr/share/nginx/html' }));
});

test('the quick start writes the layout it shows', () => {
  let files: string[] = [];
  run(snippetUnder('Quick start'), {}, { inspect: dir => files = filesUnder(dir) });
  expect(files.filter(f => f.startsWith('dist/demo/')).sort()).toEqual(['deployment-random-generator.yaml', 'httproute-random-generator.yaml', 'kustomization.yaml', 'poddisruptionbudget-random-generator.yaml', 'service-random-generator.yaml'].map(f => `dist/demo/random-generator/${f}`));
  expect(files.filter(f => f.startsWith('dist/clusters/')).sort()).toEqual(['dist/clusters/demo/kustomization-demo-random-generator.yaml', 'dist/clusters/demo/namespace-random-generator.yaml']);
});

test('in an existing app: the charts, the plan and the layout go where the comments say', () => {
  let files: string[] = [];
  run(snippetUnder('Using it in an existing cdk8s app'), {}, { inspect: dir => files = filesUnder(dir) });
  expect(files).toEqual(expect.arrayContaining(['dist/shop.k8s.yaml', 'dist/web-rollout.md']));
  const layoutSnippet = all.filter(s => s.heading.startsWith('Using it in an existing cdk8s app'))[1].code;
  run(layoutSnippet, {}, { inspect: dir => files = filesUnder(dir) });
  expect(files).toEqual(expect.arrayContaining(['dist/platform.k8s.yaml', 'gitops/prod/web/deployment-web.yaml', 'gitops/prod/platform/configmap-settings.yaml',
    'gitops/clusters/prod/kustomization-prod-web.yaml', 'gitops/clusters/prod/kustomization-prod-platform.yaml', 'gitops/plans/prod/web.md']));
});

test('the finding the validation section shows is the one validate returns', () => {
  const findings = run(snippetUnder('Validating your own manifests'), {}, { result: 'findings' });
  const shown = /```\n(\{ rule[^`]*)```/.exec(README.slice(README.indexOf('## Validating your own manifests')))![1];
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  expect(findings).toEqual([new Function(`return (${shown.replace(/\n\s*/g, ' ')});`)()]);
});
