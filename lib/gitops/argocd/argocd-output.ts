/**
 * The Argo CD output of a layout: per cluster, `argocd/<cluster>/` with
 * - `bootstrap/`: the root Application and its AppProject, applied once by
 *   hand, and the `argocd-cm` health checks to apply over Argo CD's;
 * - `apps/`: what the root applies (app of apps): an AppProject per
 *   environment, an Application per app folder in sync waves that follow
 *   the environments' order, and the setup Application;
 * - `setup/`: the Namespaces and the promotion gates' access;
 * - `gates/<environment>-<app>/`: the promotion gate Jobs of an app folder,
 *   a second source of its Application.
 * Internal: `GitOpsLayout` drives it.
 */
import { ApiObject, App, Chart } from 'cdk8s';
import { durationSeconds } from '../../core/check';
import { propError } from '../../core/errors';
import { AppUnit } from '../app-unit';
import { ClusterOutput, OutputBatch } from '../cluster-output';
import { DeliveryEnvironment } from '../delivery-environment';
import { namespaceLabels, NamespaceSetup } from '../namespaces';
import { upstreamEnvironments } from '../promotion-wait';
import { appUnitName } from '../unit-name';
import { appProject, ProjectScope } from './app-project';
import { AFTER_ANNOTATION, application, appSyncOptions, argoLabels, folderSource, ignoreDifferencesOf, SYNC_WAVE_ANNOTATION } from './application';
import { ARGOCD_FOLDER, ArgoCdSettings, IN_CLUSTER_SERVER } from './argocd-settings';
import { argoCdConfigPatch } from './health-customizations';
import { gateAccess, gateJob, gateTargets } from './promotion-gate';

/** Sync waves of what the root applies: projects, then the setup, then the apps (0 and up). */
const PROJECT_WAVE = -2;
const SETUP_WAVE = -1;
/** Namespaces stay when they leave Git or their Application is deleted. */
const KEEP = 'Delete=false,Prune=false';

/** An app folder's Application, with what orders it. */
interface AppEntry {
  readonly name: string;
  readonly application: any;
  /** Application names it comes after (other names, e.g. Flux Kustomizations, are ignored). */
  readonly after: string[];
}

/** The Argo CD objects of one cluster. */
export class ArgoCdClusterOutput implements ClusterOutput {
  /** Argo CD applies the Applications, AppProjects and setup. */
  public readonly engine = 'argocd';
  private readonly apps: AppEntry[] = [];
  private readonly projects = new Map<string, ProjectScope>();
  private readonly setupObjects: any[] = [];
  private pending: OutputBatch[] = [];

  constructor(public readonly name: string, private readonly settings: ArgoCdSettings, private readonly repositoryPath: string) {}

  /** The folder of the cluster's Argo CD objects, relative to the output folder. */
  get folder(): string {
    return `${ARGOCD_FOLDER}/${this.name}`;
  }

  /** The `argocd` commands that watch the Application of `unit`. */
  watchCommands(unit: AppUnit): string[] {
    const name = appUnitName(unit.environment.name, unit.folder.name);
    return [`argocd app get ${name} --refresh`, `argocd app wait ${name} --health --timeout ${rolloutSeconds(unit)}`];
  }

  /** What waits for `unit` under Argo CD: sync waves, the gate Job, and when a later environment's branch may move. */
  promotionNotes(unit: AppUnit, downstream: DeliveryEnvironment[]): string[] {
    const name = appUnitName(unit.environment.name, unit.folder.name);
    const branch = this.settings.revisionOf(unit.environment.name);
    const notes = upstreamEnvironments(unit).map(env => {
      const u = appUnitName(env.name, unit.folder.name);
      const upstreamBranch = this.settings.revisionOf(env.name);
      return upstreamBranch === branch
        ? `Argo CD: follows \`${branch}\` like \`${u}\`, so it syncs each commit at the same time; only when the root applies both Applications (new ones, changed specs) does it come one sync wave after \`${u}\`.`
        : `Argo CD: follows \`${branch}\`, not \`${u}\`'s \`${upstreamBranch}\`: a release reaches it when CI moves \`${branch}\` once \`${u}\` is healthy.`;
    });
    if (downstream.length === 0) return notes;
    const gated = gateTargets(unit.objects);
    notes.push(gated.length
      ? `Argo CD: \`${name}\` is Healthy only once its gate Job sees ${gated.map(g => `\`${g.promoted}\``).join(', ')} run this release's revision, which Flagger writes there only after the analysis passed (the Job gives up after ${rolloutSeconds(unit)}s: Degraded).`
      : `Argo CD: \`${name}\` is Healthy once every object it applies is healthy.`);
    for (const env of downstream) {
      const next = appUnitName(env.name, unit.folder.name);
      const nextBranch = this.settings.revisionOf(env.name);
      notes.push(nextBranch === branch
        ? `Argo CD does not gate \`${next}\`: it follows \`${branch}\` like \`${name}\`, so both sync each commit at once (sync waves order only what the root applies). Give it a branch of its own (\`environmentRevisions: { ${env.name}: 'release' }\`) and let CI move that branch: \`${promoteCommand(name, rolloutSeconds(unit), 'release')}\`.`
        : `Argo CD: \`${next}\` follows \`${nextBranch}\`, not \`${branch}\`: it gets this release once CI moves \`${nextBranch}\` after \`${name}\` is healthy: \`${promoteCommand(name, rolloutSeconds(unit), nextBranch)}\`.`);
    }
    return notes;
  }

  /** Adds the Namespace object of `setup` to the setup folder (kept when it leaves Git). */
  addNamespace(setup: NamespaceSetup): void {
    this.setupObjects.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: setup.name, labels: namespaceLabels(setup), annotations: { ...setup.annotations, 'argocd.argoproj.io/sync-options': KEEP } },
    });
  }

  /** Adds the Application of `unit`, its gates and their access, and what its project must allow. */
  addApp(unit: AppUnit): void {
    const { environment: env, folder } = unit;
    const name = appUnitName(env.name, folder.name);
    const where = `environment ${env.name}`;
    if ([folder.namespace, ...unit.objects.map(o => o.metadata?.namespace)].includes(this.settings.namespace)) {
      throw propError(where, `addApp(${folder.name}).namespace`, this.settings.namespace, `Argo CD runs in "${this.settings.namespace}": a project allowed to deploy there can create Applications, so anything; give the app a namespace of its own`);
    }
    this.settings.claim('Application', name, where);
    let scope = this.projects.get(env.name);
    if (!scope) {
      scope = new ProjectScope();
      this.projects.set(env.name, scope);
    }
    scope.add(unit.objects);
    scope.addNamespace(folder.namespace);
    const revision = this.settings.revisionOf(env.name);
    const sources = [folderSource(this.settings, unit.path, revision)];
    const gates = gateTargets(unit.objects);
    if (gates.length) {
      const jobs = gates.map(g => gateJob(g, this.settings.gateImage, rolloutSeconds(unit)));
      const gateFolder = `${this.folder}/gates/${name}`;
      scope.add(jobs);
      this.setupObjects.push(...gates.flatMap(gateAccess));
      this.pending.push({ folder: gateFolder, objects: toManifests(jobs), kustomization: true });
      sources.push(folderSource(this.settings, `${this.repositoryPath}/${gateFolder}`, revision));
    }
    const ignoreDifferences = ignoreDifferencesOf(unit);
    const upstream = (env.props.after ?? []).filter(e => e._folders.some(f => f.name === folder.name)).map(e => appUnitName(e.name, folder.name));
    this.apps.push({
      name,
      after: [...upstream, ...env.props.dependsOn ?? [], ...folder.dependsOn, ...unit.extraDependsOn ?? []],
      application: application({
        name,
        project: env.name,
        sources,
        destination: this.settings.destinationOf(this.name, folder.namespace),
        labels: argoLabels(this.name, { 'cdk8s-delivery/environment': env.name }),
        syncOptions: appSyncOptions(ignoreDifferences.length > 0),
        finalizer: true,
        ignoreDifferences: ignoreDifferences.length ? ignoreDifferences : undefined,
      }, this.settings),
    });
  }

  /** The gate folders defined since the last flush. */
  flush(): OutputBatch[] {
    const batches = this.pending;
    this.pending = [];
    return batches;
  }

  /** The projects, the Applications in their waves, the setup and the bootstrap. */
  finish(): OutputBatch[] {
    const children: any[] = [];
    for (const [env, scope] of [...this.projects.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      this.settings.claim('AppProject', env, `environment ${env}`);
      children.push(withWave(appProject(env, argoLabels(this.name, { 'cdk8s-delivery/environment': env }), scope.spec(this.settings, this.name, `cdk8s-delivery: the apps of environment ${env}`), this.settings, true), PROJECT_WAVE));
    }
    const batches: OutputBatch[] = [];
    if (this.setupObjects.length) {
      children.push(...this.setupApplication());
      batches.push(...this.setupFolders());
    }
    const waves = appWaves(this.apps);
    const names = new Set(this.apps.map(a => a.name));
    children.push(...this.apps.map(a => withWave(a.application, waves.get(a.name) ?? 0, [...new Set(a.after.filter(n => names.has(n)))].sort())));
    batches.push({ folder: `${this.folder}/apps`, objects: toManifests(children), kustomization: true });
    batches.push({ folder: `${this.folder}/bootstrap`, objects: toManifests(this.bootstrap()), kustomization: false });
    return batches;
  }

  /**
   * The setup folder: the Namespaces, and a folder per namespace with the
   * gates' access there (one file name per object in each folder).
   */
  private setupFolders(): OutputBatch[] {
    const setup = `${this.folder}/setup`;
    const byNamespace = new Map<string, any[]>();
    for (const obj of this.setupObjects.filter(o => o.metadata.namespace !== undefined)) {
      byNamespace.set(obj.metadata.namespace, [...byNamespace.get(obj.metadata.namespace) ?? [], obj]);
    }
    const namespaces = [...byNamespace.keys()].sort();
    return [
      ...namespaces.map(ns => ({ folder: `${setup}/${ns}`, objects: toManifests(byNamespace.get(ns)!), kustomization: true })),
      { folder: setup, objects: toManifests(this.setupObjects.filter(o => o.metadata.namespace === undefined)), kustomization: true, subfolders: namespaces },
    ];
  }

  /** The AppProject and Application of the setup folder: Namespaces by name, the gates' access. */
  private setupApplication(): any[] {
    const name = `${this.name}-setup`;
    const where = `cluster ${this.name}`;
    this.settings.claim('AppProject', name, where);
    this.settings.claim('Application', name, where);
    const scope = new ProjectScope();
    scope.add(this.setupObjects);
    const namespaces = this.setupObjects.map(o => o.metadata.namespace ?? o.metadata.name).sort();
    scope.addNamespace(namespaces[0]);
    const labels = argoLabels(this.name);
    return [
      withWave(appProject(name, labels, scope.spec(this.settings, this.name, `cdk8s-delivery: the namespaces of cluster ${this.name} and the promotion gates' access`), this.settings, true), PROJECT_WAVE),
      withWave(application({
        name,
        project: name,
        sources: [folderSource(this.settings, `${this.repositoryPath}/${this.folder}/setup`, this.settings.targetRevision)],
        destination: this.settings.destinationOf(this.name, namespaces[0]),
        labels,
        syncOptions: ['ServerSideApply=true', 'FailOnSharedResource=true'],
        finalizer: true,
      }, this.settings), SETUP_WAVE),
    ];
  }

  /** The root Application (no finalizer: deleting it deletes nothing), its AppProject, and the argocd-cm health checks. */
  private bootstrap(): any[] {
    const name = `${this.name}-root`;
    const where = `cluster ${this.name}`;
    this.settings.claim('AppProject', name, where);
    this.settings.claim('Application', name, where);
    const labels = argoLabels(this.name);
    const destination = { server: IN_CLUSTER_SERVER, namespace: this.settings.namespace };
    return [
      appProject(name, labels, {
        description: `cdk8s-delivery: the Applications and AppProjects of cluster ${this.name} (admin: it creates projects)`,
        sourceRepos: [this.settings.repoUrl],
        destinations: [destination],
        namespaceResourceWhitelist: [{ group: 'argoproj.io', kind: 'AppProject' }, { group: 'argoproj.io', kind: 'Application' }],
      }, this.settings, false),
      application({
        name,
        project: name,
        sources: [folderSource(this.settings, `${this.repositoryPath}/${this.folder}/apps`, this.settings.targetRevision)],
        destination,
        labels,
        syncOptions: ['ServerSideApply=true', 'PruneLast=true', 'FailOnSharedResource=true'],
        finalizer: false,
      }, this.settings),
      argoCdConfigPatch(this.settings.namespace),
    ];
  }
}

/**
 * The seconds a rollout of `unit` may take: the longest of its rollout
 * plans, or the configured timeout when that is longer.
 */
function rolloutSeconds(unit: AppUnit): number {
  const configured = durationSeconds(unit.folder.timeout ?? unit.environment.props.timeout ?? '5m');
  return Math.ceil(Math.max(configured, ...unit.plans.map(p => p.completionBudgetSeconds)));
}

/** The sync wave of each Application: one after the latest of those it comes after. */
function appWaves(apps: AppEntry[]): Map<string, number> {
  const byName = new Map(apps.map(a => [a.name, a]));
  const waves = new Map<string, number>();
  const visiting = new Set<string>();
  const waveOf = (app: AppEntry): number => {
    const known = waves.get(app.name);
    if (known !== undefined) return known;
    if (visiting.has(app.name)) return 0; // a cycle: refused before rendering, never ordered here
    visiting.add(app.name);
    const wave = Math.max(0, ...app.after.flatMap(n => (byName.has(n) ? [waveOf(byName.get(n)!) + 1] : [])));
    waves.set(app.name, wave);
    return wave;
  };
  apps.forEach(waveOf);
  return waves;
}

/**
 * `obj` in sync wave `wave`; `after` names the Applications it comes after
 * (for readers such as `cdk8s-delivery diff`; Argo CD orders by the wave).
 */
function withWave(obj: any, wave: number, after: string[] = []): any {
  const annotations = { ...obj.metadata.annotations, [SYNC_WAVE_ANNOTATION]: String(wave), ...(after.length ? { [AFTER_ANNOTATION]: after.join(',') } : {}) };
  return { ...obj, metadata: { ...obj.metadata, annotations } };
}

/**
 * The CI step that hands a release to the next environment: once the
 * Application `name` has synced the latest commit and is healthy, move
 * `branch` (the next environment's revision) to that commit.
 */
function promoteCommand(name: string, seconds: number, branch: string): string {
  return `argocd app get ${name} --refresh && argocd app wait ${name} --sync --health --timeout ${seconds} && git push origin HEAD:${branch}`;
}

/** Plain objects as cdk8s writes them: no undefined fields, keys in cdk8s' order. */
function toManifests(objects: any[]): any[] {
  const chart = new Chart(new App({ outdir: '.' }), 'argocd', { disableResourceNameHashes: true });
  objects.forEach((obj, i) => new ApiObject(chart, `o${i}`, obj));
  return chart.toJson();
}
