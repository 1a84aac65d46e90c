import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Yaml } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { AppBase } from './app-base';
import { AppChart } from './app-chart';
import { DeliveryEnvironment, DeliveryEnvironmentProps } from './delivery-environment';
import { propError } from './errors';
import { FlaggerLoadTester } from './flagger-loadtester';
import { FluxGitRepository, FluxGitRepositoryProps } from './flux-git-repository';
import { FluxHealthCheckExpr, FluxIgnoreRule, FluxKustomization, FluxSourceKind } from './flux-kustomization';
import { MANAGED_BY, MANAGED_BY_LABEL } from './labels';
import { PlanIndexEntry, RolloutPlan } from './rollout-plan';
import { Check, durationSeconds } from './validate';

/**
 * Props of a `GitOpsLayout`.
 */
export interface GitOpsLayoutProps {
  /**
   * The output folder.
   *
   * @default - $CDK8S_OUTDIR, else "dist"
   */
  readonly outdir?: string;
  /**
   * Where the output folder sits inside the Git repository Flux reads; the
   * Kustomization paths start with it.
   *
   * @default "./dist"
   */
  readonly repositoryPath?: string;
  /**
   * A GitRepository to define and read from.
   *
   * @default - the GitRepository "flux-system" that `flux bootstrap` creates
   */
  readonly source?: FluxGitRepositoryProps;
  /**
   * The namespace of the Flux objects.
   *
   * @default "flux-system"
   */
  readonly fluxNamespace?: string;
}

/** apiVersion of the kustomize config file written into every app folder. */
const KUSTOMIZE_CONFIG = 'kustomize.config.k8s.io/v1beta1';

/**
 * Flux health rule for a Flagger Canary: in progress while Flagger analyses or
 * promotes, healthy once initialized or promoted, failed when rolled back.
 */
const CANARY_HEALTH: FluxHealthCheckExpr = {
  apiVersion: 'flagger.app/v1beta1',
  kind: 'Canary',
  inProgress: "has(status.phase) && status.phase in ['Initializing', 'Waiting', 'Progressing', 'WaitingPromotion', 'Promoting', 'Finalising']",
  failed: "has(status.phase) && status.phase == 'Failed'",
  current: "has(status.phase) && status.phase in ['Initialized', 'Succeeded']",
};

/** Where plans are written inside the output folder (no Flux Kustomization reads it). */
const PLANS_FOLDER = 'plans';

/**
 * The GitOps output of a set of apps: one folder per environment and app
 * (`<outdir>/<environment>/<app>/`, with a `kustomization.yaml`), and one Flux
 * folder per cluster (`<outdir>/clusters/<cluster>/`) holding a Kustomization
 * per app, so `flux bootstrap --path <repositoryPath>/clusters/<cluster>`
 * deploys everything.
 *
 * `synth()` renders everything in memory first and replaces the output folder
 * only when all of it succeeded: a failed synth leaves the previous output as
 * it was, and files of removed apps disappear.
 */
export class GitOpsLayout {
  /** The output folder. */
  public readonly outdir: string;
  /** The output folder's path inside the Git repository. */
  public readonly repositoryPath: string;
  /** The Flux namespace. */
  public readonly fluxNamespace: string;
  private readonly props: GitOpsLayoutProps;
  private readonly environments: DeliveryEnvironment[] = [];

  public constructor(props: GitOpsLayoutProps = {}) {
    this.props = props;
    this.outdir = props.outdir ?? process.env.CDK8S_OUTDIR ?? 'dist';
    this.repositoryPath = (props.repositoryPath ?? './dist').replace(/\/+$/, '');
    this.fluxNamespace = props.fluxNamespace ?? 'flux-system';
    Check.dns1123Label('GitOpsLayout', 'fluxNamespace', this.fluxNamespace);
    if (this.repositoryPath.startsWith('/') || this.repositoryPath.split('/').includes('..')) {
      throw propError('GitOpsLayout', 'repositoryPath', props.repositoryPath, 'a path relative to the repository root such as "./dist" or "./deploy/dist"');
    }
  }

  /** Adds an environment (e.g. "staging"). */
  public addEnvironment(name: string, props: DeliveryEnvironmentProps = {}): DeliveryEnvironment {
    if (this.environments.some(e => e.name === name)) throw propError('GitOpsLayout', 'addEnvironment(name)', name, 'environment names must be unique');
    for (const other of props.after ?? []) {
      if (!this.environments.includes(other)) throw propError(`environment ${name}`, 'after', other.name, 'environments listed in \'after\' must be added to the same layout first');
    }
    const env = new DeliveryEnvironment(name, props);
    this.environments.push(env);
    return env;
  }

  /** The environments, in the order they were added. */
  public get allEnvironments(): DeliveryEnvironment[] {
    return [...this.environments];
  }

  /**
   * Renders every file, keyed by its path relative to the output folder.
   * Throws (writing nothing) when any app is invalid or empty.
   */
  public render(): Record<string, string> {
    const files = new Map<string, string>();
    if (this.environments.every(e => e.apps.length === 0)) {
      throw propError('GitOpsLayout', 'environments', this.environments.map(e => e.name), 'add at least one app: an empty output would make Flux prune everything');
    }
    const clusters = new Map<string, ClusterOutput>();
    const index: PlanIndexEntry[] = [];
    for (const env of this.environments) {
      let cluster = clusters.get(env.cluster);
      if (!cluster) {
        cluster = new ClusterOutput(env.cluster, this.fluxNamespace, this.props.source);
        clusters.set(env.cluster, cluster);
      }
      for (const chart of env.apps) {
        const objects = chart.toJson();
        const folder = `${env.name}/${chart.appName}`;
        if (objects.length === 0) {
          throw propError(`environment ${env.name}`, `apps.${chart.appName}`, folder, 'the app folder would be empty, and its pruning Flux Kustomization would delete every workload it applied; define at least one object in the chart');
        }
        writeFolder(files, folder, objects, true);
        const plans = plansOf(chart);
        if (plans.length) {
          files.set(`${PLANS_FOLDER}/${folder}.md`, plans.map(p => p.toMarkdown()).join('\n---\n\n'));
          plans.forEach(plan => index.push({ plan, environment: env.name, link: `${folder}.md` }));
        }
        cluster.addApp(env, chart, `${this.repositoryPath}/${folder}`, objects, plans);
        for (const ns of new Set(objects.map(o => o.metadata?.namespace).filter((n): n is string => !!n))) cluster.addNamespace(ns);
      }
    }
    for (const cluster of clusters.values()) writeFolder(files, `clusters/${cluster.name}`, cluster.toJson(), false);
    if (index.length) files.set(`${PLANS_FOLDER}/README.md`, RolloutPlan.indexMarkdown(index));
    return Object.fromEntries([...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  /**
   * Writes the output folder: renders all files, writes them to a temporary
   * folder beside it, then swaps it in.
   */
  public synth(): void {
    const files = this.render();
    const outdir = path.resolve(this.outdir);
    const parent = path.dirname(outdir);
    const base = path.basename(outdir);
    const tmp = path.join(parent, `.${base}-tmp-${process.pid}`);
    const old = path.join(parent, `.${base}-old-${process.pid}`);
    fs.rmSync(tmp, { recursive: true, force: true });
    try {
      for (const [file, content] of Object.entries(files)) {
        const target = path.join(tmp, file);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, content);
      }
      fs.rmSync(old, { recursive: true, force: true });
      if (fs.existsSync(outdir)) fs.renameSync(outdir, old);
      fs.renameSync(tmp, outdir);
      fs.rmSync(old, { recursive: true, force: true });
    } catch (e) {
      if (!fs.existsSync(outdir) && fs.existsSync(old)) fs.renameSync(old, outdir);
      fs.rmSync(tmp, { recursive: true, force: true });
      throw e;
    }
  }
}

/** The Flux objects of one cluster. */
class ClusterOutput {
  private readonly chart: Chart;
  private readonly namespaces = new Set<string>();
  private readonly sourceName: string;

  constructor(public readonly name: string, private readonly fluxNamespace: string, source: FluxGitRepositoryProps | undefined) {
    this.chart = new Chart(new App({ outdir: '.' }), name, { disableResourceNameHashes: true });
    this.sourceName = source?.name ?? 'flux-system';
    if (source) new FluxGitRepository(this.chart, 'Source', { ...source, namespace: source.namespace ?? fluxNamespace });
  }

  addNamespace(namespace: string) {
    if (this.namespaces.has(namespace)) return;
    this.namespaces.add(namespace);
    new k8s.KubeNamespace(this.chart, `Namespace-${namespace}`, {
      metadata: {
        name: namespace,
        labels: {
          [MANAGED_BY_LABEL]: MANAGED_BY,
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/enforce-version': 'v1.28',
        },
        annotations: { 'kustomize.toolkit.fluxcd.io/prune': 'disabled' },
      },
    });
  }

  addApp(env: DeliveryEnvironment, chart: AppChart, folder: string, objects: any[], plans: RolloutPlan[]) {
    const props = env.props;
    const canaries = objects.filter(o => o.apiVersion === CANARY_HEALTH.apiVersion && o.kind === CANARY_HEALTH.kind);
    const wait = props.wait ?? true;
    const upstream = (props.after ?? []).filter(e => e.apps.some(a => a.appName === chart.appName)).map(e => ({ name: `${e.name}-${chart.appName}` }));
    const dependsOn = [...upstream, ...[...(props.dependsOn ?? []), ...chart.dependsOn].map(n => ({ name: n }))];
    new FluxKustomization(this.chart, `${env.name}-${chart.appName}`, {
      name: `${env.name}-${chart.appName}`,
      namespace: this.fluxNamespace,
      sourceRef: { kind: FluxSourceKind.GIT_REPOSITORY, name: this.sourceName },
      path: folder,
      prune: true,
      interval: props.interval ?? '10m',
      retryInterval: props.retryInterval ?? '2m',
      timeout: wait ? fluxTimeout(env, chart, plans) : chart.timeout ?? props.timeout ?? '5m',
      wait,
      healthCheckExprs: canaries.length && wait ? [CANARY_HEALTH] : undefined,
      ignore: replicasOwnedByFlagger(objects, canaries),
      dependsOn: dependsOn.length ? dependsOn : undefined,
      labels: { [MANAGED_BY_LABEL]: MANAGED_BY, 'cdk8s-delivery/environment': env.name },
    });
  }

  toJson(): any[] {
    return this.chart.toJson();
  }
}

/** The rollout plans of the apps defined in a chart (a loadtester is a helper, not an app to plan). */
function plansOf(chart: AppChart): RolloutPlan[] {
  return chart.node.findAll()
    .filter((c): c is AppBase => c instanceof AppBase && !(c instanceof FlaggerLoadTester))
    .map(app => app.plan);
}

/**
 * The Flux timeout of an app folder: the configured one, raised to cover the
 * longest rollout of its apps (whole minutes). An explicit per-app timeout
 * that is too short is refused, since Flux would report a healthy rollout as failed.
 */
function fluxTimeout(env: DeliveryEnvironment, chart: AppChart, plans: RolloutPlan[]): string {
  const configured = chart.timeout ?? env.props.timeout ?? '5m';
  const needed = Math.max(0, ...plans.map(p => p.completionBudgetSeconds));
  if (chart.timeout !== undefined && durationSeconds(chart.timeout) < needed) {
    throw propError(`environment ${env.name}/${chart.appName}`, 'timeout', chart.timeout, `Flux waits for the rollout to finish, which takes up to ${Math.ceil(needed / 60)}m here (see the rollout plan); use at least that, or leave it unset`);
  }
  return durationSeconds(configured) >= needed ? configured : `${Math.ceil(needed / 60)}m`;
}

/**
 * Drift-ignore rules for the `spec.replicas` of Flagger targets that are not
 * autoscaled: Flagger scales the target to zero after each promotion, and Flux
 * must not scale it back up (kustomize-controller v1.9+).
 */
function replicasOwnedByFlagger(objects: any[], canaries: any[]): FluxIgnoreRule[] | undefined {
  const targets = canaries
    .filter(c => !c.spec.autoscalerRef && c.spec.targetRef?.kind === 'Deployment')
    .map(c => c.spec.targetRef.name)
    .filter(name => objects.some(o => o.kind === 'Deployment' && o.metadata?.name === name && o.spec?.replicas !== undefined));
  return targets.length ? targets.map(name => ({ paths: ['/spec/replicas'], target: { kind: 'Deployment', name } })) : undefined;
}

/** Writes one object per file into `folder`, plus a kustomization.yaml listing them. */
function writeFolder(files: Map<string, string>, folder: string, objects: any[], withKustomization: boolean) {
  const names: string[] = [];
  for (const obj of objects) {
    const file = `${String(obj.kind).toLowerCase()}-${obj.metadata?.name}.yaml`;
    const key = `${folder}/${file}`;
    if (files.has(key)) {
      throw propError(folder, `${obj.kind} ${obj.metadata?.name}`, key, 'two objects of the same kind and name in one folder; give them distinct names');
    }
    files.set(key, _yamlStringify(obj));
    names.push(file);
  }
  if (withKustomization) {
    files.set(`${folder}/kustomization.yaml`, _yamlStringify({ apiVersion: KUSTOMIZE_CONFIG, kind: 'Kustomization', resources: names }));
  }
}

/*
 * YAML output. cdk8s' `Yaml.stringify` (the `yaml` package with the YAML 1.1
 * schema and no line folding) builds a document tree per object and is most
 * of the synth time. `_yamlStringify` writes the same bytes directly for the
 * JSON-like objects `toJson()` returns: maps, sequences, strings, booleans,
 * null and integers, in block style. How each string is written (plain,
 * quoted or as a block scalar) is decided by `Yaml.stringify` itself, except
 * for strings that are plain in every YAML 1.1 context (`plainSafe`). Any
 * other value (undefined, a non-integer number, an object used twice, which
 * `yaml` would write as an anchor and alias, a class instance, ...) makes it
 * hand the whole object to `Yaml.stringify`.
 */

/** Thrown inside the writer when an object needs `Yaml.stringify`. */
const UNSUPPORTED = new Error('unsupported by the fast YAML writer');

/** Strings that YAML 1.1 reads as booleans or null although they start with a letter. */
const YAML11_WORDS = new Set(['y', 'yes', 'n', 'no', 'true', 'false', 'on', 'off', 'null']);

/** Strings that are plain scalars wherever they appear: a letter first, then letters, digits and `._/-`, or `:` not at the end. */
const PLAIN_SAFE = /^(?:\.\/)?[A-Za-z][A-Za-z0-9._/:-]*$/;

/** Memo of scalars `Yaml.stringify` writes itself, as map values and as keys (bounded). */
const valueMemo = new Map<string | number, string>();
const keyMemo = new Map<string, string>();
const MEMO_LIMIT = 20_000;

function plainSafe(s: string): boolean {
  return s.length <= 1000 && PLAIN_SAFE.test(s) && !s.endsWith(':') && !YAML11_WORDS.has(s.toLowerCase());
}

/**
 * How `Yaml.stringify` writes `value` after `key: ` (a block scalar spans
 * lines indented by 2). Memoized; '' marks a value left to `Yaml.stringify`.
 */
function memoValue(value: string | number): string {
  let text = valueMemo.get(value);
  if (text === undefined) {
    const out = Yaml.stringify({ k: value });
    text = out.startsWith('k: ') && out.endsWith('\n') ? out.slice(3, -1) : '';
    // multi-line output is supported only as a literal block scalar without keep chomping
    if (text.includes('\n') && !/^\|[0-9]?-?\n/.test(text)) text = '';
    remember(valueMemo, value, text);
  }
  if (!text) throw UNSUPPORTED;
  return text;
}

/**
 * How `Yaml.stringify` writes the map key `key`. Memoized; '' marks a key left
 * to `Yaml.stringify`: multi-line or explicit (`? `) keys, and keys starting
 * with `---`, `...` or `%`, which it writes differently at the top level.
 */
function memoKey(key: string): string {
  let text = keyMemo.get(key);
  if (text === undefined) {
    const out = /^(?:---|\.\.\.|%)/.test(key) ? '' : Yaml.stringify({ [key]: 0 });
    text = out.endsWith(': 0\n') ? out.slice(0, -4) : '';
    if (text.includes('\n') || text.startsWith('? ')) text = '';
    remember(keyMemo, key, text);
  }
  if (!text) throw UNSUPPORTED;
  return text;
}

function remember<K>(memo: Map<K, string>, key: K, text: string) {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, text);
}

/** A scalar as written after `key: ` or `- `; block scalar lines are indented with `indent`. */
function scalarText(value: unknown, indent: string): string {
  switch (typeof value) {
    case 'string': {
      if (plainSafe(value)) return value;
      const text = memoValue(value);
      // the memo holds block scalars indented for the top level (2 spaces); empty lines carry no indent
      return text.includes('\n') ? text.replace(/\n  /g, `\n${indent}`) : text;
    }
    case 'number':
      return Number.isSafeInteger(value) && !Object.is(value, -0) ? String(value) : memoValue(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
  }
  throw UNSUPPORTED;
}

/** Whether `value` is written as a collection: a plain object or an array (used once). */
function isCollection(value: unknown, seen: Set<object>): value is Record<string, unknown> | unknown[] {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) throw UNSUPPORTED;
  if (seen.has(value)) throw UNSUPPORTED;
  seen.add(value);
  return true;
}

/** Appends the lines of a non-empty collection, each starting with `indent`. */
function writeCollection(value: Record<string, unknown> | unknown[], indent: string, out: string[], seen: Set<object>) {
  const child = `${indent}  `;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (isCollection(item, seen)) {
        const empty = collectionEmpty(item);
        if (empty) {
          out.push(`${indent}- ${empty}`);
        } else {
          const start = out.length;
          writeCollection(item, child, out, seen);
          out[start] = `${indent}- ${out[start].slice(child.length)}`;
        }
      } else {
        out.push(`${indent}- ${scalarText(item, child)}`);
      }
    }
    return;
  }
  for (const key of Object.keys(value)) {
    const item = value[key];
    const keyText = plainSafe(key) ? key : memoKey(key);
    if (isCollection(item, seen)) {
      const empty = collectionEmpty(item);
      if (empty) {
        out.push(`${indent}${keyText}: ${empty}`);
      } else {
        out.push(`${indent}${keyText}:`);
        writeCollection(item, child, out, seen);
      }
    } else {
      out.push(`${indent}${keyText}: ${scalarText(item, child)}`);
    }
  }
}

/** `[]` or `{}` for an empty collection, else undefined. */
function collectionEmpty(value: Record<string, unknown> | unknown[]): string | undefined {
  if (Array.isArray(value)) return value.length === 0 ? '[]' : undefined;
  return Object.keys(value).length === 0 ? '{}' : undefined;
}

/**
 * The YAML of `obj`, byte for byte as cdk8s' `Yaml.stringify(obj)` writes it.
 * @internal
 */
export function _yamlStringify(obj: unknown): string {
  try {
    const seen = new Set<object>();
    if (isCollection(obj, seen) && !collectionEmpty(obj)) {
      const out: string[] = [];
      writeCollection(obj, '', out, seen);
      return `${out.join('\n')}\n`;
    }
  } catch (e) {
    if (e !== UNSUPPORTED) throw e;
  }
  return Yaml.stringify(obj);
}
