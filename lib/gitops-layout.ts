import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Yaml } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { AppChart } from './app-chart';
import { DeliveryEnvironment, DeliveryEnvironmentProps } from './delivery-environment';
import { propError } from './errors';
import { FluxGitRepository, FluxGitRepositoryProps } from './flux-git-repository';
import { FluxHealthCheckExpr, FluxKustomization, FluxSourceKind } from './flux-kustomization';
import { MANAGED_BY, MANAGED_BY_LABEL } from './labels';
import { Check } from './validate';

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

/** Flux health rule that counts a Flagger Canary healthy when it is initialized or promoted. */
const CANARY_HEALTH: FluxHealthCheckExpr = {
  apiVersion: 'flagger.app/v1beta1',
  kind: 'Canary',
  current: "status.phase in ['Initialized', 'Succeeded']",
  failed: "status.phase == 'Failed'",
};

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
        cluster.addApp(env, chart, `${this.repositoryPath}/${folder}`, objects);
        for (const ns of new Set(objects.map(o => o.metadata?.namespace).filter((n): n is string => !!n))) cluster.addNamespace(ns);
      }
    }
    for (const cluster of clusters.values()) writeFolder(files, `clusters/${cluster.name}`, cluster.toJson(), false);
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

  addApp(env: DeliveryEnvironment, chart: AppChart, folder: string, objects: any[]) {
    const props = env.props;
    const hasCanary = objects.some(o => o.apiVersion === CANARY_HEALTH.apiVersion && o.kind === CANARY_HEALTH.kind);
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
      timeout: chart.timeout ?? props.timeout ?? '5m',
      wait: props.wait ?? true,
      healthCheckExprs: hasCanary && (props.wait ?? true) ? [CANARY_HEALTH] : undefined,
      dependsOn: dependsOn.length ? dependsOn : undefined,
      labels: { [MANAGED_BY_LABEL]: MANAGED_BY, 'cdk8s-delivery/environment': env.name },
    });
  }

  toJson(): any[] {
    return this.chart.toJson();
  }
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
    files.set(key, Yaml.stringify(obj));
    names.push(file);
  }
  if (withKustomization) {
    files.set(`${folder}/kustomization.yaml`, Yaml.stringify({ apiVersion: KUSTOMIZE_CONFIG, kind: 'Kustomization', resources: names }));
  }
}
