/**
 * The ways the benchmark synthesizes N apps of one bundle, each writing its
 * files into a fresh folder (on tmpfs when there is one, so that disk speed
 * does not count):
 *
 * - library: `GitOpsLayout` with one environment and N apps, `synth()`;
 * - library-unvalidated: the same with `validate: false` (what validation costs);
 * - floor: the same objects built as plain JS object literals, dumped with
 *   the `yaml` package (the one cdk8s uses, with cdk8s' options) and written
 *   into the same files: the least any synth path can do;
 * - plain cdk8s: one `App` with one `Chart` per app holding the same
 *   constructs (plus the Flux Kustomization and Namespace), `app.synth()`.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { FluxKustomization, FluxSourceKind, GitOpsLayout } from '../lib';
import { appName, Scenario } from './scenarios';

/** The variants, in table order. */
export const VARIANTS = ['library', 'library-unvalidated', 'floor', 'plain-cdk8s'] as const;
/** One variant. */
export type Variant = typeof VARIANTS[number];

/** The environment (and cluster) of the benchmark layout. */
const ENV = 'bench';

/** The `yaml` module instance cdk8s' `Yaml.stringify` uses. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const YAML: typeof import('yaml') = require(require.resolve('yaml', { paths: [path.dirname(require.resolve('cdk8s'))] }));
/** The options of cdk8s' `Yaml.stringify` (YAML 1.1 schema, no line folding). */
const YAML_OPTIONS = { keepUndefined: true, lineWidth: 0, version: '1.1' } as const;

/** Where one synthesis wrote its files. */
export interface Output {
  readonly timing: Timing;
  /** The output folder (inside a temporary folder of its own; see `cleanUp`). */
  readonly outdir: string;
}

/** Timings of one synthesis, in ms. */
export interface Timing {
  /** Defining the constructs (or building the objects, for the floor: 0). */
  readonly defineMs: number;
  /** Synthesizing to YAML strings. */
  readonly synthMs: number;
  /** Both. */
  readonly totalMs: number;
}

/** A variant ready to run: `run(n)` synthesizes apps 0..n-1. */
export interface Runner {
  run(n: number): Output;
}

/** Makes the runner of `variant` for `bundle` (the floor synthesizes a template app first). */
export function runner(variant: Variant, bundle: Scenario): Runner {
  switch (variant) {
    case 'library': return { run: n => library(bundle, n, outdir(variant), true) };
    case 'library-unvalidated': return { run: n => library(bundle, n, outdir(variant), false) };
    case 'floor': { const tpl = template(bundle); return { run: n => floor(tpl, n, outdir(variant)) }; }
    case 'plain-cdk8s': return { run: n => plainCdk8s(bundle, n, outdir(variant)) };
  }
}

/** A fresh output folder for one run, on tmpfs (/dev/shm) when there is one. */
function outdir(variant: Variant): string {
  const shm = '/dev/shm';
  let base = os.tmpdir();
  try {
    fs.accessSync(shm, fs.constants.W_OK);
    base = shm;
  } catch {
    // no tmpfs: the system temporary folder
  }
  const parent = fs.mkdtempSync(path.join(base, `cdk8s-delivery-bench-${variant}-`));
  return path.join(parent, 'dist');
}

/** The library path: a GitOpsLayout with N apps, synthesized (checked before writing, unless `validate` is false). */
function library(bundle: Scenario, n: number, out: string, validate: boolean): Output {
  const t0 = performance.now();
  const layout = new GitOpsLayout({ outdir: out, validate });
  const env = layout.addEnvironment(ENV);
  for (let i = 0; i < n; i++) {
    const name = appName(i);
    bundle.define(env.addApp(name), name);
  }
  const t1 = performance.now();
  layout.synth();
  const t2 = performance.now();
  return { timing: { defineMs: t1 - t0, synthMs: t2 - t1, totalMs: t2 - t0 }, outdir: out };
}

/** A name no object text contains otherwise, as long as the app names. */
const PLACEHOLDER = 'zqzqzqzqz';

/** The objects of one app, built as plain JS object literals. */
interface Template {
  /** Returns fresh objects for app `name`: the app folder's objects in kustomization order, and its cluster objects. */
  readonly build: (name: string) => { app: any[]; cluster: any[] };
  /** The kustomization.yaml object of the app folder, less its resources. */
  readonly kustomization: { apiVersion: string; kind: string };
}

/**
 * Synthesizes one app named PLACEHOLDER with the library, reads the objects
 * back from its YAML, and compiles a function that returns them as object
 * literals with the name substituted.
 */
function template(bundle: Scenario): Template {
  const layout = new GitOpsLayout({ outdir: 'bench-unused' });
  bundle.define(layout.addEnvironment(ENV).addApp(PLACEHOLDER), PLACEHOLDER);
  const files = layout.render();
  const parse = (file: string) => YAML.parse(files[file], { version: '1.1' });
  const folder = `${ENV}/${PLACEHOLDER}`;
  const kustomization = parse(`${folder}/kustomization.yaml`);
  const app = (kustomization.resources as string[]).map(f => parse(`${folder}/${f}`));
  const cluster = Object.keys(files).filter(f => f.startsWith(`clusters/${ENV}/`)).map(parse);
  const literal = JSON.stringify({ app, cluster }).split(PLACEHOLDER).join('" + n + "');
  if (literal.includes(PLACEHOLDER)) throw new Error('placeholder left in template');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const build = new Function('n', `return ${literal};`) as Template['build'];
  return { build, kustomization: { apiVersion: kustomization.apiVersion, kind: kustomization.kind } };
}

/** The floor: plain objects dumped with `yaml` and written into the library's file layout. */
function floor(tpl: Template, n: number, out: string): Output {
  const t0 = performance.now();
  const dump = (obj: unknown) => YAML.stringify(obj, YAML_OPTIONS);
  const fileOf = (obj: any) => `${String(obj.kind).toLowerCase()}-${obj.metadata.name}.yaml`;
  const clusterFolder = path.join(out, 'clusters', ENV);
  fs.mkdirSync(clusterFolder, { recursive: true });
  for (let i = 0; i < n; i++) {
    const name = appName(i);
    const { app, cluster } = tpl.build(name);
    const folder = path.join(out, ENV, name);
    fs.mkdirSync(folder, { recursive: true });
    const resources: string[] = [];
    for (const obj of app) {
      const file = fileOf(obj);
      fs.writeFileSync(path.join(folder, file), dump(obj));
      resources.push(file);
    }
    fs.writeFileSync(path.join(folder, 'kustomization.yaml'), dump({ ...tpl.kustomization, resources }));
    for (const obj of cluster) fs.writeFileSync(path.join(clusterFolder, fileOf(obj)), dump(obj));
  }
  const t1 = performance.now();
  return { timing: { defineMs: 0, synthMs: t1 - t0, totalMs: t1 - t0 }, outdir: out };
}

/** Plain cdk8s: one App, one Chart per app, `app.synth()` (a file per chart). */
function plainCdk8s(bundle: Scenario, n: number, out: string): Output {
  const t0 = performance.now();
  const app = new App({ outdir: out });
  for (let i = 0; i < n; i++) {
    const name = appName(i);
    const chart = new Chart(app, name, { namespace: name, disableResourceNameHashes: true });
    bundle.define(chart, name);
    new FluxKustomization(chart, 'Flux', {
      name: `${ENV}-${name}`,
      namespace: 'flux-system',
      sourceRef: { kind: FluxSourceKind.GIT_REPOSITORY, name: 'flux-system' },
      path: `./dist/${ENV}/${name}`,
      interval: '10m',
      retryInterval: '2m',
      timeout: '5m',
      wait: true,
    });
    new k8s.KubeNamespace(chart, 'Namespace', { metadata: { name, labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } });
  }
  const t1 = performance.now();
  app.synth();
  const t2 = performance.now();
  return { timing: { defineMs: t1 - t0, synthMs: t2 - t1, totalMs: t2 - t0 }, outdir: out };
}

/** Removes the temporary folder of an output. */
export function cleanUp(output: Output): void {
  fs.rmSync(path.dirname(output.outdir), { recursive: true, force: true });
}

/** The files under `dir`, as sorted relative paths. */
function listFiles(dir: string, prefix = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true })
    .flatMap(e => (e.isDirectory() ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));
}

/**
 * sha256 over the YAML files of an output folder, in path order (paths and
 * contents), to compare outputs; the library also writes Markdown rollout
 * plans, which the floor does not build (they count in `files`, `bytes` and
 * `otherFiles`).
 */
export function digest(dir: string): { sha256: string; files: number; bytes: number; otherFiles: number } {
  const hash = createHash('sha256');
  let bytes = 0;
  let otherFiles = 0;
  const files = listFiles(dir).sort();
  for (const file of files) {
    const content = fs.readFileSync(path.join(dir, file));
    bytes += content.length;
    if (!file.endsWith('.yaml')) {
      otherFiles++;
      continue;
    }
    hash.update(file).update('\0').update(content).update('\0');
  }
  return { sha256: hash.digest('hex'), files: files.length, bytes, otherFiles };
}
