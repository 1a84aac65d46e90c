/**
 * The pod spec of one version of an app: the main container with its ports,
 * env, probes and resources, the PSS-restricted security context, the config
 * and writable volumes, and the spreading rule. Internal: used by `AppModel`.
 */
import { createHash } from 'crypto';
import { k8s } from 'cdk8s-plus-28';
import { AppCommonProps, AppVersionProps } from './app-props';
import { ImagePullPolicy, ResourcesProps, SecurityProps } from './container-props';
import { PodSpread } from './scaling-props';
import { EnvSourceKind } from './env-from';
import { Probe, ProbeKind } from './probe';

/** The default resources, which `resources` props override one by one. */
export const DEFAULT_RESOURCES: ResourcesProps = { cpuRequest: '100m', memoryRequest: '128Mi', memoryLimit: '256Mi' };

/** What the pod spec reads from the app model. */
export interface PodSpecSource {
  readonly props: AppCommonProps;
  readonly appName: string;
  readonly containerPort: number;
  readonly portName: string;
}

/** The pod spec of `version`, its pods selected by `selector`, with the ConfigMap `configName` mounted when given. */
export function podSpec(app: PodSpecSource, version: AppVersionProps, selector: Record<string, string>, configName: string | undefined): k8s.PodSpec {
  const props = app.props;
  const security: SecurityProps = props.security ?? {};
  const readOnlyRoot = security.readOnlyRootFilesystem ?? true;
  const writablePaths = readOnlyRoot ? security.writablePaths ?? ['/tmp'] : [];
  const volumes: k8s.Volume[] = [];
  const mounts: k8s.VolumeMount[] = [];
  if (configName) {
    volumes.push({ name: 'config', configMap: { name: configName } });
    mounts.push({ name: 'config', mountPath: props.configMountPath ?? `/etc/${app.appName}`, readOnly: true });
  }
  writablePaths.forEach((path, i) => {
    const volumeName = `writable-${i}`;
    volumes.push({ name: volumeName, emptyDir: {} });
    mounts.push({ name: volumeName, mountPath: path });
  });

  const env: k8s.EnvVar[] = Object.entries(sortKeys(version.env ?? {})).map(([name, value]) => ({ name, value }));
  const envFrom: k8s.EnvFromSource[] = [];
  for (const source of props.envFrom ?? []) {
    if (source.variable !== undefined) {
      const ref = { name: source.name, key: source.key! };
      env.push({ name: source.variable, valueFrom: source.kind === EnvSourceKind.SECRET ? { secretKeyRef: ref } : { configMapKeyRef: ref } });
    } else {
      envFrom.push(source.kind === EnvSourceKind.SECRET ? { secretRef: { name: source.name } } : { configMapRef: { name: source.name } });
    }
  }

  const capabilities: k8s.Capabilities = {
    drop: (security.dropAllCapabilities ?? true) ? ['ALL'] : undefined,
    add: security.allowBindLowPorts ? ['NET_BIND_SERVICE'] : undefined,
  };
  const container: k8s.Container = {
    name: app.appName,
    image: version.image,
    imagePullPolicy: props.imagePullPolicy ?? ImagePullPolicy.IF_NOT_PRESENT,
    command: version.command,
    args: version.args,
    ports: [
      { name: app.portName, containerPort: app.containerPort, protocol: 'TCP' },
      ...(props.extraPorts ?? []).map(p => ({ name: p.name, containerPort: p.port, protocol: p.protocol ?? 'TCP' })),
    ],
    env: env.length ? env : undefined,
    envFrom: envFrom.length ? envFrom : undefined,
    resources: resources(props.resources),
    readinessProbe: probe(props.readiness ?? Probe.tcp({ periodSeconds: 5 }), app.portName),
    livenessProbe: props.liveness ? probe(props.liveness, app.portName) : undefined,
    startupProbe: props.startup ? probe(props.startup, app.portName) : undefined,
    securityContext: {
      allowPrivilegeEscalation: security.allowPrivilegeEscalation ?? false,
      readOnlyRootFilesystem: readOnlyRoot,
      capabilities: capabilities.drop || capabilities.add ? capabilities : undefined,
    },
    volumeMounts: mounts.length ? mounts : undefined,
  };

  return {
    automountServiceAccountToken: props.automountServiceAccountToken ?? false,
    serviceAccountName: props.serviceAccountName,
    imagePullSecrets: props.imagePullSecrets?.map(name => ({ name })),
    terminationGracePeriodSeconds: props.terminationGracePeriodSeconds,
    securityContext: {
      runAsNonRoot: security.runAsNonRoot ?? true,
      runAsUser: security.runAsUser,
      runAsGroup: security.runAsGroup,
      fsGroup: security.fsGroup,
      seccompProfile: (security.seccompRuntimeDefault ?? true) ? { type: 'RuntimeDefault' } : undefined,
    },
    containers: [container],
    volumes: volumes.length ? volumes : undefined,
    ...spread(props.spread ?? PodSpread.HOSTNAME, selector),
  };
}

function probe(given: Probe, defaultPort: string): k8s.Probe {
  const o = given.options;
  // a port given by number must be emitted as a number: the API server takes a string only as a port name
  const port = o.port !== undefined && /^[0-9]+$/.test(o.port) ? k8s.IntOrString.fromNumber(Number(o.port)) : k8s.IntOrString.fromString(o.port ?? defaultPort);
  return {
    httpGet: given.kind === ProbeKind.HTTP ? { path: given.path, port } : undefined,
    tcpSocket: given.kind === ProbeKind.TCP ? { port } : undefined,
    exec: given.kind === ProbeKind.EXEC ? { command: given.command } : undefined,
    initialDelaySeconds: o.initialDelaySeconds,
    periodSeconds: o.periodSeconds,
    timeoutSeconds: o.timeoutSeconds,
    failureThreshold: o.failureThreshold,
  };
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

function spread(policy: PodSpread, selector: Record<string, string>): Partial<k8s.PodSpec> {
  const constraint = (topologyKey: string): k8s.TopologySpreadConstraint => ({
    maxSkew: 1, topologyKey, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: selector },
  });
  switch (policy) {
    case PodSpread.HOSTNAME:
      return { topologySpreadConstraints: [constraint('kubernetes.io/hostname')] };
    case PodSpread.ZONE_AND_HOSTNAME:
      return { topologySpreadConstraints: [constraint('topology.kubernetes.io/zone'), constraint('kubernetes.io/hostname')] };
    case PodSpread.ANTI_AFFINITY:
      return {
        affinity: {
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [{
              weight: 100,
              podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: selector } },
            }],
          },
        },
      };
    default:
      return {};
  }
}

/** The record with its keys in code-point order (locale-independent). */
export function sortKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A stable sha256 over the config files (sorted by name). */
export function configChecksum(files: Record<string, string>): string {
  const hash = createHash('sha256');
  for (const [name, content] of Object.entries(sortKeys(files))) hash.update(`${name}\0${content}\0`);
  return hash.digest('hex');
}
