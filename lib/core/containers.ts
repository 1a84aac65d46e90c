/**
 * The containers of an app's pods, main container, sidecars and init
 * containers alike: one builder, so each gets the PSS-restricted security
 * context (with the same opt-outs), its writable emptyDirs, env, resources,
 * probes and preStop hook. Internal: used by the pod spec.
 */
import { k8s } from 'cdk8s-plus-28';
import { ContainerPortProps, ImagePullPolicy, ResourcesProps, SecurityProps } from './container-props';
import { EnvFrom, EnvSourceKind } from './env-from';
import { PreStop, PreStopKind } from './lifecycle-props';
import { Probe, ProbeKind } from './probe';
import { AppContainerProps } from './sidecar-props';

/** The default resources, which `resources` props override one by one. */
export const DEFAULT_RESOURCES: ResourcesProps = { cpuRequest: '100m', memoryRequest: '128Mi', memoryLimit: '256Mi' };

/** One container, as the pod spec describes it (the main container's fields come from the app and version props). */
export interface ContainerSpec extends Pick<AppContainerProps, 'name' | 'image' | 'command' | 'args' | 'env' | 'envFrom' | 'resources' | 'readiness' | 'liveness' | 'startup' | 'preStop'> {
  readonly imagePullPolicy: ImagePullPolicy;
  readonly ports: ContainerPortProps[];
  readonly security: SecurityProps;
  /** Whether the user and group ids of `security` are set on the container (sidecars) rather than the pod (main container). */
  readonly ownIds: boolean;
  /** The prefix of its writable emptyDir volumes (`writable` gives `writable-0`, ...). */
  readonly writablePrefix: string;
  /** The mount of the app's config files (main container), before the writable mounts. */
  readonly configMount?: k8s.VolumeMount;
  /** The mounts of the app's volumes, after the writable mounts. */
  readonly mounts: k8s.VolumeMount[];
  /** `Always` for a native sidecar. */
  readonly restartPolicy?: string;
}

/** The writable paths of a container: `/tmp` (or `writablePaths`) under a read-only root filesystem. */
export function writablePaths(security: SecurityProps): string[] {
  return (security.readOnlyRootFilesystem ?? true) ? security.writablePaths ?? ['/tmp'] : [];
}

/** The writable volume names of a container, in the order of `writablePaths`. */
export function writableVolumeNames(prefix: string, security: SecurityProps): string[] {
  return writablePaths(security).map((_, i) => `${prefix}-${i}`);
}

/** The container and the emptyDir volumes of its writable paths. */
export function buildContainer(spec: ContainerSpec): { container: k8s.Container; volumes: k8s.Volume[] } {
  const security = spec.security;
  const names = writableVolumeNames(spec.writablePrefix, security);
  const paths = writablePaths(security);
  const mounts = [...(spec.configMount ? [spec.configMount] : []), ...names.map((name, i) => ({ name, mountPath: paths[i] })), ...spec.mounts];
  const { env, envFrom } = environment(spec.env, spec.envFrom);
  const defaultPort = spec.ports[0]?.name;
  const container: k8s.Container = {
    name: spec.name,
    image: spec.image,
    imagePullPolicy: spec.imagePullPolicy,
    command: spec.command,
    args: spec.args,
    ports: spec.ports.length ? spec.ports.map(p => ({ name: p.name, containerPort: p.port, protocol: p.protocol ?? 'TCP' })) : undefined,
    env: env.length ? env : undefined,
    envFrom: envFrom.length ? envFrom : undefined,
    resources: resources(spec.resources),
    readinessProbe: spec.readiness ? probe(spec.readiness, defaultPort) : undefined,
    livenessProbe: spec.liveness ? probe(spec.liveness, defaultPort) : undefined,
    startupProbe: spec.startup ? probe(spec.startup, defaultPort) : undefined,
    lifecycle: spec.preStop ? { preStop: preStop(spec.preStop, defaultPort) } : undefined,
    securityContext: containerSecurityContext(security, spec.ownIds),
    volumeMounts: mounts.length ? mounts : undefined,
    restartPolicy: spec.restartPolicy,
  };
  return { container, volumes: names.map(name => ({ name, emptyDir: {} })) };
}

/**
 * The container security context: no privilege escalation, a read-only root
 * filesystem and every capability dropped unless opted out; with `ownIds`,
 * the user, group and non-root settings given here (the pod's apply otherwise).
 */
function containerSecurityContext(security: SecurityProps, ownIds: boolean): k8s.SecurityContext {
  const capabilities: k8s.Capabilities = {
    drop: (security.dropAllCapabilities ?? true) ? ['ALL'] : undefined,
    add: security.allowBindLowPorts ? ['NET_BIND_SERVICE'] : undefined,
  };
  return {
    allowPrivilegeEscalation: security.allowPrivilegeEscalation ?? false,
    readOnlyRootFilesystem: security.readOnlyRootFilesystem ?? true,
    capabilities: capabilities.drop || capabilities.add ? capabilities : undefined,
    runAsNonRoot: ownIds ? security.runAsNonRoot : undefined,
    runAsUser: ownIds ? security.runAsUser : undefined,
    runAsGroup: ownIds ? security.runAsGroup : undefined,
  };
}

/** Plain variables (in code-point order) and those read from ConfigMaps and Secrets. */
function environment(plain: Record<string, string> = {}, sources: EnvFrom[] = []): { env: k8s.EnvVar[]; envFrom: k8s.EnvFromSource[] } {
  const env: k8s.EnvVar[] = Object.entries(plain).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, value]) => ({ name, value }));
  const envFrom: k8s.EnvFromSource[] = [];
  for (const source of sources) {
    if (source.variable !== undefined) {
      const ref = { name: source.name, key: source.key! };
      env.push({ name: source.variable, valueFrom: source.kind === EnvSourceKind.SECRET ? { secretKeyRef: ref } : { configMapKeyRef: ref } });
    } else {
      envFrom.push(source.kind === EnvSourceKind.SECRET ? { secretRef: { name: source.name } } : { configMapRef: { name: source.name } });
    }
  }
  return { env, envFrom };
}

/** A port given by name or number: a number must be emitted as one (the API server takes a string only as a port name). */
function portOf(port: string | undefined, defaultPort: string | undefined): k8s.IntOrString {
  return port !== undefined && /^[0-9]+$/.test(port) ? k8s.IntOrString.fromNumber(Number(port)) : k8s.IntOrString.fromString(port ?? defaultPort!);
}

function probe(given: Probe, defaultPort: string | undefined): k8s.Probe {
  const o = given.options;
  const port = given.kind === ProbeKind.EXEC ? undefined : portOf(o.port, defaultPort);
  return {
    httpGet: given.kind === ProbeKind.HTTP ? { path: given.path, port: port! } : undefined,
    tcpSocket: given.kind === ProbeKind.TCP ? { port: port! } : undefined,
    exec: given.kind === ProbeKind.EXEC ? { command: given.command } : undefined,
    initialDelaySeconds: o.initialDelaySeconds,
    periodSeconds: o.periodSeconds,
    timeoutSeconds: o.timeoutSeconds,
    failureThreshold: o.failureThreshold,
  };
}

function preStop(hook: PreStop, defaultPort: string | undefined): k8s.LifecycleHandler {
  return hook.kind === PreStopKind.HTTP_GET
    ? { httpGet: { path: hook.path, port: portOf(hook.port, defaultPort) } }
    : { exec: { command: hook.command } };
}

function resources(given: ResourcesProps = {}): k8s.ResourceRequirements {
  const q = (key: keyof ResourcesProps) => {
    const v = given[key] ?? DEFAULT_RESOURCES[key];
    return v === undefined ? undefined : k8s.Quantity.fromString(v);
  };
  const pick = (entries: Record<string, k8s.Quantity | undefined>) => {
    const defined = Object.entries(entries).filter(([, v]) => v !== undefined);
    return defined.length ? Object.fromEntries(defined) as Record<string, k8s.Quantity> : undefined;
  };
  return {
    requests: pick({ 'cpu': q('cpuRequest'), 'memory': q('memoryRequest'), 'ephemeral-storage': q('ephemeralStorageRequest') }),
    limits: pick({ 'cpu': q('cpuLimit'), 'memory': q('memoryLimit'), 'ephemeral-storage': q('ephemeralStorageLimit') }),
  };
}
