import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
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
import { yamlStringify } from './yaml-writer';

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
    this.renderInto(files);
    return Object.fromEntries([...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  /**
   * Renders every file into `files`: a Map, or (for `synth()`) a
   * `FolderWriter` that writes each file as soon as it is rendered, so the
   * whole output is never held in memory.
   */
  private renderInto(files: FileSink): void {
    if (this.environments.every(e => e.apps.length === 0)) {
      throw propError('GitOpsLayout', 'environments', this.environments.map(e => e.name), 'add at least one app: an empty output would make Flux prune everything');
    }
    const clusters = new Map<string, ClusterOutput>();
    const index: PlanIndexEntry[] = [];
    for (const env of this.environments) {
      let cluster = clusters.get(env.cluster);
      if (!cluster) {
        cluster = new ClusterOutput(env.cluster, this.fluxNamespace, this.props.source, files);
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
        // only the app's own namespace: others (e.g. a shared flagger-system) belong to whoever runs them
        if (objects.some(o => o.metadata?.namespace === chart.appNamespace)) cluster.addNamespace(chart.appNamespace);
        cluster.flush();
      }
    }
    if (index.length) files.set(`${PLANS_FOLDER}/README.md`, RolloutPlan.indexMarkdown(index));
  }

  /**
   * Writes the output folder: renders all files into a temporary folder
   * beside it, then swaps it in.
   */
  public synth(): void {
    const outdir = path.resolve(this.outdir);
    const parent = path.dirname(outdir);
    const base = path.basename(outdir);
    const tmp = path.join(parent, `.${base}-tmp-${process.pid}`);
    const old = path.join(parent, `.${base}-old-${process.pid}`);
    fs.rmSync(tmp, { recursive: true, force: true });
    try {
      this.renderInto(new FolderWriter(tmp));
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

/**
 * The Flux objects of one cluster. Its chart holds only the objects defined
 * since the last `flush()`, which writes them and removes them, so memory does
 * not grow with the number of apps.
 */
class ClusterOutput {
  private readonly chart: Chart;
  private readonly namespaces = new Set<string>();
  private readonly sourceName: string;
  /** The app names of each upstream environment (looked up once: `env.apps` copies the list). */
  private readonly appNames = new Map<DeliveryEnvironment, Set<string>>();

  constructor(public readonly name: string, private readonly fluxNamespace: string, source: FluxGitRepositoryProps | undefined, private readonly files: FileSink) {
    this.chart = new Chart(new App({ outdir: '.' }), name, { disableResourceNameHashes: true });
    this.sourceName = source?.name ?? 'flux-system';
    if (source) new FluxGitRepository(this.chart, 'Source', { ...source, namespace: source.namespace ?? fluxNamespace });
    this.flush();
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
    const upstream = (props.after ?? []).filter(e => this.appNamesOf(e).has(chart.appName)).map(e => ({ name: `${e.name}-${chart.appName}` }));
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

  /** Writes the objects defined since the last flush into `clusters/<name>/`, then removes them from the chart. */
  flush() {
    const children = this.chart.node.children;
    if (children.length === 0) return;
    writeFolder(this.files, `clusters/${this.name}`, this.chart.toJson(), false);
    for (const child of children) this.chart.node.tryRemoveChild(child.node.id);
  }

  private appNamesOf(env: DeliveryEnvironment): Set<string> {
    let names = this.appNames.get(env);
    if (!names) {
      names = new Set(env.apps.map(a => a.appName));
      this.appNames.set(env, names);
    }
    return names;
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

/** Where rendered files go, by path relative to the output folder. */
interface FileSink {
  has(file: string): boolean;
  set(file: string, content: string): unknown;
}

/** A `FileSink` that writes each file into `root` at once. */
class FolderWriter implements FileSink {
  private readonly written = new Set<string>();
  private readonly folders = new Set<string>();

  constructor(private readonly root: string) {}

  has(file: string): boolean {
    return this.written.has(file);
  }

  set(file: string, content: string): this {
    const target = path.join(this.root, file);
    const folder = path.dirname(target);
    if (!this.folders.has(folder)) {
      fs.mkdirSync(folder, { recursive: true });
      this.folders.add(folder);
    }
    fs.writeFileSync(target, content);
    this.written.add(file);
    return this;
  }
}

/** Writes one object per file into `folder`, plus a kustomization.yaml listing them. */
function writeFolder(files: FileSink, folder: string, objects: any[], withKustomization: boolean) {
  const names: string[] = [];
  for (const obj of objects) {
    const file = `${String(obj.kind).toLowerCase()}-${obj.metadata?.name}.yaml`;
    const key = `${folder}/${file}`;
    if (files.has(key)) {
      throw propError(folder, `${obj.kind} ${obj.metadata?.name}`, key, 'two objects of the same kind and name in one folder; give them distinct names');
    }
    files.set(key, yamlStringify(obj));
    names.push(file);
  }
  if (withKustomization) {
    files.set(`${folder}/kustomization.yaml`, yamlStringify({ apiVersion: KUSTOMIZE_CONFIG, kind: 'Kustomization', resources: names }));
  }
}
