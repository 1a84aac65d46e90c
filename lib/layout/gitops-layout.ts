import * as fs from 'fs';
import * as path from 'path';
import { Check } from '../core/check';
import { propError } from '../core/errors';
import { AppUnit, chartDeliveryInfo } from '../gitops/app-unit';
import { DeliveryEnvironment, DeliveryEnvironmentProps } from '../gitops/delivery-environment';
import { FluxClusterOutput } from '../gitops/flux/flux-output';
import { FluxGitRepositoryProps } from '../gitops/flux/git-repository';
import { FileSink, FolderWriter, writeFolder } from '../gitops/output-files';
import { PlanIndexEntry, RolloutPlan } from '../plan/rollout-plan';

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
    const clusters = new Map<string, FluxClusterOutput>();
    const index: PlanIndexEntry[] = [];
    for (const env of this.environments) {
      let cluster = clusters.get(env.cluster);
      if (!cluster) {
        cluster = new FluxClusterOutput(env.cluster, this.fluxNamespace, this.props.source, files);
        clusters.set(env.cluster, cluster);
      }
      for (const chart of env.apps) {
        const objects = chart.toJson();
        const folder = `${env.name}/${chart.appName}`;
        if (objects.length === 0) {
          throw propError(`environment ${env.name}`, `apps.${chart.appName}`, folder, 'the app folder would be empty, and its pruning Flux Kustomization would delete every workload it applied; define at least one object in the chart');
        }
        writeFolder(files, folder, objects, true);
        const unit: AppUnit = { environment: env, chart, path: `${this.repositoryPath}/${folder}`, objects, ...chartDeliveryInfo(chart) };
        if (unit.plans.length) {
          const gitOpsCommands = cluster.watchCommands(unit);
          files.set(`${PLANS_FOLDER}/${folder}.md`, unit.plans.map(p => p.toMarkdown({ gitOpsCommands })).join('\n---\n\n'));
          unit.plans.forEach(plan => index.push({ plan, environment: env.name, link: `${folder}.md` }));
        }
        cluster.addApp(unit);
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
