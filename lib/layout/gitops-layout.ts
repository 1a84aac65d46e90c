import { App } from 'cdk8s';
import { Construct } from 'constructs';
import { Check } from '../core/check';
import { isNamespacedKind } from '../core/cluster-scoped';
import { propError } from '../core/errors';
import { AppUnit, chartDeliveryInfo, sharedHelpers } from '../gitops/app-unit';
import { DeliveryEnvironment, DeliveryEnvironmentProps } from '../gitops/delivery-environment';
import { ClusterOutput, OutputBatch } from '../gitops/cluster-output';
import { FluxGitRepositoryProps } from '../gitops/flux/git-repository';
import { checkInfrastructure } from '../gitops/flux/infrastructure';
import { InfrastructureProps } from '../gitops/flux/infrastructure-props';
import { ClusterNamespaces } from '../gitops/namespaces';
import { FileSink, writeFolder } from '../gitops/output-files';
import { manifestContent, MANIFEST_FILE, OutputFolder } from '../gitops/output-folder';
import { downstreamEnvironments, worstCaseWaits } from '../gitops/promotion-wait';
import { appUnitName } from '../gitops/unit-name';
import { planFileContent } from '../plan/plan-record';
import { PlanIndexEntry, RolloutPlan } from '../plan/rollout-plan';
import { ManifestChecker } from '../validation/checker';
import { throwIfAny } from '../validation/findings';
import { checkDependencyCycles, checkDependsOnTargets } from './dependencies';
import { checkOutputs, GitOpsEngine, GitOpsOutput, OutputWriters } from './gitops-output';
import { planInfrastructure } from './infrastructure-plan';
import { ProgressReporter } from './progress';

/**
 * Props of a `GitOpsLayout`.
 */
export interface GitOpsLayoutProps {
  /**
   * The construct the layout belongs to, e.g. your cdk8s `App` (then `outdir`
   * defaults to the App's). Without one, the layout is a construct tree of its own.
   *
   * @default - a tree of its own
   */
  readonly scope?: Construct;
  /**
   * The construct id of the layout in `scope`.
   *
   * @default "GitOpsLayout"
   */
  readonly id?: string;
  /**
   * The output folder. It must be a folder of its own: the synth refuses the
   * project root, a folder holding `.git` or `package.json`, and a file.
   *
   * @default - the outdir of `scope` when it is an App; else $CDK8S_OUTDIR when set and not empty; else "dist"
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
  /**
   * The GitOps tools to write for: each deploys the same app folders from a
   * control folder of its own (`clusters/<cluster>/` for Flux,
   * `argocd/<cluster>/` for Argo CD), so both at once serve a migration.
   *
   * @default [GitOpsOutput.flux()]
   */
  readonly outputs?: GitOpsOutput[];
  /**
   * The infrastructure Flux installs in each cluster before its apps:
   * Flagger (when an app uses it), a loadtester, and on request the Gateway
   * API CRDs and a Prometheus. Every app Kustomization depends on it.
   *
   * @default - Flagger and its loadtester where apps use Flagger
   */
  readonly infrastructure?: InfrastructureProps;
  /**
   * Kustomizations that something other than this layout applies (e.g. your
   * own infrastructure), by name in the Flux namespace or as
   * `<namespace>/<name>`. A `dependsOn` may name them; any other name that
   * no Kustomization of the cluster has is refused.
   *
   * @default - none
   */
  readonly externalKustomizations?: string[];
  /**
   * Check every object before anything is written: strictly against the
   * Kubernetes 1.28 schema and the CRDs, against the Pod Security Standards
   * level of its namespace, the wiring of each app folder, one owner per
   * object in each cluster (objects controllers create included) and Flux
   * dependencies.
   *
   * @default true
   */
  readonly validate?: boolean;
  /**
   * Report progress on stderr while a synth takes more than two seconds.
   *
   * @default false
   */
  readonly progress?: boolean;
}

/**
 * What a synth did.
 */
export interface SynthSummary {
  /** App folders written. */
  readonly apps: number;
  /** Kubernetes objects written. */
  readonly objects: number;
  /** Files written (new or replaced). */
  readonly filesWritten: number;
  /** Files of an earlier synth removed because nothing writes them any more. */
  readonly filesRemoved: number;
  /** Seconds the synth took. */
  readonly seconds: number;
  /** The output folder. */
  readonly outdir: string;
}

/** Where plans are written inside the output folder (no Flux Kustomization reads it). */
const PLANS_FOLDER = 'plans';

/**
 * The GitOps output of a set of apps: one folder per environment and app
 * (`<outdir>/<environment>/<app>/`, with a `kustomization.yaml`), and one Flux
 * folder per cluster (`<outdir>/clusters/<cluster>/`) holding the Namespaces
 * and a Kustomization per app, so `flux bootstrap --path
 * <repositoryPath>/clusters/<cluster>` deploys everything; rollout plans in
 * `<outdir>/plans/`.
 *
 * `synth()` owns only the files it writes: it records them in
 * `<outdir>/.cdk8s-delivery.json`, and the next synth replaces and deletes
 * only those. Foreign files (the `flux-system/` folder of `flux bootstrap`,
 * hand-written files, another tool's output such as your App's own charts)
 * are never touched. Everything is rendered and validated before the first
 * file changes: a failed synth leaves the output as it was.
 */
export class GitOpsLayout extends Construct {
  /** The output folder. */
  public readonly outdir: string;
  /** The output folder's path inside the Git repository. */
  public readonly repositoryPath: string;
  /** The Flux namespace. */
  public readonly fluxNamespace: string;
  private readonly props: GitOpsLayoutProps;
  private readonly outputs: GitOpsOutput[];
  private readonly environments: DeliveryEnvironment[] = [];

  public constructor(props: GitOpsLayoutProps = {}) {
    super(props.scope ?? new App({ outdir: '.' }), props.id ?? 'GitOpsLayout');
    this.props = props;
    const app = props.scope && isApp(props.scope) ? props.scope : undefined;
    this.outdir = props.outdir ?? app?.outdir ?? (process.env.CDK8S_OUTDIR || 'dist');
    this.repositoryPath = (props.repositoryPath ?? './dist').replace(/\/+$/, '');
    this.fluxNamespace = props.fluxNamespace ?? 'flux-system';
    Check.dns1123Label(this, 'fluxNamespace', this.fluxNamespace);
    if (this.repositoryPath.startsWith('/') || this.repositoryPath.split('/').includes('..')) {
      throw propError(this, 'repositoryPath', props.repositoryPath, 'a path relative to the repository root such as "./dist" or "./deploy/dist"');
    }
    this.outputs = props.outputs ?? [GitOpsOutput.flux()];
    checkOutputs(this, this.outputs);
    checkInfrastructure(this.node.path, props.infrastructure);
    (props.externalKustomizations ?? []).forEach((k, i) => {
      const [namespace, name] = k.includes('/') ? k.split('/', 2) : [this.fluxNamespace, k];
      Check.dns1123Label(this, `externalKustomizations[${i}]`, namespace);
      Check.dns1123Subdomain(this, `externalKustomizations[${i}]`, name, 63, ' (a Flux Kustomization name)');
    });
    if (props.source?.name === 'flux-system') {
      throw propError(this, 'source.name', props.source.name, 'flux bootstrap creates the GitRepository "flux-system": give your source another name, or leave source out to read from bootstrap\'s');
    }
  }

  /** Adds an environment (e.g. "staging"). */
  public addEnvironment(name: string, props: DeliveryEnvironmentProps = {}): DeliveryEnvironment {
    if (this.environments.some(e => e.name === name)) throw propError(this, 'addEnvironment(name)', name, 'environment names must be unique');
    const env = new DeliveryEnvironment(name, props);
    for (const other of props.after ?? []) {
      if (!this.environments.includes(other)) throw propError(`environment ${name}`, 'after', other.name, 'environments listed in \'after\' must be added to the same layout first');
      if (other.cluster !== env.cluster) {
        throw propError(`environment ${name}`, 'after', other.name, `"${other.name}" runs on cluster "${other.cluster}", "${name}" on "${env.cluster}": Flux dependsOn works within one Flux instance, so gated environments must share a cluster`);
      }
    }
    this.environments.push(env);
    return env;
  }

  /** The environments, in the order they were added. */
  public get allEnvironments(): DeliveryEnvironment[] {
    return [...this.environments];
  }

  /**
   * Renders every file, keyed by its path relative to the output folder (the
   * manifest of written files included). Throws, writing nothing, when an
   * app is invalid or empty or a check fails.
   */
  public render(): Record<string, string> {
    const files = new Map<string, string>();
    this.renderInto(files);
    files.set(MANIFEST_FILE, manifestContent(files.keys()));
    return Object.fromEntries([...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  /**
   * Writes the output folder: renders and checks every file into a staging
   * folder, then replaces the files of the previous synth and removes those
   * nothing writes any more. Files this layout did not write are left alone;
   * a new file that would overwrite one is refused.
   */
  public synth(): SynthSummary {
    const started = Date.now();
    const folder = new OutputFolder(this.outdir);
    let counts = { apps: 0, objects: 0 };
    const { written, removed } = folder.synth(sink => {
      counts = this.renderInto(sink);
    });
    return { ...counts, filesWritten: written.length, filesRemoved: removed.length, seconds: (Date.now() - started) / 1000, outdir: folder.root };
  }

  /**
   * Renders every file into `files`: a Map, or (for `synth()`) a sink that
   * writes each file as soon as it is rendered, so the whole output is never
   * held in memory. Returns the number of app folders and objects.
   */
  private renderInto(files: FileSink): { apps: number; objects: number } {
    const total = this.environments.reduce((sum, e) => sum + e._folders.length, 0);
    if (total === 0) {
      throw propError(this, 'environments', this.environments.map(e => e.name), 'add at least one app: an empty output would make Flux prune everything');
    }
    checkDependencyCycles(this.environments);
    const validate = this.props.validate ?? true;
    const progress = new ProgressReporter(this.props.progress ?? false, total);
    const clusters = new Map<string, ClusterState>();
    const fluxContext = { fluxNamespace: this.fluxNamespace, source: this.props.source, repositoryPath: this.repositoryPath };
    const infrastructure = this.outputs.some(o => o.engine === GitOpsEngine.FLUX) ? planInfrastructure(this.environments, this.props.infrastructure, fluxContext) : undefined;
    const externals = (this.props.externalKustomizations ?? []).map(k => (k.includes('/') ? k : `${this.fluxNamespace}/${k}`));
    checkDependsOnTargets(this.environments, c => infrastructure?.byCluster.get(c)?.appDependencies ?? [], new Set(externals.filter(k => k.startsWith(`${this.fluxNamespace}/`)).map(k => k.slice(this.fluxNamespace.length + 1))));
    const writers = new OutputWriters(this, this.outputs, fluxContext, this.environments);
    const index: PlanIndexEntry[] = [];
    let objectCount = 0;
    for (const env of this.environments) {
      let cluster = clusters.get(env.cluster);
      if (!cluster) {
        const namespaces = new ClusterNamespaces(this.fluxNamespace);
        cluster = { outputs: writers.forCluster(env.cluster, infrastructure?.byCluster.get(env.cluster)), namespaces, checker: new ManifestChecker(ns => namespaces.levelOf(ns), externals), sharedHelpers: new Map() };
        clusters.set(env.cluster, cluster);
      }
      for (const folder of env._folders) {
        let objects = folder.chart.toJson().map(o => (o.metadata?.namespace === undefined && isNamespacedKind(o.kind) ? { ...o, metadata: { ...o.metadata, namespace: folder.namespace } } : o));
        const path = `${env.name}/${folder.name}`;
        const extraDependsOn: string[] = [];
        for (const helper of sharedHelpers(folder.chart)) {
          const own = objects.filter(o => helper.ids.has(`${o.kind}/${o.metadata?.name}`));
          const key = `${own[0]?.metadata?.namespace}/${[...helper.ids].sort()[0]}`;
          const first = cluster.sharedHelpers.get(key);
          if (!first) {
            cluster.sharedHelpers.set(key, { path, json: JSON.stringify(own), unit: appUnitName(env.name, folder.name), helper: helper.path });
          } else if (first.json !== JSON.stringify(own)) {
            throw propError(helper.path, 'props', key.split('/')[0], `${first.path} defines the same shared helper (${first.helper}) in this namespace with other settings; one instance serves the namespace: give both the same props, or another name`);
          } else {
            objects = objects.filter(o => !helper.ids.has(`${o.kind}/${o.metadata?.name}`));
            extraDependsOn.push(first.unit);
          }
        }
        if (objects.length === 0) {
          throw propError(`environment ${env.name}`, `apps.${folder.name}`, path, 'the app folder would be empty, and its pruning Flux Kustomization would delete every workload it applied; define at least one object in the chart');
        }
        // only the app's own namespace: others (e.g. a shared flagger-system) belong to whoever runs them
        if (objects.some(o => o.metadata?.namespace === folder.namespace)) {
          const { setup, isNew } = cluster.namespaces.add(env.name, folder);
          if (isNew && setup.create) cluster.outputs.forEach(o => o.addNamespace(setup));
        }
        const unit: AppUnit = { environment: env, folder, path: `${this.repositoryPath}/${path}`, objects, extraDependsOn, ...infrastructure?.takeInfo(folder) ?? chartDeliveryInfo(folder.chart) };
        if (validate) {
          cluster.checker.addGroup(objects, path, fileName(path));
          cluster.checker.addRuntimeObjectsOf(unit.plans, objects, folder.namespace, path);
        }
        writeFolder(files, path, objects, true);
        objectCount += objects.length;
        if (unit.plans.length) {
          const gitOpsCommands = cluster.outputs.flatMap(o => o.watchCommands(unit));
          const downstream = downstreamEnvironments(unit, this.environments);
          const promotionGate = [...cluster.outputs.flatMap(o => o.promotionNotes(unit, downstream)), ...downstream.length ? worstCaseWaits(unit) : []];
          files.set(`${PLANS_FOLDER}/${path}.md`, unit.plans.map(p => p.toMarkdown({ gitOpsCommands, promotionGate })).join('\n---\n\n'));
          files.set(`${PLANS_FOLDER}/${path}.json`, planFileContent(unit.plans));
          unit.plans.forEach(plan => index.push({ plan, environment: env.name, link: `${path}.md` }));
        }
        cluster.outputs.forEach(o => o.addApp(unit));
        cluster.outputs.forEach(o => this.writeBatches(cluster!, o, o.flush(), files, validate));
        progress.tick(path);
      }
    }
    for (const cluster of clusters.values()) cluster.outputs.forEach(o => this.writeBatches(cluster, o, o.finish(), files, validate));
    if (index.length) files.set(`${PLANS_FOLDER}/README.md`, RolloutPlan.indexMarkdown(index));
    if (validate) throwIfAny([...clusters.values()].flatMap(c => c.checker.finish()));
    progress.done();
    return { apps: total, objects: objectCount };
  }

  /** Writes objects of a cluster's output, after checking them. */
  private writeBatches(cluster: ClusterState, output: ClusterOutput, batches: OutputBatch[], files: FileSink, validate: boolean) {
    for (const { folder, objects, kustomization, subfolders } of batches) {
      if (validate) cluster.checker.addGroup(objects, folder, fileName(folder), output.engine);
      writeFolder(files, folder, objects, kustomization, subfolders);
    }
  }
}

/** What the layout tracks per cluster while it renders. */
interface ClusterState {
  /** The writer of each GitOps output that deploys the cluster. */
  readonly outputs: ClusterOutput[];
  readonly namespaces: ClusterNamespaces;
  readonly checker: ManifestChecker;
  /** The shared helpers applied so far, by namespace and objects: where and how. */
  readonly sharedHelpers: Map<string, { path: string; json: string; unit: string; helper: string }>;
}

/** The file of an object in `folder`, as `writeFolder` names it. */
function fileName(folder: string): (obj: any) => string {
  return obj => `${folder}/${String(obj.kind).toLowerCase()}-${obj.metadata?.name}.yaml`;
}

function isApp(scope: Construct): scope is App {
  return scope.node.scope === undefined && Array.isArray((scope as App).charts) && typeof (scope as App).outdir === 'string';
}

