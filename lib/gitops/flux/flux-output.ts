/**
 * The Flux output of a layout: per cluster, `clusters/<cluster>/` with the
 * Namespaces of the apps and one Kustomization per app folder, sized and
 * wired from what the apps publish. Internal: `GitOpsLayout` drives it.
 */
import { App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { durationSeconds, MAX_GO_DURATION_SECONDS } from '../../core/check';
import { propError } from '../../core/errors';
import { MANAGED_BY, MANAGED_BY_LABEL } from '../../core/labels';
import { AppUnit } from '../app-unit';
import { ClusterOutput, OutputBatch } from '../cluster-output';
import { DeliveryEnvironment } from '../delivery-environment';
import { namespaceLabels, NamespaceSetup } from '../namespaces';
import { appUnitName } from '../unit-name';
import { FluxGitRepository, FluxGitRepositoryProps } from './git-repository';
import { ClusterInfrastructure } from './infrastructure';
import { FluxKustomization, FluxSourceKind } from './kustomization';
import { deploymentGateRule, fluxGateNotes, gateHealthChecks } from './promotion-gate';

/**
 * The Flux objects of one cluster. Its chart holds only the objects defined
 * since the last `flush()`, which returns them and removes them, so memory
 * does not grow with the number of apps.
 */
export class FluxClusterOutput implements ClusterOutput {
  /** Flux applies the Kustomizations and Namespaces. */
  public readonly engine = 'flux';
  private readonly chart: Chart;
  private readonly sourceName: string;
  /** The app names of each upstream environment (looked up once: `env.apps` copies the list). */
  private readonly appNames = new Map<DeliveryEnvironment, Set<string>>();
  /** The infrastructure Kustomizations every app depends on. */
  private readonly infrastructure: string[];
  /** The infrastructure's batches, written with the first flush. */
  private pending: OutputBatch[];

  constructor(public readonly name: string, private readonly fluxNamespace: string, source: FluxGitRepositoryProps | undefined, infrastructure?: ClusterInfrastructure) {
    this.chart = new Chart(new App({ outdir: '.' }), name, { disableResourceNameHashes: true });
    this.sourceName = source?.name ?? 'flux-system';
    if (source) new FluxGitRepository(this.chart, 'Source', { ...source, namespace: source.namespace ?? fluxNamespace });
    this.infrastructure = infrastructure?.appDependencies ?? [];
    this.pending = [];
    if (infrastructure?.clusterObjects.length) this.pending.push({ folder: this.folder, objects: infrastructure.clusterObjects, kustomization: false });
    if (infrastructure?.controllersFolder) this.pending.push({ folder: infrastructure.controllersFolder, objects: infrastructure.controllers, kustomization: true });
  }

  /** The folder of the cluster's Flux objects, relative to the output folder. */
  get folder(): string {
    return `clusters/${this.name}`;
  }

  /** The `flux` commands that watch the Kustomization of `unit`. */
  watchCommands(unit: AppUnit): string[] {
    const name = appUnitName(unit.environment.name, unit.folder.name);
    return [
      `flux -n ${this.fluxNamespace} reconcile kustomization ${name} --with-source`,
      `flux -n ${this.fluxNamespace} get kustomizations ${name} --watch`,
    ];
  }

  /** What waits for `unit` and on which condition, with the worst-case wait and the Flux timeout. */
  promotionNotes(unit: AppUnit, downstream: DeliveryEnvironment[]): string[] {
    return fluxGateNotes(unit, downstream.map(e => appUnitName(e.name, unit.folder.name)), fluxTimeout(unit));
  }

  /** Adds the Namespace object of `setup` (created, never pruned by Flux). */
  addNamespace(setup: NamespaceSetup) {
    new k8s.KubeNamespace(this.chart, `Namespace-${setup.name}`, {
      metadata: {
        name: setup.name,
        labels: namespaceLabels(setup),
        annotations: { ...setup.annotations, 'kustomize.toolkit.fluxcd.io/prune': 'disabled' },
      },
    });
  }

  /** Adds the Kustomization that applies `unit`. */
  addApp(unit: AppUnit) {
    const { environment: env, folder, hints } = unit;
    const props = env.props;
    const wait = props.wait ?? true;
    const upstream = (props.after ?? []).filter(e => this.appNamesOf(e).has(folder.name)).map(e => ({ name: appUnitName(e.name, folder.name) }));
    const named = [...new Set([...this.infrastructure, ...(props.dependsOn ?? []), ...folder.dependsOn, ...unit.extraDependsOn ?? []])].filter(n => !upstream.some(u => u.name === n));
    const dependsOn = [...upstream, ...named.map(n => ({ name: n }))];
    const name = appUnitName(env.name, folder.name);
    const gates = wait ? hints.revisionGates ?? [] : [];
    const rules = gates.length ? [...hints.healthRules, deploymentGateRule(gates)] : hints.healthRules;
    new FluxKustomization(this.chart, name, {
      name,
      namespace: this.fluxNamespace,
      sourceRef: { kind: FluxSourceKind.GIT_REPOSITORY, name: this.sourceName },
      path: unit.path,
      prune: true,
      interval: props.interval ?? '10m',
      retryInterval: props.retryInterval ?? '2m',
      timeout: wait ? fluxTimeout(unit) : folder.timeout ?? props.timeout ?? '5m',
      // a gated folder names what it checks (wait: true would ignore the primaries Flux did not apply)
      wait: gates.length ? false : wait,
      healthChecks: gates.length ? gateHealthChecks(unit.objects, rules, gates, folder.namespace) : undefined,
      healthCheckExprs: wait && rules.length ? rules.map(r => ({ ...r })) : undefined,
      ignore: hints.driftIgnores.length ? hints.driftIgnores.map(d => ({ paths: d.paths, target: { kind: d.kind, name: d.name } })) : undefined,
      dependsOn: dependsOn.length ? dependsOn : undefined,
      labels: { [MANAGED_BY_LABEL]: MANAGED_BY, 'cdk8s-delivery/environment': env.name },
    });
  }

  /** The objects defined since the last flush, removed from the chart. */
  flush(): OutputBatch[] {
    const batches = this.pending;
    this.pending = [];
    const children = this.chart.node.children;
    if (children.length === 0) return batches;
    const objects = this.chart.toJson();
    for (const child of children) this.chart.node.tryRemoveChild(child.node.id);
    return [...batches, { folder: this.folder, objects, kustomization: false }];
  }

  /** Nothing waits for the last app. */
  finish(): OutputBatch[] {
    return [];
  }

  private appNamesOf(env: DeliveryEnvironment): Set<string> {
    let names = this.appNames.get(env);
    if (!names) {
      names = new Set(env._folders.map(a => a.name));
      this.appNames.set(env, names);
    }
    return names;
  }
}

/**
 * The Flux timeout of an app folder: the configured one, raised to cover the
 * longest rollout of its apps (whole minutes). An explicit per-app timeout
 * that is too short is refused, since Flux would report a healthy rollout as
 * failed, and so is one past what Go's durations hold.
 */
function fluxTimeout(unit: AppUnit): string {
  const { environment: env, folder } = unit;
  const configured = folder.timeout ?? env.props.timeout ?? '5m';
  const needed = Math.max(0, ...unit.plans.map(p => p.completionBudgetSeconds));
  const where = `environment ${env.name}/${folder.name}`;
  if (folder.timeout !== undefined && durationSeconds(folder.timeout) < needed) {
    throw propError(where, 'timeout', folder.timeout, `Flux waits for the rollout to finish, which takes up to ${Math.ceil(needed / 60)}m here (see the rollout plan); use at least that, or leave it unset`);
  }
  if (needed > MAX_GO_DURATION_SECONDS) {
    throw propError(where, 'timeout', `${Math.ceil(needed / 60)}m`, 'the rollout plan needs longer than a Flux timeout can be (Go durations end at about 2,562,047h): shorten the analysis (interval, steps) or the progress deadline');
  }
  return durationSeconds(configured) >= needed ? configured : `${Math.ceil(needed / 60)}m`;
}
