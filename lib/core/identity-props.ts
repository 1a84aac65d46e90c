/** Props of an app's identity: its ServiceAccount and the namespaced Role it is bound to. */
import { ServiceAccountRef } from './object-refs';

/** What a Role rule allows on its resources. */
export enum ApiVerb {
  /** Read one object. */
  GET = 'get',
  /** List objects. */
  LIST = 'list',
  /** Watch objects. */
  WATCH = 'watch',
  /** Create objects. */
  CREATE = 'create',
  /** Replace objects. */
  UPDATE = 'update',
  /** Patch objects. */
  PATCH = 'patch',
  /** Delete one object. */
  DELETE = 'delete',
  /** Delete every object matching a selector. */
  DELETE_COLLECTION = 'deletecollection',
}

/**
 * One rule of the app's Role, within its namespace.
 */
export interface RoleRuleProps {
  /**
   * The API groups of the resources (`""` is the core group).
   *
   * @default [""]
   */
  readonly apiGroups?: string[];
  /** The namespaced resources, plural and lowercase (`configmaps`, `leases`, `pods/log`). */
  readonly resources: string[];
  /** What the app may do with them. */
  readonly verbs: ApiVerb[];
  /**
   * Only these objects.
   *
   * @default - every object of the resources
   */
  readonly resourceNames?: string[];
}

/**
 * The identity the app's pods run as.
 */
export interface AppServiceAccountProps {
  /**
   * Run as an existing ServiceAccount instead of defining one.
   *
   * @default - a ServiceAccount `<name>` is defined
   */
  readonly existing?: ServiceAccountRef;
  /**
   * Annotations of the defined ServiceAccount, e.g. for cloud workload
   * identity (`eks.amazonaws.com/role-arn`, `iam.gke.io/gcp-service-account`,
   * `azure.workload.identity/client-id`).
   *
   * @default - none
   */
  readonly annotations?: Record<string, string>;
  /**
   * Rules of a Role `<name>` in the app's namespace, bound to the service
   * account by a RoleBinding `<name>`. Cluster-scoped access is refused: it
   * needs a ClusterRole, which an app should not bring.
   *
   * @default - no Role
   */
  readonly rules?: RoleRuleProps[];
}
