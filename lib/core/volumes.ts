/**
 * The app's volumes and their mounts: checks (names, sources, paths and
 * their collisions in each container) and the Kubernetes objects. Internal.
 */
import { k8s } from 'cdk8s-plus-28';
import { AppCommonProps } from './app-props';
import { Check, normalizeMountPath } from './check';
import { SecurityProps } from './container-props';
import { writablePaths, writableVolumeNames } from './containers';
import { propError, Where } from './errors';
import { checkRef } from './object-ref-check';
import { VolumeMountProps, VolumeProps, VolumeSource, VolumeSourceKind } from './volume-props';

/** The volume of the app's config files. */
export const CONFIG_VOLUME = 'config';
/** The prefix of the main container's writable volumes. */
export const MAIN_WRITABLE_PREFIX = 'writable';
/** The shortest a projected token may live (the API server's minimum). */
const MIN_TOKEN_SECONDS = 600;
/** The longest a projected token may live (2^32 seconds, the API server's maximum). */
const MAX_TOKEN_SECONDS = 2 ** 32;
/** Kinds that the kubelet always mounts read-only. */
const READ_ONLY_KINDS = [VolumeSourceKind.SECRET, VolumeSourceKind.CONFIG_MAP, VolumeSourceKind.SERVICE_ACCOUNT_TOKEN];

/** One container's mounts, for the checks. */
interface ContainerMounts {
  /** The prop path of its mounts (`volumeMounts`, `sidecars[0].volumeMounts`). */
  readonly prop: string;
  readonly mounts: VolumeMountProps[];
  readonly security: SecurityProps;
  /** The prop path of its writable paths. */
  readonly securityProp: string;
}

/** The writable-volume prefix of a sidecar or init container. */
export function extraWritablePrefix(containerName: string): string {
  return `${containerName}-writable`;
}

/** The Kubernetes volume of `v`. */
export function buildVolume(v: VolumeProps): k8s.Volume {
  const s = v.source;
  const keyFiles = s.keyFiles ?? {};
  const items = keyFiles.items ? Object.entries(keyFiles.items).map(([key, path]) => ({ key, path })) : undefined;
  switch (s.kind) {
    case VolumeSourceKind.SECRET:
      return { name: v.name, secret: { secretName: s.ref!.name, items, defaultMode: keyFiles.defaultMode, optional: keyFiles.optional } };
    case VolumeSourceKind.CONFIG_MAP:
      return { name: v.name, configMap: { name: s.ref!.name, items, defaultMode: keyFiles.defaultMode, optional: keyFiles.optional } };
    case VolumeSourceKind.PERSISTENT_VOLUME_CLAIM:
      return { name: v.name, persistentVolumeClaim: { claimName: s.ref!.name, readOnly: s.claimOptions?.readOnly || undefined } };
    case VolumeSourceKind.EMPTY_DIR: {
      const o = s.emptyDirOptions ?? {};
      return { name: v.name, emptyDir: { medium: o.inMemory ? 'Memory' : undefined, sizeLimit: o.sizeLimit !== undefined ? k8s.Quantity.fromString(o.sizeLimit) : undefined } };
    }
    case VolumeSourceKind.SERVICE_ACCOUNT_TOKEN: {
      const o = s.tokenOptions!;
      return { name: v.name, projected: { sources: [{ serviceAccountToken: { audience: o.audience, expirationSeconds: o.expirationSeconds ?? 3600, path: o.path ?? 'token' } }] } };
    }
  }
}

/** The Kubernetes mounts of `mounts`, read-only where the volume is. */
export function buildMounts(mounts: VolumeMountProps[] = [], volumes: VolumeProps[] = []): k8s.VolumeMount[] {
  return mounts.map(m => {
    const source = volumes.find(v => v.name === m.volume)!.source;
    const readOnly = m.readOnly ?? defaultReadOnly(source);
    return { name: m.volume, mountPath: m.path, subPath: m.subPath, readOnly: readOnly || undefined };
  });
}

function defaultReadOnly(source: VolumeSource): boolean {
  if (READ_ONLY_KINDS.includes(source.kind)) return true;
  return source.kind === VolumeSourceKind.PERSISTENT_VOLUME_CLAIM && (source.claimOptions?.readOnly ?? false);
}

/** Checks the volumes and every container's mounts of them. */
export function checkVolumes(scope: Where, props: AppCommonProps, namespace: string | undefined) {
  const volumes = props.volumes ?? [];
  const extras = [...(props.sidecars ?? []).map((c, i) => ['sidecars', c, i] as const), ...(props.initContainers ?? []).map((c, i) => ['initContainers', c, i] as const)];
  const reserved = new Map<string, string>([[CONFIG_VOLUME, 'the volume of the config files']]);
  writableVolumeNames(MAIN_WRITABLE_PREFIX, props.security ?? {}).forEach(n => reserved.set(n, 'a writable volume of the main container (security.writablePaths)'));
  for (const [list, c] of extras) writableVolumeNames(extraWritablePrefix(String(c?.name)), c?.security ?? {}).forEach(n => reserved.set(n, `a writable volume of ${list} "${c.name}"`));

  const names = new Set<string>();
  volumes.forEach((v, i) => {
    Check.dns1123Label(scope, `volumes[${i}].name`, v.name);
    if (names.has(v.name)) throw propError(scope, `volumes[${i}].name`, v.name, 'volume names must be unique in the pod');
    if (reserved.has(v.name)) throw propError(scope, `volumes[${i}].name`, v.name, `the name is taken by ${reserved.get(v.name)}; choose another`);
    names.add(v.name);
    checkSource(scope, `volumes[${i}].source`, v.source, namespace);
  });

  const containers: ContainerMounts[] = [
    { prop: 'volumeMounts', mounts: props.volumeMounts ?? [], security: props.security ?? {}, securityProp: 'security' },
    ...extras.map(([list, c, i]) => ({ prop: `${list}[${i}].volumeMounts`, mounts: c.volumeMounts ?? [], security: c.security ?? {}, securityProp: `${list}[${i}].security` })),
  ];
  const used = new Set<string>();
  for (const c of containers) {
    checkMounts(scope, c, volumes);
    c.mounts.forEach(m => used.add(m.volume));
  }
  volumes.forEach((v, i) => {
    if (!used.has(v.name)) throw propError(scope, `volumes[${i}].name`, v.name, 'no container mounts it: add it to volumeMounts (or a sidecar\'s), or remove it');
  });
}

/** Refuses a mount of the main container at the path where the config files are mounted. */
export function checkConfigMountPath(scope: Where, props: AppCommonProps, mountPath: string) {
  const clash = (props.volumeMounts ?? []).findIndex(m => normalizeMountPath(m.path) === normalizeMountPath(mountPath));
  if (clash >= 0) throw propError(scope, `volumeMounts[${clash}].path`, mountPath, 'the config files are mounted there (configMountPath); a container cannot mount two volumes at one path');
}

function checkMounts(scope: Where, c: ContainerMounts, volumes: VolumeProps[]) {
  const writable = writablePaths(c.security).map(normalizeMountPath);
  const paths = new Set(writable);
  c.mounts.forEach((m, i) => {
    const prop = `${c.prop}[${i}]`;
    const volume = volumes.find(v => v.name === m.volume);
    if (!volume) throw propError(scope, `${prop}.volume`, m.volume, `must name one of the volumes: ${volumes.map(v => v.name).join(', ') || '(none declared)'}`);
    const path = Check.mountPath(scope, `${prop}.path`, m.path);
    if (paths.has(path)) {
      const why = writable.includes(path) ? ` (a writable path: ${c.securityProp}.writablePaths)` : '';
      throw propError(scope, `${prop}.path`, m.path, `the container already mounts a volume there${why}; a container cannot mount two volumes at one path`);
    }
    paths.add(path);
    if (m.subPath !== undefined) checkRelativePath(scope, `${prop}.subPath`, m.subPath);
    if (m.readOnly === false && READ_ONLY_KINDS.includes(volume.source.kind)) {
      throw propError(scope, `${prop}.readOnly`, false, 'Secret, ConfigMap and token volumes are always mounted read-only');
    }
    if (m.readOnly === false && volume.source.claimOptions?.readOnly) {
      throw propError(scope, `${prop}.readOnly`, false, `the claim of volume "${m.volume}" is read-only (its readOnly option)`);
    }
  });
}

function checkSource(scope: Where, prop: string, s: VolumeSource, namespace: string | undefined) {
  if (!(s instanceof VolumeSource)) throw propError(scope, prop, s, 'must be a VolumeSource such as VolumeSource.secret(SecretRef.fromName("tls"))');
  if (s.ref !== undefined) checkRef(scope, `${prop}.ref`, s.ref, namespace);
  if (s.keyFiles) {
    Check.int(scope, `${prop}.defaultMode`, s.keyFiles.defaultMode, 0, 0o777);
    const files = new Map<string, string>();
    for (const [key, path] of Object.entries(s.keyFiles.items ?? {})) {
      Check.configMapKey(scope, `${prop}.items`, key);
      checkRelativePath(scope, `${prop}.items.${key}`, path);
      const file = path.split('/').filter(e => e !== '' && e !== '.').join('/');
      const other = [...files].find(([f]) => f === file || f.startsWith(`${file}/`) || file.startsWith(`${f}/`));
      if (other) {
        const clash = other[0] === file ? 'the same file' : `"${other[0]}" (one file cannot also be a folder of the other)`;
        throw propError(scope, `${prop}.items.${key}`, path, `key "${other[1]}" is written to ${clash}: give each key a path of its own, or the kubelet cannot write the volume and the pod never starts`);
      }
      files.set(file, key);
    }
  }
  Check.quantity(scope, `${prop}.sizeLimit`, s.emptyDirOptions?.sizeLimit);
  const token = s.tokenOptions;
  if (s.kind === VolumeSourceKind.SERVICE_ACCOUNT_TOKEN) {
    if (typeof token?.audience !== 'string' || token.audience.trim() === '') throw propError(scope, `${prop}.audience`, token?.audience, 'give the audience the token is for (its "aud" claim)');
    Check.int(scope, `${prop}.expirationSeconds`, token.expirationSeconds, MIN_TOKEN_SECONDS, MAX_TOKEN_SECONDS);
    if (token.path !== undefined) checkRelativePath(scope, `${prop}.path`, token.path);
  }
}

/** A relative path without ".." elements (what the API server takes for items, subPaths and token paths). */
function checkRelativePath(scope: Where, prop: string, value: string) {
  if (typeof value !== 'string' || value === '' || value.startsWith('/') || value.split('/').includes('..')) {
    throw propError(scope, prop, value, 'must be a relative path without ".." elements');
  }
}
