/**
 * The Flux output of a layout: per cluster, `clusters/<cluster>/` with the
 * Namespaces of the apps and one Kustomization per app folder, sized and
 * wired from what the apps publish. Internal: `GitOpsLayout` drives it.
 */
import { App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { durationSeconds } from '../../core/check';
import { propError } from '../../core/errors';
import { MANAGED_BY, MANAGED_BY_LABEL } from '../../core/labels';
import { appUnitName } from '../unit-name';
import { AppUnit } from '../app-unit';
import { DeliveryEnvironment } from '../delivery-environment';
import { FileSink, writeFolder } from '../output-files';
import { FluxGitRepository, FluxGitRepositoryProps } from './git-repository';
import { FluxKustomization, FluxSourceKind } from './kustomization';

/**
 * The Flux objects of one cluster. Its chart holds only the objects defined
 * since the last `flush()`, which writes them and removes them, so memory does
 * not grow with the number of apps.
 */
export class FluxClusterOutput {
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

  /** The `flux` commands that watch the Kustomization of `unit`. */
  watchCommands(unit: AppUnit): string[] {
    const name = appUnitName(unit.environment.name, unit.chart.appName);
    return [
      `flux -n ${this.fluxNamespace} reconcile kustomization ${name} --with-source`,
      `flux -n ${this.fluxNamespace} get kustomizations ${name} --watch`,
    ];
  }

  /** Adds a Namespace object for `namespace` (once). */
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

  /** Adds the Kustomization that applies `unit`. */
  addApp(unit: AppUnit) {
    const { environment: env, chart, hints } = unit;
    const props = env.props;
    const wait = props.wait ?? true;
    const upstream = (props.after ?? []).filter(e => this.appNamesOf(e).has(chart.appName)).map(e => ({ name: appUnitName(e.name, chart.appName) }));
    const dependsOn = [...upstream, ...[...(props.dependsOn ?? []), ...chart.dependsOn].map(n => ({ name: n }))];
    const name = appUnitName(env.name, chart.appName);
    new FluxKustomization(this.chart, name, {
      name,
      namespace: this.fluxNamespace,
      sourceRef: { kind: FluxSourceKind.GIT_REPOSITORY, name: this.sourceName },
      path: unit.path,
      prune: true,
      interval: props.interval ?? '10m',
      retryInterval: props.retryInterval ?? '2m',
      timeout: wait ? fluxTimeout(unit) : chart.timeout ?? props.timeout ?? '5m',
      wait,
      healthCheckExprs: wait && hints.healthRules.length ? hints.healthRules.map(r => ({ ...r })) : undefined,
      ignore: hints.driftIgnores.length ? hints.driftIgnores.map(d => ({ paths: d.paths, target: { kind: d.kind, name: d.name } })) : undefined,
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

/**
 * The Flux timeout of an app folder: the configured one, raised to cover the
 * longest rollout of its apps (whole minutes). An explicit per-app timeout
 * that is too short is refused, since Flux would report a healthy rollout as failed.
 */
function fluxTimeout(unit: AppUnit): string {
  const { environment: env, chart } = unit;
  const configured = chart.timeout ?? env.props.timeout ?? '5m';
  const needed = Math.max(0, ...unit.plans.map(p => p.completionBudgetSeconds));
  if (chart.timeout !== undefined && durationSeconds(chart.timeout) < needed) {
    throw propError(`environment ${env.name}/${chart.appName}`, 'timeout', chart.timeout, `Flux waits for the rollout to finish, which takes up to ${Math.ceil(needed / 60)}m here (see the rollout plan); use at least that, or leave it unset`);
  }
  return durationSeconds(configured) >= needed ? configured : `${Math.ceil(needed / 60)}m`;
}
