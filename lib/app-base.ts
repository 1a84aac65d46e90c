import { createHash } from 'crypto';
import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AppChart } from './app-chart';
import { AppCommonProps, AppVersionProps, ImagePullPolicy, PathType, PodSpread, ResourcesProps, SecurityProps } from './app-props';
import { CountOrPercent } from './count-or-percent';
import { EnvSourceKind } from './env-from';
import { propError } from './errors';
import { parseImage } from './image';
import { CONFIG_CHECKSUM_ANNOTATION, INSTANCE_LABEL, MANAGED_BY, MANAGED_BY_LABEL, NAME_LABEL, PART_OF_LABEL, VERSION_LABEL } from './labels';
import { Probe, ProbeKind } from './probe';
import { parseQuantity } from './quantity';
import { RolloutPlan } from './rollout-plan';
import { BasePlanProps } from './rollout-plan-props';
import { Check } from './validate';
import { toIntOrString, WorkloadOptions } from './workload';

/** The longest app name: `<name>-primary` must stay a 63-character DNS label. */
const MAX_NAME_LENGTH = 55;
/** The highest user or group id the API server accepts. */
const MAX_ID = 2147483647;
/** The API server's limit on the data of one ConfigMap. */
const MAX_CONFIG_MAP_BYTES = 1024 * 1024;
/** The default resources, which `resources` props override one by one. */
const DEFAULT_RESOURCES: ResourcesProps = { cpuRequest: '100m', memoryRequest: '128Mi', memoryLimit: '256Mi' };

/**
 * The shared app model: validates the common props and builds the objects
 * every strategy is made of (Deployment, ConfigMap, Service, Ingress, HPA,
 * PDB) with secure defaults and stable names.
 */
export abstract class AppBase extends Construct {
  /** The app name. */
  public readonly appName: string;
  /** The namespace set on every object, if any. */
  public readonly namespace?: string;
  /** The labels every Deployment selects on. */
  public readonly selectorLabels: Record<string, string>;
  /** The port clients use on the app's Services. */
  public readonly servicePort: number;
  /** The main container port. */
  public readonly containerPort: number;
  /** The main container port's name. */
  public readonly portName: string;
  /**
   * What the next rollout of this app will do: steps, timings, overhead,
   * gates, the commands to watch it and how to roll it back, computed from
   * the app's resolved props.
   */
  public abstract readonly plan: RolloutPlan;

  /** @internal */
  protected readonly _props: AppCommonProps;

  protected constructor(scope: Construct, id: string, props: AppCommonProps) {
    super(scope, id);
    this._props = props;
    Check.dns1035(this, 'name', props.name, MAX_NAME_LENGTH, ' (so that Flagger\'s "<name>-primary" stays within 63)');
    if (props.namespace !== undefined) Check.dns1123Label(this, 'namespace', props.namespace);
    this.appName = props.name;
    this.namespace = props.namespace;
    this.selectorLabels = { [NAME_LABEL]: props.name };
    this.containerPort = props.port ?? 8080;
    this.portName = props.portName ?? 'http';
    this.servicePort = props.servicePort ?? 80;
    this.validateCommon(props);
  }

  /**
   * The rollout plan props every app shares: name, namespace, per-pod
   * requests, the HPA's maximum and, in a `GitOpsLayout` environment, the
   * Flux Kustomization that applies the app.
   *
   * @internal
   */
  protected _planBase(): BasePlanProps {
    const props = this._props;
    const chart = Chart.of(this);
    return {
      name: props.name,
      namespace: this.namespace ?? chart.namespace,
      maxReplicas: props.autoscaling?.maxReplicas,
      cpuRequest: props.resources?.cpuRequest,
      memoryRequest: props.resources?.memoryRequest,
      fluxKustomization: isAppChart(chart) ? chart.fluxKustomizationName : undefined,
    };
  }

  /** Labels on every object of the app. @internal */
  protected _labels(extra: Record<string, string> = {}): Record<string, string> {
    return {
      ...this._props.labels,
      [NAME_LABEL]: this.appName,
      [INSTANCE_LABEL]: this.appName,
      [MANAGED_BY_LABEL]: MANAGED_BY,
      ...(this._props.partOf ? { [PART_OF_LABEL]: this._props.partOf } : {}),
      ...extra,
    };
  }

  /** Metadata for an object of the app. @internal */
  protected _metadata(name: string, extraLabels: Record<string, string> = {}, annotations: Record<string, string> = {}): k8s.ObjectMeta {
    const allAnnotations = { ...this._props.annotations, ...annotations };
    return {
      name,
      namespace: this.namespace,
      labels: this._labels(extraLabels),
      annotations: Object.keys(allAnnotations).length ? allAnnotations : undefined,
    };
  }

  /** Checks one version's props. @internal */
  protected _validateVersion(prefix: string, version: AppVersionProps | undefined) {
    if (!version) throw propError(this, prefix.replace(/\.$/, ''), version, 'a version (image and optional replicas, env, config files) is required');
    parseImage(this, `${prefix}image`, version.image);
    if (this._props.autoscaling === undefined) Check.int(this, `${prefix}replicas`, version.replicas, 0);
    const files = Object.entries(version.configFiles ?? {});
    for (const [file] of files) Check.configMapKey(this, `${prefix}configFiles`, file);
    const bytes = files.reduce((sum, [file, content]) => sum + Buffer.byteLength(file) + Buffer.byteLength(String(content)), 0);
    if (bytes > MAX_CONFIG_MAP_BYTES) {
      throw propError(this, `${prefix}configFiles`, files.map(([file]) => file), `the files add up to ${bytes} bytes; a ConfigMap holds at most 1 MiB (${MAX_CONFIG_MAP_BYTES} bytes)`);
    }
    const security = this._props.security ?? {};
    if (files.length && (security.readOnlyRootFilesystem ?? true)) {
      const mountPath = this._props.configMountPath ?? `/etc/${this.appName}`;
      const clash = (security.writablePaths ?? ['/tmp']).indexOf(mountPath);
      if (clash >= 0) throw propError(this, `security.writablePaths[${clash}]`, mountPath, `the config files are mounted there (configMountPath); a container cannot mount two volumes at one path`);
    }
    for (const key of Object.keys(version.env ?? {})) Check.envVarName(this, `${prefix}env`, key);
  }

  /** Replicas a version asks for (2 unless set). @internal */
  protected _replicasOf(version: AppVersionProps): number {
    return version.replicas ?? 2;
  }

  /** Whether an HPA scales the app. @internal */
  protected get _autoscaled(): boolean {
    return this._props.autoscaling !== undefined;
  }

  /** Defines the ConfigMap of one version, if it has config files. @internal */
  protected _configMap(id: string, workloadName: string, version: AppVersionProps, extraLabels: Record<string, string> = {}): k8s.KubeConfigMap | undefined {
    if (!version.configFiles || Object.keys(version.configFiles).length === 0) return undefined;
    return new k8s.KubeConfigMap(this, id, {
      metadata: this._metadata(`${workloadName}-config`, extraLabels),
      data: sortKeys(version.configFiles),
    });
  }

  /** Defines one Deployment of the app. @internal */
  protected _deployment(id: string, options: WorkloadOptions): k8s.KubeDeployment {
    const version = options.version;
    const image = parseImage(this, `${options.versionProp}image`, version.image);
    const selector = { ...this.selectorLabels, ...options.extraSelector };
    const versionLabel: Record<string, string> = image.tag && /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(image.tag) ? { [VERSION_LABEL]: image.tag } : {};
    const podLabels = { ...this._labels(), ...versionLabel, ...selector };
    const configName = version.configFiles && Object.keys(version.configFiles).length ? `${options.name}-config` : undefined;
    const podAnnotations: Record<string, string> = { ...this._props.podAnnotations };
    if (configName) podAnnotations[CONFIG_CHECKSUM_ANNOTATION] = checksum(version.configFiles!);

    return new k8s.KubeDeployment(this, id, {
      metadata: this._metadata(options.name, { ...versionLabel, ...options.extraSelector }),
      spec: {
        replicas: options.replicas,
        selector: { matchLabels: selector },
        ...options.spec,
        template: {
          metadata: {
            labels: podLabels,
            annotations: Object.keys(podAnnotations).length ? sortKeys(podAnnotations) : undefined,
          },
          spec: this.podSpec(version, selector, configName),
        },
      },
    });
  }

  /** Defines a ClusterIP Service on the main port. @internal */
  protected _service(id: string, name: string, selector: Record<string, string>, extraLabels: Record<string, string> = {}): k8s.KubeService {
    return new k8s.KubeService(this, id, {
      metadata: this._metadata(name, extraLabels),
      spec: {
        type: 'ClusterIP',
        selector,
        ports: [{ name: this.portName, port: this.servicePort, targetPort: k8s.IntOrString.fromString(this.portName), protocol: 'TCP' }],
      },
    });
  }

  /** Defines an Ingress to `serviceName` on the service port, from the `ingress` props. @internal */
  protected _ingress(id: string, name: string, serviceName: string, extraAnnotations: Record<string, string> = {}, hostsOverride?: string[]): k8s.KubeIngress {
    const ingress = this._props.ingress ?? {};
    const hosts = hostsOverride ?? ingress.hosts ?? [];
    const path = ingress.path ?? '/';
    const http: k8s.HttpIngressRuleValue = {
      paths: [{
        path,
        pathType: ingress.pathType ?? 'Prefix',
        backend: { service: { name: serviceName, port: { number: this.servicePort } } },
      }],
    };
    return new k8s.KubeIngress(this, id, {
      metadata: this._metadata(name, {}, { ...ingress.annotations, ...extraAnnotations }),
      spec: {
        ingressClassName: ingress.className,
        tls: ingress.tlsSecretName ? [{ hosts: hosts.length ? hosts : undefined, secretName: ingress.tlsSecretName }] : undefined,
        rules: hosts.length ? hosts.map(host => ({ host, http })) : [{ http }],
      },
    });
  }

  /** Defines the HPA for the Deployment `target`. @internal */
  protected _hpa(id: string, name: string, target: string, extraLabels: Record<string, string> = {}): k8s.KubeHorizontalPodAutoscalerV2 | undefined {
    const autoscaling = this._props.autoscaling;
    if (!autoscaling) return undefined;
    const cpu = autoscaling.cpuUtilization ?? (autoscaling.memoryUtilization === undefined ? 80 : undefined);
    const metric = (resource: string, utilization: number): k8s.MetricSpecV2 => ({
      type: 'Resource',
      resource: { name: resource, target: { type: 'Utilization', averageUtilization: utilization } },
    });
    return new k8s.KubeHorizontalPodAutoscalerV2(this, id, {
      metadata: this._metadata(name, extraLabels),
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target },
        minReplicas: this._minReplicas,
        maxReplicas: autoscaling.maxReplicas,
        metrics: [
          ...(cpu !== undefined ? [metric('cpu', cpu)] : []),
          ...(autoscaling.memoryUtilization !== undefined ? [metric('memory', autoscaling.memoryUtilization)] : []),
        ],
      },
    });
  }

  /** The lowest number of pods one version runs at steady state. @internal */
  protected get _minReplicas(): number {
    return this._props.autoscaling?.minReplicas ?? 2;
  }

  /** Defines the PDB for pods matching `selector`, when enabled for `replicas` pods. @internal */
  protected _pdb(id: string, name: string, selector: Record<string, string>, replicas: number, extraLabels: Record<string, string> = {}): k8s.KubePodDisruptionBudget | undefined {
    const budget = this._props.disruptionBudget ?? {};
    if (!(budget.enabled ?? replicas >= 2)) return undefined;
    const minAvailable = budget.minAvailable;
    const maxUnavailable = minAvailable ? undefined : budget.maxUnavailable ?? CountOrPercent.count(1);
    return new k8s.KubePodDisruptionBudget(this, id, {
      metadata: this._metadata(name, extraLabels),
      spec: {
        selector: { matchLabels: selector },
        maxUnavailable: maxUnavailable ? toIntOrString(maxUnavailable) : undefined,
        minAvailable: minAvailable ? toIntOrString(minAvailable) : undefined,
        unhealthyPodEvictionPolicy: 'AlwaysAllow',
      },
    });
  }

  private podSpec(version: AppVersionProps, selector: Record<string, string>, configName: string | undefined): k8s.PodSpec {
    const props = this._props;
    const security: SecurityProps = props.security ?? {};
    const readOnlyRoot = security.readOnlyRootFilesystem ?? true;
    const writablePaths = readOnlyRoot ? security.writablePaths ?? ['/tmp'] : [];
    const volumes: k8s.Volume[] = [];
    const mounts: k8s.VolumeMount[] = [];
    if (configName) {
      volumes.push({ name: 'config', configMap: { name: configName } });
      mounts.push({ name: 'config', mountPath: props.configMountPath ?? `/etc/${this.appName}`, readOnly: true });
    }
    writablePaths.forEach((path, i) => {
      const volumeName = `writable-${i}`;
      volumes.push({ name: volumeName, emptyDir: {} });
      mounts.push({ name: volumeName, mountPath: path });
    });

    const env: k8s.EnvVar[] = Object.entries(version.env ?? {}).sort(([a], [b]) => a.localeCompare(b)).map(([name, value]) => ({ name, value }));
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
      name: this.appName,
      image: version.image,
      imagePullPolicy: props.imagePullPolicy ?? ImagePullPolicy.IF_NOT_PRESENT,
      command: version.command,
      args: version.args,
      ports: [
        { name: this.portName, containerPort: this.containerPort, protocol: 'TCP' },
        ...(props.extraPorts ?? []).map(p => ({ name: p.name, containerPort: p.port, protocol: p.protocol ?? 'TCP' })),
      ],
      env: env.length ? env : undefined,
      envFrom: envFrom.length ? envFrom : undefined,
      resources: resources(props.resources),
      readinessProbe: this.probe(props.readiness ?? Probe.tcp({ periodSeconds: 5 })),
      livenessProbe: props.liveness ? this.probe(props.liveness) : undefined,
      startupProbe: props.startup ? this.probe(props.startup) : undefined,
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

  private probe(probe: Probe): k8s.Probe {
    const o = probe.options;
    // a port given by number must be emitted as a number: the API server takes a string only as a port name
    const port = o.port !== undefined && /^[0-9]+$/.test(o.port) ? k8s.IntOrString.fromNumber(Number(o.port)) : k8s.IntOrString.fromString(o.port ?? this.portName);
    return {
      httpGet: probe.kind === ProbeKind.HTTP ? { path: probe.path, port } : undefined,
      tcpSocket: probe.kind === ProbeKind.TCP ? { port } : undefined,
      exec: probe.kind === ProbeKind.EXEC ? { command: probe.command } : undefined,
      initialDelaySeconds: o.initialDelaySeconds,
      periodSeconds: o.periodSeconds,
      timeoutSeconds: o.timeoutSeconds,
      failureThreshold: o.failureThreshold,
    };
  }

  private validateCommon(props: AppCommonProps) {
    Check.port(this, 'port', props.port);
    Check.portName(this, 'portName', this.portName);
    Check.port(this, 'servicePort', props.servicePort);
    const portNames = new Set([this.portName]);
    const portNumbers = new Set([this.containerPort]);
    (props.extraPorts ?? []).forEach((p, i) => {
      Check.portName(this, `extraPorts[${i}].name`, p.name);
      Check.port(this, `extraPorts[${i}].port`, p.port);
      if (portNames.has(p.name)) throw propError(this, `extraPorts[${i}].name`, p.name, 'port names must be unique within the container');
      if (portNumbers.has(p.port)) throw propError(this, `extraPorts[${i}].port`, p.port, 'port numbers must be unique within the container');
      portNames.add(p.name);
      portNumbers.add(p.port);
    });
    for (const [prop, probe] of [['readiness', props.readiness], ['liveness', props.liveness], ['startup', props.startup]] as const) {
      if (!probe) continue;
      const port = probe.options.port;
      if (probe.kind !== ProbeKind.EXEC && port !== undefined && !portNames.has(port) && !portNumbers.has(Number(port))) {
        throw propError(this, `${prop}.port`, port, `probes must target a declared container port: ${[...portNames].join(', ')}`);
      }
      if (probe.kind === ProbeKind.HTTP && !probe.path?.startsWith('/')) throw propError(this, `${prop}.path`, probe.path, 'HTTP probe paths start with "/"');
      if (probe.kind === ProbeKind.EXEC && !(probe.command?.length)) throw propError(this, `${prop}.command`, probe.command, 'exec probes need a command');
      Check.int(this, `${prop}.periodSeconds`, probe.options.periodSeconds, 1);
      Check.int(this, `${prop}.timeoutSeconds`, probe.options.timeoutSeconds, 1);
      Check.int(this, `${prop}.failureThreshold`, probe.options.failureThreshold, 1);
      Check.int(this, `${prop}.initialDelaySeconds`, probe.options.initialDelaySeconds, 0);
    }
    const r = props.resources ?? {};
    for (const key of ['cpuRequest', 'cpuLimit', 'memoryRequest', 'memoryLimit', 'ephemeralStorageRequest', 'ephemeralStorageLimit'] as const) {
      Check.quantity(this, `resources.${key}`, r[key]);
    }
    for (const resource of ['cpu', 'memory', 'ephemeralStorage'] as const) {
      const request = r[`${resource}Request`] ?? DEFAULT_RESOURCES[`${resource}Request`];
      const limit = r[`${resource}Limit`] ?? DEFAULT_RESOURCES[`${resource}Limit`];
      if (request !== undefined && limit !== undefined && parseQuantity(request)! > parseQuantity(limit)!) {
        const defaulted = r[`${resource}Limit`] === undefined ? ', the default' : '';
        throw propError(this, `resources.${resource}Request`, request, `a request cannot exceed its limit (resources.${resource}Limit: ${limit}${defaulted}); raise the limit too`);
      }
    }
    if (props.configMountPath !== undefined) Check.absolutePath(this, 'configMountPath', props.configMountPath);
    (props.security?.writablePaths ?? []).forEach((p, i, all) => {
      Check.absolutePath(this, `security.writablePaths[${i}]`, p);
      if (all.indexOf(p) !== i) throw propError(this, `security.writablePaths[${i}]`, p, 'paths must be unique: a container cannot mount two volumes at one path');
    });
    for (const key of ['runAsUser', 'runAsGroup', 'fsGroup'] as const) Check.int(this, `security.${key}`, props.security?.[key], 0, MAX_ID);
    if (props.security?.runAsUser === 0 && (props.security.runAsNonRoot ?? true)) {
      throw propError(this, 'security.runAsUser', 0, 'user 0 is root; set a non-zero user or opt out with runAsNonRoot: false');
    }
    Check.labels(this, 'labels', props.labels);
    Check.annotations(this, 'annotations', props.annotations);
    Check.annotations(this, 'podAnnotations', props.podAnnotations);
    if (props.labels && NAME_LABEL in props.labels) throw propError(this, `labels.${NAME_LABEL}`, props.labels[NAME_LABEL], 'this label is the selector label and always equals \'name\'');
    if (props.partOf !== undefined) Check.labelValue(this, 'partOf', props.partOf);
    Check.int(this, 'terminationGracePeriodSeconds', props.terminationGracePeriodSeconds, 0);
    (props.imagePullSecrets ?? []).forEach((s, i) => Check.dns1123Subdomain(this, `imagePullSecrets[${i}]`, s));
    if (props.serviceAccountName !== undefined) Check.dns1123Subdomain(this, 'serviceAccountName', props.serviceAccountName);
    (props.envFrom ?? []).forEach((e, i) => {
      Check.dns1123Subdomain(this, `envFrom[${i}].name`, e.name);
      if (e.variable !== undefined) {
        Check.envVarName(this, `envFrom[${i}].variable`, e.variable);
        Check.configMapKey(this, `envFrom[${i}].key`, e.key!);
      }
    });

    const a = props.autoscaling;
    if (a) {
      Check.int(this, 'autoscaling.minReplicas', a.minReplicas, 1);
      Check.int(this, 'autoscaling.maxReplicas', a.maxReplicas, 1);
      if (a.maxReplicas < (a.minReplicas ?? 2)) throw propError(this, 'autoscaling.maxReplicas', a.maxReplicas, `must be >= autoscaling.minReplicas (${a.minReplicas ?? 2})`);
      Check.int(this, 'autoscaling.cpuUtilization', a.cpuUtilization, 1, 1000);
      Check.int(this, 'autoscaling.memoryUtilization', a.memoryUtilization, 1, 1000);
    }
    const b = props.disruptionBudget;
    if (b?.minAvailable && b.maxUnavailable) throw propError(this, 'disruptionBudget', { minAvailable: b.minAvailable.toKube(), maxUnavailable: b.maxUnavailable.toKube() }, 'set minAvailable or maxUnavailable, not both');
    for (const key of ['minAvailable', 'maxUnavailable'] as const) {
      const value = b?.[key];
      if (value) Check.int(this, `disruptionBudget.${key}`, value.value, 0, value.isPercent ? 100 : Number.MAX_SAFE_INTEGER);
    }
    if (b?.maxUnavailable?.isZero) throw propError(this, 'disruptionBudget.maxUnavailable', 0, 'a budget of 0 blocks every node drain; use 1 or more, or disable the budget');

    const ing = props.ingress;
    if (ing) {
      (ing.hosts ?? []).forEach((h, i) => Check.host(this, `ingress.hosts[${i}]`, h));
      if (ing.path !== undefined) Check.ingressPath(this, 'ingress.path', ing.path, ing.pathType ?? PathType.PREFIX);
      if (ing.tlsSecretName !== undefined) Check.dns1123Subdomain(this, 'ingress.tlsSecretName', ing.tlsSecretName);
      if (ing.className !== undefined) Check.dns1123Subdomain(this, 'ingress.className', ing.className);
      Check.annotations(this, 'ingress.annotations', ing.annotations);
    }
  }
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

/**
 * Whether `chart` is an `AppChart`. Not `instanceof`: cdk8s's
 * `Chart[Symbol.hasInstance]` makes `x instanceof AppChart` true for every chart.
 */
function isAppChart(chart: Chart): chart is AppChart {
  return Object.prototype.isPrototypeOf.call(AppChart.prototype, chart);
}

function sortKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A stable sha256 over the config files (sorted by name). */
function checksum(files: Record<string, string>): string {
  const hash = createHash('sha256');
  for (const [name, content] of Object.entries(sortKeys(files))) hash.update(`${name}\0${content}\0`);
  return hash.digest('hex');
}
