/**
 * References to objects an app's pods use (Secrets, ConfigMaps, claims,
 * service accounts): by name, or the object a cdk8s-plus-28 construct or a
 * cdk8s `ApiObject` defines, so a user who already holds one passes it
 * instead of repeating its name.
 */
import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { propError } from './errors';

/** A name and namespace read from a construct, after checking its kind. */
interface Resolved {
  readonly name: string;
  readonly namespace?: string;
}

/** The name and namespace of a cdk8s-plus resource (imported ones have no namespace). */
function fromResource(resource: kplus.IResource): Resolved {
  const metadata = (resource as { metadata?: { namespace?: string } }).metadata;
  return { name: resource.name, namespace: metadata?.namespace };
}

/** The name and namespace of an ApiObject of `kind`. */
function fromApiObject(factory: string, kind: string, obj: ApiObject): Resolved {
  if (obj?.kind !== kind) throw propError(factory, 'obj', obj?.kind, `must be an ApiObject of kind ${kind}`);
  return { name: obj.name, namespace: obj.metadata.namespace };
}

/**
 * A reference to an object of the app's namespace; see `SecretRef`,
 * `ConfigMapRef`, `PersistentVolumeClaimRef` and `ServiceAccountRef`.
 */
export abstract class ObjectRef {
  protected constructor(
    /** The object's kind. */
    public readonly kind: string,
    /** The object's name. */
    public readonly name: string,
    /** The namespace the construct defines it in, when it says. */
    public readonly namespace: string | undefined) {}
}

/** A Secret in the app's namespace. */
export class SecretRef extends ObjectRef {
  /** The Secret `name`. */
  public static fromName(name: string): SecretRef {
    return new SecretRef({ name });
  }

  /** The Secret a cdk8s-plus-28 construct defines or imports. */
  public static fromSecret(secret: kplus.ISecret): SecretRef {
    return new SecretRef(fromResource(secret));
  }

  /** The Secret a cdk8s `ApiObject` defines (kind `Secret`). */
  public static fromApiObject(obj: ApiObject): SecretRef {
    return new SecretRef(fromApiObject('SecretRef.fromApiObject', 'Secret', obj));
  }

  private constructor(r: Resolved) {
    super('Secret', r.name, r.namespace);
  }
}

/** A ConfigMap in the app's namespace. */
export class ConfigMapRef extends ObjectRef {
  /** The ConfigMap `name`. */
  public static fromName(name: string): ConfigMapRef {
    return new ConfigMapRef({ name });
  }

  /** The ConfigMap a cdk8s-plus-28 construct defines or imports. */
  public static fromConfigMap(configMap: kplus.IConfigMap): ConfigMapRef {
    return new ConfigMapRef(fromResource(configMap));
  }

  /** The ConfigMap a cdk8s `ApiObject` defines (kind `ConfigMap`). */
  public static fromApiObject(obj: ApiObject): ConfigMapRef {
    return new ConfigMapRef(fromApiObject('ConfigMapRef.fromApiObject', 'ConfigMap', obj));
  }

  private constructor(r: Resolved) {
    super('ConfigMap', r.name, r.namespace);
  }
}

/** A PersistentVolumeClaim in the app's namespace. */
export class PersistentVolumeClaimRef extends ObjectRef {
  /** The claim `name`. */
  public static fromName(name: string): PersistentVolumeClaimRef {
    return new PersistentVolumeClaimRef({ name });
  }

  /** The claim a cdk8s-plus-28 construct defines or imports. */
  public static fromClaim(claim: kplus.IPersistentVolumeClaim): PersistentVolumeClaimRef {
    return new PersistentVolumeClaimRef(fromResource(claim));
  }

  /** The claim a cdk8s `ApiObject` defines (kind `PersistentVolumeClaim`). */
  public static fromApiObject(obj: ApiObject): PersistentVolumeClaimRef {
    return new PersistentVolumeClaimRef(fromApiObject('PersistentVolumeClaimRef.fromApiObject', 'PersistentVolumeClaim', obj));
  }

  private constructor(r: Resolved) {
    super('PersistentVolumeClaim', r.name, r.namespace);
  }
}

/** A ServiceAccount in the app's namespace. */
export class ServiceAccountRef extends ObjectRef {
  /** The ServiceAccount `name`. */
  public static fromName(name: string): ServiceAccountRef {
    return new ServiceAccountRef({ name });
  }

  /** The ServiceAccount a cdk8s-plus-28 construct defines or imports. */
  public static fromServiceAccount(serviceAccount: kplus.IServiceAccount): ServiceAccountRef {
    return new ServiceAccountRef(fromResource(serviceAccount));
  }

  /** The ServiceAccount a cdk8s `ApiObject` defines (kind `ServiceAccount`). */
  public static fromApiObject(obj: ApiObject): ServiceAccountRef {
    return new ServiceAccountRef(fromApiObject('ServiceAccountRef.fromApiObject', 'ServiceAccount', obj));
  }

  private constructor(r: Resolved) {
    super('ServiceAccount', r.name, r.namespace);
  }
}
