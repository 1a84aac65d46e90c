/**
 * The Argo CD `AppProject`s of the output, least privilege: each allows one
 * repository, the namespaces its Applications deploy to and exactly the
 * kinds they apply (cluster-scoped ones by name). Internal.
 */
import { ArgoCdSettings } from './argocd-settings';
import { ARGOCD_API_VERSION, groupOf } from './application';

/** What the Applications of one project apply: kinds, cluster-scoped objects and namespaces. */
export class ProjectScope {
  private readonly namespacedKinds = new Set<string>();
  private readonly clusterObjects = new Set<string>();
  private readonly namespaces = new Set<string>();

  /** Records objects one of its Applications applies. */
  add(objects: any[]): void {
    for (const obj of objects) {
      const group = groupOf(String(obj.apiVersion));
      const namespace = obj.metadata?.namespace;
      if (namespace === undefined) {
        this.clusterObjects.add(JSON.stringify([group, obj.kind, obj.metadata?.name]));
      } else {
        this.namespacedKinds.add(JSON.stringify([group, obj.kind]));
        this.namespaces.add(namespace);
      }
    }
  }

  /** Records a namespace an Application deploys to (its destination). */
  addNamespace(namespace: string): void {
    this.namespaces.add(namespace);
  }

  /**
   * The project's spec: the repository, a destination per namespace in
   * `cluster`, the namespaced kinds (an empty list allows none: Argo CD
   * allows every namespaced kind only when the list is left out) and the
   * cluster-scoped objects by kind and name (none allowed when there are none).
   */
  spec(settings: ArgoCdSettings, cluster: string, description: string): any {
    const sorted = (set: Set<string>) => [...set].sort().map(s => JSON.parse(s) as string[]);
    return {
      description,
      sourceRepos: [settings.repoUrl],
      destinations: [...this.namespaces].sort().map(ns => settings.destinationOf(cluster, ns)),
      namespaceResourceWhitelist: sorted(this.namespacedKinds).map(([group, kind]) => ({ group, kind })),
      clusterResourceWhitelist: this.clusterObjects.size ? sorted(this.clusterObjects).map(([group, kind, name]) => ({ group, kind, name })) : undefined,
    };
  }
}

/** An AppProject in Argo CD's namespace; `finalizer` keeps it until no Application uses it. */
export function appProject(name: string, labels: Record<string, string>, spec: any, settings: ArgoCdSettings, finalizer: boolean): any {
  return {
    apiVersion: ARGOCD_API_VERSION,
    kind: 'AppProject',
    metadata: { name, namespace: settings.namespace, labels, finalizers: finalizer ? ['resources-finalizer.argocd.argoproj.io'] : undefined },
    spec,
  };
}
