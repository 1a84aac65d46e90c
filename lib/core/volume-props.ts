/** Props of the volumes an app's pods mount: Secrets, ConfigMaps, claims, emptyDirs and service account tokens. */
import { ConfigMapRef, ObjectRef, PersistentVolumeClaimRef, SecretRef } from './object-refs';

/** What a volume holds. */
export enum VolumeSourceKind {
  /** The keys of a Secret, as files. */
  SECRET = 'secret',
  /** The keys of a ConfigMap, as files. */
  CONFIG_MAP = 'configMap',
  /** A PersistentVolumeClaim. */
  PERSISTENT_VOLUME_CLAIM = 'persistentVolumeClaim',
  /** An empty directory that lives as long as the pod. */
  EMPTY_DIR = 'emptyDir',
  /** A service account token for an audience, refreshed by the kubelet (a projected volume). */
  SERVICE_ACCOUNT_TOKEN = 'serviceAccountToken',
}

/**
 * Options of a Secret or ConfigMap volume.
 */
export interface KeyFilesOptions {
  /**
   * The keys to mount and the relative file path of each (key to path);
   * other keys are left out.
   *
   * @default - every key, each as a file named after it
   */
  readonly items?: Record<string, string>;
  /**
   * The permission bits of the files (0 to 0o777).
   *
   * @default 0o644
   */
  readonly defaultMode?: number;
  /**
   * Start the pod even when the Secret or ConfigMap does not exist.
   *
   * @default false
   */
  readonly optional?: boolean;
}

/**
 * Options of an emptyDir volume.
 */
export interface EmptyDirOptions {
  /**
   * Back it with memory (tmpfs); its size then counts against the container's memory limit.
   *
   * @default false
   */
  readonly inMemory?: boolean;
  /**
   * The most it may hold (a quantity such as "1Gi"); the kubelet evicts the pod beyond it.
   *
   * @default - no limit
   */
  readonly sizeLimit?: string;
}

/**
 * Options of a projected service account token.
 */
export interface ServiceAccountTokenOptions {
  /** The audience the token is for (the `aud` claim), e.g. `sts.amazonaws.com` or `vault`. */
  readonly audience: string;
  /**
   * Seconds the token is valid; the kubelet refreshes it before it expires (at least 600).
   *
   * @default 3600
   */
  readonly expirationSeconds?: number;
  /**
   * The file name of the token inside the mount.
   *
   * @default "token"
   */
  readonly path?: string;
}

/**
 * Options of a PersistentVolumeClaim volume.
 */
export interface PersistentVolumeClaimOptions {
  /**
   * Mount the claim read-only in every container.
   *
   * @default false
   */
  readonly readOnly?: boolean;
}

/**
 * What a volume holds: a Secret, a ConfigMap, a PersistentVolumeClaim, an
 * emptyDir, or a projected service account token.
 */
export class VolumeSource {
  /** The keys of a Secret, as files. */
  public static secret(secret: SecretRef, options: KeyFilesOptions = {}): VolumeSource {
    return new VolumeSource(VolumeSourceKind.SECRET, secret, options, undefined, undefined, undefined);
  }

  /** The keys of a ConfigMap, as files. */
  public static configMap(configMap: ConfigMapRef, options: KeyFilesOptions = {}): VolumeSource {
    return new VolumeSource(VolumeSourceKind.CONFIG_MAP, configMap, options, undefined, undefined, undefined);
  }

  /** A PersistentVolumeClaim (mind its access mode when several replicas mount it). */
  public static persistentVolumeClaim(claim: PersistentVolumeClaimRef, options: PersistentVolumeClaimOptions = {}): VolumeSource {
    return new VolumeSource(VolumeSourceKind.PERSISTENT_VOLUME_CLAIM, claim, undefined, undefined, undefined, options);
  }

  /** An empty directory that lives as long as the pod. */
  public static emptyDir(options: EmptyDirOptions = {}): VolumeSource {
    return new VolumeSource(VolumeSourceKind.EMPTY_DIR, undefined, undefined, options, undefined, undefined);
  }

  /** A service account token for `audience` (workload identity, Vault), refreshed by the kubelet. */
  public static serviceAccountToken(options: ServiceAccountTokenOptions): VolumeSource {
    return new VolumeSource(VolumeSourceKind.SERVICE_ACCOUNT_TOKEN, undefined, undefined, undefined, options, undefined);
  }

  private constructor(
    /** What the volume holds. */
    public readonly kind: VolumeSourceKind,
    /** The Secret, ConfigMap or claim, for those kinds. */
    public readonly ref: ObjectRef | undefined,
    /** The options of a Secret or ConfigMap volume. */
    public readonly keyFiles: KeyFilesOptions | undefined,
    /** The options of an emptyDir. */
    public readonly emptyDirOptions: EmptyDirOptions | undefined,
    /** The options of a service account token. */
    public readonly tokenOptions: ServiceAccountTokenOptions | undefined,
    /** The options of a claim. */
    public readonly claimOptions: PersistentVolumeClaimOptions | undefined) {}
}

/**
 * A volume of the app's pods, mounted by name in any container.
 */
export interface VolumeProps {
  /** The volume name (a DNS-1123 label), unique in the pod. */
  readonly name: string;
  /** What it holds. */
  readonly source: VolumeSource;
}

/**
 * Where a container mounts one of the app's `volumes`.
 */
export interface VolumeMountProps {
  /** The name of a volume in `volumes`. */
  readonly volume: string;
  /** The absolute path in the container. */
  readonly path: string;
  /**
   * Mount it read-only.
   *
   * @default - true for Secrets, ConfigMaps and tokens; the claim's `readOnly` for claims; false for emptyDirs
   */
  readonly readOnly?: boolean;
  /**
   * A path inside the volume to mount instead of its root (relative, without "..").
   *
   * @default - the volume's root
   */
  readonly subPath?: string;
}
