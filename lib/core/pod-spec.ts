/**
 * The pod spec of one version of an app: the main container with its ports,
 * env, probes and resources, the sidecars and init containers, the
 * PSS-restricted security context, the config, writable and user volumes,
 * and where the pods run. Internal: used by `AppModel`.
 */
import { createHash } from 'crypto';
import { k8s } from 'cdk8s-plus-28';
import { AppCommonProps, AppVersionProps } from './app-props';
import { ImagePullPolicy, SecurityProps } from './container-props';
import { buildContainer } from './containers';
import { serviceAccountName } from './identity';
import { Probe } from './probe';
import { PodSpread } from './scaling-props';
import { schedulingSpec, spreadPreset } from './scheduling';
import { AppContainerProps } from './sidecar-props';
import { buildMounts, buildVolume, CONFIG_VOLUME, extraWritablePrefix, MAIN_WRITABLE_PREFIX } from './volumes';

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
  const pullPolicy = props.imagePullPolicy ?? ImagePullPolicy.IF_NOT_PRESENT;
  const volumes = props.volumes ?? [];
  const main = buildContainer({
    name: app.appName,
    image: version.image,
    imagePullPolicy: pullPolicy,
    command: version.command,
    args: version.args,
    ports: [{ name: app.portName, port: app.containerPort }, ...(props.extraPorts ?? [])],
    env: version.env,
    envFrom: props.envFrom,
    resources: props.resources,
    readiness: props.readiness ?? Probe.tcp({ periodSeconds: 5 }),
    liveness: props.liveness,
    startup: props.startup,
    preStop: props.preStop,
    security,
    ownIds: false,
    writablePrefix: MAIN_WRITABLE_PREFIX,
    configMount: configName ? { name: CONFIG_VOLUME, mountPath: props.configMountPath ?? `/etc/${app.appName}`, readOnly: true } : undefined,
    mounts: buildMounts(props.volumeMounts, volumes),
  });
  const extra = (c: AppContainerProps) => buildContainer({
    ...c,
    imagePullPolicy: c.imagePullPolicy ?? pullPolicy,
    ports: c.ports ?? [],
    security: c.security ?? {},
    ownIds: true,
    writablePrefix: extraWritablePrefix(c.name),
    mounts: buildMounts(c.volumeMounts, volumes),
    restartPolicy: c.native ? 'Always' : undefined,
  });
  const sidecars = props.sidecars ?? [];
  const regular = sidecars.filter(c => !c.native).map(extra);
  // native sidecars start first, so the init containers can use them
  const inits = [...sidecars.filter(c => c.native), ...props.initContainers ?? []].map(extra);
  const allVolumes: k8s.Volume[] = [
    ...(configName ? [{ name: CONFIG_VOLUME, configMap: { name: configName } }] : []),
    ...main.volumes,
    ...volumes.map(buildVolume),
    ...[...regular, ...inits].flatMap(c => c.volumes),
  ];

  return {
    automountServiceAccountToken: props.automountServiceAccountToken ?? false,
    serviceAccountName: serviceAccountName(props),
    imagePullSecrets: props.imagePullSecrets?.map(name => ({ name })),
    terminationGracePeriodSeconds: props.terminationGracePeriodSeconds,
    securityContext: {
      runAsNonRoot: security.runAsNonRoot ?? true,
      runAsUser: security.runAsUser,
      runAsGroup: security.runAsGroup,
      fsGroup: security.fsGroup,
      seccompProfile: (security.seccompRuntimeDefault ?? true) ? { type: 'RuntimeDefault' } : undefined,
    },
    initContainers: inits.length ? inits.map(c => c.container) : undefined,
    containers: [main.container, ...regular.map(c => c.container)],
    volumes: allVolumes.length ? allVolumes : undefined,
    ...schedulingSpec(props.scheduling, spread(spreadPreset(props.spread, props.scheduling), selector), selector),
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
