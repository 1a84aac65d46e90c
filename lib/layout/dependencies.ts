/**
 * The order between app folders: every `dependsOn` and `after` edge of a
 * cluster, checked for cycles and for targets that exist (Flux would wait
 * forever). Internal.
 */
import { propError } from '../core/errors';
import { DeliveryEnvironment } from '../gitops/delivery-environment';
import { appUnitName } from '../gitops/unit-name';

/** Refuses a cycle among the GitOps units of each cluster, naming it. */
export function checkDependencyCycles(environments: DeliveryEnvironment[]): void {
  const edges = new Map<string, string[]>();
  const link = (from: string, to: string) => edges.set(from, [...edges.get(from) ?? [], to]);
  for (const env of environments) {
    for (const folder of env._folders) {
      const unit = `${env.cluster}/${appUnitName(env.name, folder.name)}`;
      edges.set(unit, edges.get(unit) ?? []);
      for (const upstream of env.props.after ?? []) {
        if (upstream._folders.some(f => f.name === folder.name)) link(unit, `${env.cluster}/${appUnitName(upstream.name, folder.name)}`);
      }
      for (const name of [...env.props.dependsOn ?? [], ...folder.dependsOn]) link(unit, `${env.cluster}/${name}`);
    }
  }
  const state = new Map<string, 'open' | 'done'>();
  const visit = (unit: string, trail: string[]) => {
    if (state.get(unit) === 'done') return;
    if (state.get(unit) === 'open') {
      const cycle = [...trail.slice(trail.indexOf(unit)), unit].map(u => u.split('/')[1]);
      throw propError(`cluster ${unit.split('/')[0]}`, 'dependsOn', cycle, 'the Kustomizations depend on each other in a circle, so Flux would apply none of them; remove one of these dependencies');
    }
    state.set(unit, 'open');
    for (const next of edges.get(unit) ?? []) visit(next, [...trail, unit]);
    state.set(unit, 'done');
  };
  [...edges.keys()].sort().forEach(u => visit(u, []));
}

/**
 * Refuses a `dependsOn` (of an environment or an app) that names no
 * Kustomization of its cluster: not an app folder's, not the cluster's
 * infrastructure's, and not declared external. Flux would wait for it forever.
 */
export function checkDependsOnTargets(environments: DeliveryEnvironment[], infrastructure: (cluster: string) => string[], external: Set<string>): void {
  const units = new Map<string, Set<string>>();
  for (const env of environments) {
    const names = units.get(env.cluster) ?? new Set(infrastructure(env.cluster));
    env._folders.forEach(f => names.add(appUnitName(env.name, f.name)));
    units.set(env.cluster, names);
  }
  const allowed = (cluster: string) => {
    const infra = infrastructure(cluster);
    return `a Kustomization of cluster "${cluster}": an app folder's ("<environment>-<app>")${infra.length ? `, the infrastructure's (${infra.join(', ')})` : ''}, or one something else applies, declared in the layout's externalKustomizations`;
  };
  for (const env of environments) {
    const known = units.get(env.cluster)!;
    (env.props.dependsOn ?? []).forEach((name, i) => {
      if (!known.has(name) && !external.has(name)) throw propError(`environment ${env.name}`, `dependsOn[${i}]`, name, allowed(env.cluster));
    });
    for (const folder of env._folders) {
      folder.dependsOn.forEach((name, i) => {
        if (!known.has(name) && !external.has(name)) throw propError(`environment ${env.name}`, `addApp(${folder.name}).dependsOn[${i}]`, name, allowed(env.cluster));
      });
    }
  }
}
