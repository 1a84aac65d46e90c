/**
 * The Argo CD output's props, checked and resolved, and what every cluster
 * of one render shares: the names of the Argo CD objects, which live in one
 * namespace however many clusters there are. Internal.
 */
import { IConstruct } from 'constructs';
import { Check } from '../../core/check';
import { propError, Where } from '../../core/errors';
import { parseImage } from '../../core/image';
import { DeliveryEnvironment } from '../delivery-environment';
import { ArgoCdDestination, ArgoCdOutputProps } from './argocd-output-props';

/** The API server of the cluster Argo CD runs in. */
export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';
/** The folder of the Argo CD output, inside the output folder. */
export const ARGOCD_FOLDER = 'argocd';
const DEFAULT_GATE_IMAGE = 'registry.k8s.io/kubectl:v1.31.5';
/** URLs Argo CD clones: http(s), ssh and git URLs, and scp-like `user@host:path`. */
const REPO_URL = /^(?:(?:https?|ssh|git):\/\/[^\s/]+\/\S+|[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:\S+)$/;
/** A Git revision: a branch, tag, commit or `HEAD` (no spaces, no control characters). */
const REVISION = /^[^\s~^:?*[\\]+$/;

/** Checks the props of an Argo CD output, named `prop` in messages (e.g. `outputs[1]`). */
export function checkArgoCdProps(scope: IConstruct, prop: string, props: ArgoCdOutputProps): void {
  if (typeof props.repoUrl !== 'string' || !REPO_URL.test(props.repoUrl)) {
    throw propError(scope, `${prop}.repoUrl`, props.repoUrl, 'the Git URL Argo CD clones: https://host/org/repo.git, ssh://git@host/org/repo.git or git@host:org/repo.git');
  }
  checkRevision(scope, `${prop}.targetRevision`, props.targetRevision);
  for (const [env, revision] of Object.entries(props.environmentRevisions ?? {})) checkRevision(scope, `${prop}.environmentRevisions.${env}`, revision);
  if (props.namespace !== undefined) Check.dns1123Label(scope, `${prop}.namespace`, props.namespace);
  if (props.destination !== undefined && !Object.values(ArgoCdDestination).includes(props.destination)) {
    throw propError(scope, `${prop}.destination`, props.destination, `one of ${Object.values(ArgoCdDestination).join(', ')}`);
  }
  (props.clusters ?? []).forEach((c, i) => Check.dns1123Label(scope, `${prop}.clusters[${i}]`, c));
  if (props.clusters?.length === 0) throw propError(scope, `${prop}.clusters`, props.clusters, 'list at least one cluster, or leave it out for every cluster');
  if (props.gateImage !== undefined) parseImage(scope, `${prop}.gateImage`, props.gateImage);
}

function checkRevision(scope: Where, prop: string, revision: string | undefined) {
  if (revision !== undefined && (typeof revision !== 'string' || !REVISION.test(revision) || revision.includes('..'))) {
    throw propError(scope, prop, revision, 'a branch, tag or commit (no spaces, no "..", none of ~^:?*[\\)');
  }
}

/** The settings of one render of the Argo CD output. */
export class ArgoCdSettings {
  readonly repoUrl: string;
  readonly targetRevision: string;
  /** The namespace of Argo CD, its Applications and AppProjects. */
  readonly namespace: string;
  readonly gateImage: string;
  private readonly destination: ArgoCdDestination;
  private readonly clusters?: Set<string>;
  /** The Argo CD objects of every cluster, by kind and name: where each is defined. */
  private readonly names = new Map<string, string>();

  /** `where` and `prop` name the output in messages (e.g. the layout's path and `outputs[1]`). */
  constructor(private readonly where: string, private readonly prop: string, private readonly props: ArgoCdOutputProps) {
    this.repoUrl = props.repoUrl;
    this.targetRevision = props.targetRevision ?? 'HEAD';
    this.namespace = props.namespace ?? 'argocd';
    this.gateImage = props.gateImage ?? DEFAULT_GATE_IMAGE;
    this.destination = props.destination ?? ArgoCdDestination.IN_CLUSTER;
    this.clusters = props.clusters ? new Set(props.clusters) : undefined;
  }

  /**
   * Checks the props that name environments and clusters against the
   * layout's; `alone`: no other output (Flux) gates the environments.
   */
  checkEnvironments(environments: DeliveryEnvironment[], alone: boolean): void {
    const clusters = new Set(environments.map(e => e.cluster));
    const unknown = (this.props.clusters ?? []).filter(c => !clusters.has(c));
    if (unknown.length) throw propError(this.where, `${this.prop}.clusters`, unknown, `clusters of the layout's environments: ${[...clusters].sort().join(', ')}`);
    for (const env of Object.keys(this.props.environmentRevisions ?? {})) {
      if (!environments.some(e => e.name === env)) throw propError(this.where, `${this.prop}.environmentRevisions`, env, `environments of the layout: ${environments.map(e => e.name).join(', ')}`);
    }
    const reserved = environments.find(e => e.name === ARGOCD_FOLDER);
    if (reserved && this.deploys(reserved.cluster)) {
      throw propError(`environment ${reserved.name}`, 'name', reserved.name, `"${ARGOCD_FOLDER}" is the folder of the Argo CD output; choose another environment name`);
    }
    if (alone && !this.props.allowUngatedEnvironments) this.checkGates(environments);
  }

  /**
   * Refuses an environment that comes `after` another, shares an app with
   * it and follows the same revision: Argo CD would sync both at once.
   */
  private checkGates(environments: DeliveryEnvironment[]): void {
    for (const env of environments.filter(e => this.deploys(e.cluster))) {
      const revision = this.revisionOf(env.name);
      const upstream = (env.props.after ?? []).find(u => this.revisionOf(u.name) === revision && u._folders.some(f => env._folders.some(g => g.name === f.name)));
      if (!upstream) continue;
      throw propError(this.where, `${this.prop}.environmentRevisions.${env.name}`, revision,
        `a revision other than ${upstream.name}'s: "${env.name}" comes after "${upstream.name}", but Argo CD syncs every commit of one revision in both at once (sync waves order only what the root applies); `
        + `give ${env.name} a branch of its own that CI moves once ${upstream.name} is healthy (environmentRevisions: { ${env.name}: 'release' }), or set allowUngatedEnvironments: true to accept it`);
    }
  }

  /** Whether Argo CD deploys `cluster`. */
  deploys(cluster: string): boolean {
    return this.clusters?.has(cluster) ?? true;
  }

  /** The revision the Applications of `environment` follow. */
  revisionOf(environment: string): string {
    return this.props.environmentRevisions?.[environment] ?? this.targetRevision;
  }

  /** The Application destination of `namespace` in `cluster`. */
  destinationOf(cluster: string, namespace: string): { server?: string; name?: string; namespace: string } {
    return this.destination === ArgoCdDestination.CLUSTER_NAME ? { name: cluster, namespace } : { server: IN_CLUSTER_SERVER, namespace };
  }

  /**
   * Records an Argo CD object's name (Applications and AppProjects of every
   * cluster share Argo CD's namespace): refuses a name longer than 63
   * characters (label tracking puts it in a label) or taken twice.
   */
  claim(kind: string, name: string, where: string): void {
    if (name.length > 63) throw propError(where, `${kind} name`, name, 'Argo CD object names have at most 63 characters (label tracking writes them into a label); shorten the cluster, environment or app name');
    const key = `${kind}/${name}`;
    const other = this.names.get(key);
    if (other !== undefined) throw propError(where, `${kind} name`, name, `${other} defines an ${kind} of that name in Argo CD's namespace "${this.namespace}" too; rename one of the environments, apps or clusters`);
    this.names.set(key, where);
  }
}
