/**
 * The Argo CD `Application`s of the output: one per app folder, the setup
 * of a cluster (its Namespaces and the gates' access), and the root that
 * applies them all (app of apps). Internal.
 */
import { MANAGED_BY, MANAGED_BY_LABEL } from '../../core/labels';
import { AppUnit } from '../app-unit';
import { ArgoCdSettings } from './argocd-settings';

/** apiVersion of Applications and AppProjects. */
export const ARGOCD_API_VERSION = 'argoproj.io/v1alpha1';
/** The annotation that orders what the root applies. */
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';
/** The Applications an app folder's Application comes after (comma-separated), as the layout ordered them. */
export const AFTER_ANNOTATION = 'cdk8s-delivery/after';
/** Deleting the Application deletes what it applied (children only; never the root). */
const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';
/** Failed syncs are retried (automated sync otherwise tries a commit once). */
const RETRY = { limit: 10, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } };

/** One source of an Application: a folder of the repository at a revision. */
export interface AppSource {
  readonly repoURL: string;
  readonly targetRevision: string;
  readonly path: string;
}

/** What an Application is: its name, project, sources and where it deploys. */
export interface ApplicationSpec {
  readonly name: string;
  readonly project: string;
  readonly sources: AppSource[];
  readonly destination: { server?: string; name?: string; namespace: string };
  readonly labels: Record<string, string>;
  readonly syncOptions: string[];
  /** Delete what it applied when it is deleted. */
  readonly finalizer: boolean;
  readonly ignoreDifferences?: any[];
  readonly info?: Array<{ name: string; value: string }>;
}

/** The group of an apiVersion (`""` for the core group). */
export function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

/** The labels of every Argo CD object of the output. */
export function argoLabels(cluster: string, extra: Record<string, string> = {}): Record<string, string> {
  return { [MANAGED_BY_LABEL]: MANAGED_BY, 'cdk8s-delivery/cluster': cluster, ...extra };
}

/** An Application that syncs automatically, prunes, corrects drift and retries with backoff. */
export function application(spec: ApplicationSpec, settings: ArgoCdSettings): any {
  const [single, ...more] = spec.sources;
  return {
    apiVersion: ARGOCD_API_VERSION,
    kind: 'Application',
    metadata: {
      name: spec.name,
      namespace: settings.namespace,
      labels: spec.labels,
      finalizers: spec.finalizer ? [RESOURCES_FINALIZER] : undefined,
    },
    spec: {
      project: spec.project,
      source: more.length ? undefined : single,
      sources: more.length ? spec.sources : undefined,
      destination: spec.destination,
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: spec.syncOptions, retry: RETRY },
      ignoreDifferences: spec.ignoreDifferences,
      info: spec.info,
    },
  };
}

/** A folder of the output as a source, at `revision`. */
export function folderSource(settings: ArgoCdSettings, path: string, revision: string): AppSource {
  return { repoURL: settings.repoUrl, targetRevision: revision, path: path.replace(/^\.\//, '') };
}

/**
 * The sync options of an app folder: applied server-side (large objects,
 * fields other controllers own), the namespace never created by Argo CD
 * (the setup Application creates it with its labels), pruning only once
 * everything else is healthy, no object another Application applies, and
 * the fields controllers change left as they are when there are some.
 */
export function appSyncOptions(ignoresDifferences: boolean): string[] {
  return ['ServerSideApply=true', 'CreateNamespace=false', 'PruneLast=true', 'FailOnSharedResource=true', ...(ignoresDifferences ? ['RespectIgnoreDifferences=true'] : [])];
}

/**
 * The `ignoreDifferences` of an app folder, from the fields its apps say a
 * controller changes (Flagger scaling its target, Argo Rollouts switching
 * Service selectors and route weights), each scoped to its object.
 */
export function ignoreDifferencesOf(unit: AppUnit): any[] {
  const entries = new Map<string, any>();
  for (const drift of unit.hints.driftIgnores) {
    const obj = unit.objects.find(o => o.kind === drift.kind && o.metadata?.name === drift.name);
    if (!obj) continue; // not in this folder (e.g. a shared helper applied by another one): nothing to ignore
    const entry = {
      group: groupOf(String(obj.apiVersion)),
      kind: drift.kind,
      name: drift.name,
      namespace: obj.metadata?.namespace,
      jsonPointers: [...drift.paths],
    };
    entries.set(JSON.stringify(entry), entry);
  }
  return [...entries.values()];
}
