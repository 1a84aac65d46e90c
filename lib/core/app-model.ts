import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AppCommonProps, AppVersionProps } from './app-props';
import { Protocol } from './container-props';
import { PathType } from './ingress-props';
import { Check, INT32_MAX, normalizeMountPath } from './check';
import { CountOrPercent } from './count-or-percent';
import { propError } from './errors';
import { parseImage } from './image';
import { CONFIG_CHECKSUM_ANNOTATION, INSTANCE_LABEL, MANAGED_BY, MANAGED_BY_LABEL, NAME_LABEL, PART_OF_LABEL, VERSION_LABEL } from './labels';
import { configChecksum, DEFAULT_RESOURCES, podSpec, sortKeys } from './pod-spec';
import { ProbeKind } from './probe';
import { parseQuantity } from './quantity';
import { checkHttpRoute } from './route-checks';
import { toIntOrString } from './int-or-string';

/** The longest app name: `<name>-primary` must stay a 63-character DNS label. */
const MAX_NAME_LENGTH = 55;
/** The API server's limit on the data of one ConfigMap. */
const MAX_CONFIG_MAP_BYTES = 1024 * 1024;
/** A version label value: the image tag when it is a valid label value. */
const LABEL_VALUE = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** Options for one Deployment of an app. */
export interface DeploymentOptions {
  /** The Deployment name (also names its ConfigMap, HPA and PDB). */
  readonly name: string;
  /** The version it runs. */
  readonly version: AppVersionProps;
  /** The prop path of `version`, for error messages (`''` or `blue.`). */
  readonly versionProp: string;
  /** Selector labels beyond `app.kubernetes.io/name` (a color or a track). */
  readonly extraSelector?: Record<string, string>;
  /** Replicas to set; `undefined` leaves `spec.replicas` out. */
  readonly replicas?: number;
  /** Deployment spec fields of the strategy (strategy, minReadySeconds, ...). */
  readonly spec?: Partial<k8s.DeploymentSpec>;
}

/**
 * The validated model of an app's common props, and the builders of the
 * objects every strategy is made of (ConfigMap, Deployment, Service, Ingress,
 * HPA, PDB), defined in `scope` with secure defaults and stable names.
 * Internal: apps hold one (`AppBase`), and so does the Flagger loadtester.
 */
export class AppModel {
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

  public constructor(public readonly scope: Construct, public readonly props: AppCommonProps) {
    Check.dns1035(scope, 'name', props.name, MAX_NAME_LENGTH, ' (so that Flagger\'s "<name>-primary" stays within 63)');
    if (props.namespace !== undefined) Check.dns1123Label(scope, 'namespace', props.namespace);
    this.appName = props.name;
    this.namespace = props.namespace;
    this.selectorLabels = { [NAME_LABEL]: props.name };
    this.containerPort = props.port ?? 8080;
    this.portName = props.portName ?? 'http';
    this.servicePort = props.servicePort ?? 80;
    this.validate(props);
  }

  /** The namespace the app's objects end up in: its own, else the chart's. */
  public get effectiveNamespace(): string | undefined {
    return this.namespace ?? Chart.of(this.scope).namespace;
  }

  /** Whether an HPA scales the app. */
  public get autoscaled(): boolean {
    return this.props.autoscaling !== undefined;
  }

  /** The lowest number of pods one version runs at steady state. */
  public get minReplicas(): number {
    return this.props.autoscaling?.minReplicas ?? 2;
  }

  /** Replicas a version asks for (2 unless set). */
  public replicasOf(version: AppVersionProps): number {
    return version.replicas ?? 2;
  }

  /** Labels on every object of the app. */
  public labels(extra: Record<string, string> = {}): Record<string, string> {
    const props = this.props;
    return {
      ...props.labels,
      [NAME_LABEL]: this.appName,
      [INSTANCE_LABEL]: this.appName,
      [MANAGED_BY_LABEL]: MANAGED_BY,
      ...(props.partOf ? { [PART_OF_LABEL]: props.partOf } : {}),
      ...extra,
    };
  }

  /** Metadata for an object of the app. */
  public metadata(name: string, extraLabels: Record<string, string> = {}, annotations: Record<string, string> = {}): k8s.ObjectMeta {
    const allAnnotations = { ...this.props.annotations, ...annotations };
    return {
      name,
      namespace: this.namespace,
      labels: this.labels(extraLabels),
      annotations: Object.keys(allAnnotations).length ? allAnnotations : undefined,
    };
  }

  /** Checks one version's props; `prefix` is its prop path (`''`, `blue.`). */
  public validateVersion(prefix: string, version: AppVersionProps | undefined) {
    const scope = this.scope;
    if (!version) throw propError(scope, prefix.replace(/\.$/, ''), version, 'a version (image and optional replicas, env, config files) is required');
    parseImage(scope, `${prefix}image`, version.image);
    Check.int(scope, `${prefix}replicas`, version.replicas, 0);
    const files = Object.entries(version.configFiles ?? {});
    for (const [file] of files) Check.configMapKey(scope, `${prefix}configFiles`, file);
    const bytes = files.reduce((sum, [file, content]) => sum + Buffer.byteLength(file) + Buffer.byteLength(String(content)), 0);
    if (bytes > MAX_CONFIG_MAP_BYTES) {
      throw propError(scope, `${prefix}configFiles`, files.map(([file]) => file), `the files add up to ${bytes} bytes; a ConfigMap holds at most 1 MiB (${MAX_CONFIG_MAP_BYTES} bytes)`);
    }
    const security = this.props.security ?? {};
    if (files.length && (security.readOnlyRootFilesystem ?? true)) {
      const mountPath = normalizeMountPath(this.props.configMountPath ?? `/etc/${this.appName}`);
      const clash = (security.writablePaths ?? ['/tmp']).findIndex(p => normalizeMountPath(p) === mountPath);
      if (clash >= 0) throw propError(scope, `security.writablePaths[${clash}]`, security.writablePaths?.[clash] ?? '/tmp', 'the config files are mounted there (configMountPath); a container cannot mount two volumes at one path');
    }
    for (const key of Object.keys(version.env ?? {})) Check.envVarName(scope, `${prefix}env`, key);
  }

  /** Defines the ConfigMap of one version, if it has config files. */
  public configMap(id: string, workloadName: string, version: AppVersionProps, extraLabels: Record<string, string> = {}): k8s.KubeConfigMap | undefined {
    if (!version.configFiles || Object.keys(version.configFiles).length === 0) return undefined;
    return new k8s.KubeConfigMap(this.scope, id, {
      metadata: this.metadata(`${workloadName}-config`, extraLabels),
      data: sortKeys(version.configFiles),
    });
  }

  /** Defines one Deployment of the app. */
  public deployment(id: string, options: DeploymentOptions): k8s.KubeDeployment {
    const selector = { ...this.selectorLabels, ...options.extraSelector };
    return new k8s.KubeDeployment(this.scope, id, {
      metadata: this.metadata(options.name, { ...this.versionLabel(options), ...options.extraSelector }),
      spec: {
        replicas: options.replicas,
        selector: { matchLabels: selector },
        ...options.spec,
        template: this.podTemplate(options),
      },
    });
  }

  /** The pod template of one workload of the app (a Deployment's, or an Argo Rollout's). */
  public podTemplate(options: DeploymentOptions): k8s.PodTemplateSpec {
    const version = options.version;
    const selector = { ...this.selectorLabels, ...options.extraSelector };
    const podLabels = { ...this.labels(), ...this.versionLabel(options), ...selector };
    const configName = version.configFiles && Object.keys(version.configFiles).length ? `${options.name}-config` : undefined;
    const podAnnotations: Record<string, string> = { ...this.props.podAnnotations };
    if (configName) podAnnotations[CONFIG_CHECKSUM_ANNOTATION] = configChecksum(version.configFiles!);
    return {
      metadata: {
        labels: podLabels,
        annotations: Object.keys(podAnnotations).length ? sortKeys(podAnnotations) : undefined,
      },
      spec: podSpec(this, version, selector, configName),
    };
  }

  /** The `app.kubernetes.io/version` label of a workload: its image tag, when that is a valid label value. */
  private versionLabel(options: DeploymentOptions): Record<string, string> {
    const image = parseImage(this.scope, `${options.versionProp}image`, options.version.image);
    return image.tag && LABEL_VALUE.test(image.tag) ? { [VERSION_LABEL]: image.tag } : {};
  }

  /** Defines a ClusterIP Service on the main port. */
  public service(id: string, name: string, selector: Record<string, string>, extraLabels: Record<string, string> = {}): k8s.KubeService {
    return new k8s.KubeService(this.scope, id, {
      metadata: this.metadata(name, extraLabels),
      spec: {
        type: 'ClusterIP',
        selector,
        ports: [{ name: this.portName, port: this.servicePort, targetPort: k8s.IntOrString.fromString(this.portName), protocol: 'TCP' }],
      },
    });
  }

  /** Defines an Ingress to `serviceName` on the service port, from the `ingress` props. */
  public ingress(id: string, name: string, serviceName: string, extraAnnotations: Record<string, string> = {}, hostsOverride?: string[]): k8s.KubeIngress {
    const ingress = this.props.ingress ?? {};
    const hosts = hostsOverride ?? ingress.hosts ?? [];
    const http: k8s.HttpIngressRuleValue = {
      paths: [{
        path: ingress.path ?? '/',
        pathType: ingress.pathType ?? 'Prefix',
        backend: { service: { name: serviceName, port: { number: this.servicePort } } },
      }],
    };
    return new k8s.KubeIngress(this.scope, id, {
      metadata: this.metadata(name, {}, { ...ingress.annotations, ...extraAnnotations }),
      spec: {
        ingressClassName: ingress.className,
        tls: ingress.tlsSecretName ? [{ hosts: hosts.length ? hosts : undefined, secretName: ingress.tlsSecretName }] : undefined,
        rules: hosts.length ? hosts.map(host => ({ host, http })) : [{ http }],
      },
    });
  }

  /** Defines the HPA for the Deployment (or the workload of `targetKind`) `target`, when the app autoscales. */
  public hpa(id: string, name: string, target: string, extraLabels: Record<string, string> = {},
    targetKind: { apiVersion: string; kind: string } = { apiVersion: 'apps/v1', kind: 'Deployment' }): k8s.KubeHorizontalPodAutoscalerV2 | undefined {
    const autoscaling = this.props.autoscaling;
    if (!autoscaling) return undefined;
    const cpu = autoscaling.cpuUtilization ?? (autoscaling.memoryUtilization === undefined ? 80 : undefined);
    const metric = (resource: string, utilization: number): k8s.MetricSpecV2 => ({
      type: 'Resource',
      resource: { name: resource, target: { type: 'Utilization', averageUtilization: utilization } },
    });
    return new k8s.KubeHorizontalPodAutoscalerV2(this.scope, id, {
      metadata: this.metadata(name, extraLabels),
      spec: {
        scaleTargetRef: { ...targetKind, name: target },
        minReplicas: this.minReplicas,
        maxReplicas: autoscaling.maxReplicas,
        metrics: [
          ...(cpu !== undefined ? [metric('cpu', cpu)] : []),
          ...(autoscaling.memoryUtilization !== undefined ? [metric('memory', autoscaling.memoryUtilization)] : []),
        ],
      },
    });
  }

  /** Defines the PDB for pods matching `selector`, when enabled for `replicas` pods. */
  public pdb(id: string, name: string, selector: Record<string, string>, replicas: number, extraLabels: Record<string, string> = {}): k8s.KubePodDisruptionBudget | undefined {
    const budget = this.props.disruptionBudget ?? {};
    if (!(budget.enabled ?? replicas >= 2)) return undefined;
    const minAvailable = budget.minAvailable;
    if (minAvailable && minAvailable.of(replicas, true) >= replicas) {
      throw propError(this.scope, 'disruptionBudget.minAvailable', minAvailable.toKube(), `keeps all ${replicas} pod(s) of ${name} available, which blocks every node drain; allow at least one pod to be evicted (a lower minAvailable, or maxUnavailable)`);
    }
    const maxUnavailable = minAvailable ? undefined : budget.maxUnavailable ?? CountOrPercent.count(1);
    return new k8s.KubePodDisruptionBudget(this.scope, id, {
      metadata: this.metadata(name, extraLabels),
      spec: {
        selector: { matchLabels: selector },
        maxUnavailable: maxUnavailable ? toIntOrString(maxUnavailable) : undefined,
        minAvailable: minAvailable ? toIntOrString(minAvailable) : undefined,
        unhealthyPodEvictionPolicy: 'AlwaysAllow',
      },
    });
  }

  private validate(props: AppCommonProps) {
    const scope = this.scope;
    Check.port(scope, 'port', props.port);
    Check.portName(scope, 'portName', this.portName);
    Check.port(scope, 'servicePort', props.servicePort);
    const portNames = new Set([this.portName]);
    const portNumbers = new Set([this.containerPort]);
    const portKeys = new Set([`${this.containerPort}/TCP`]);
    (props.extraPorts ?? []).forEach((p, i) => {
      Check.portName(scope, `extraPorts[${i}].name`, p.name);
      Check.port(scope, `extraPorts[${i}].port`, p.port);
      const protocol = p.protocol ?? Protocol.TCP;
      if (!Object.values(Protocol).includes(protocol)) throw propError(scope, `extraPorts[${i}].protocol`, protocol, `must be one of ${Object.values(Protocol).join(', ')}`);
      if (portNames.has(p.name)) throw propError(scope, `extraPorts[${i}].name`, p.name, 'port names must be unique within the container');
      if (portKeys.has(`${p.port}/${protocol}`)) throw propError(scope, `extraPorts[${i}].port`, p.port, `port numbers must be unique per protocol within the container (${p.port}/${protocol} is taken)`);
      portNames.add(p.name);
      portNumbers.add(p.port);
      portKeys.add(`${p.port}/${protocol}`);
    });
    for (const [prop, probe] of [['readiness', props.readiness], ['liveness', props.liveness], ['startup', props.startup]] as const) {
      if (!probe) continue;
      const port = probe.options.port;
      if (probe.kind !== ProbeKind.EXEC && port !== undefined && !portNames.has(port) && !portNumbers.has(Number(port))) {
        throw propError(scope, `${prop}.port`, port, `probes must target a declared container port: ${[...portNames].join(', ')}`);
      }
      if (probe.kind === ProbeKind.HTTP && !probe.path?.startsWith('/')) throw propError(scope, `${prop}.path`, probe.path, 'HTTP probe paths start with "/"');
      if (probe.kind === ProbeKind.EXEC && !(probe.command?.length)) throw propError(scope, `${prop}.command`, probe.command, 'exec probes need a command');
      Check.int(scope, `${prop}.periodSeconds`, probe.options.periodSeconds, 1);
      Check.int(scope, `${prop}.timeoutSeconds`, probe.options.timeoutSeconds, 1);
      Check.int(scope, `${prop}.failureThreshold`, probe.options.failureThreshold, 1);
      Check.int(scope, `${prop}.initialDelaySeconds`, probe.options.initialDelaySeconds, 0);
    }
    const r = props.resources ?? {};
    for (const key of ['cpuRequest', 'cpuLimit', 'memoryRequest', 'memoryLimit', 'ephemeralStorageRequest', 'ephemeralStorageLimit'] as const) {
      Check.quantity(scope, `resources.${key}`, r[key]);
    }
    for (const resource of ['cpu', 'memory', 'ephemeralStorage'] as const) {
      const request = r[`${resource}Request`] ?? DEFAULT_RESOURCES[`${resource}Request`];
      const limit = r[`${resource}Limit`] ?? DEFAULT_RESOURCES[`${resource}Limit`];
      if (request !== undefined && limit !== undefined && parseQuantity(request)! > parseQuantity(limit)!) {
        const defaulted = r[`${resource}Limit`] === undefined ? ', the default' : '';
        throw propError(scope, `resources.${resource}Request`, request, `a request cannot exceed its limit (resources.${resource}Limit: ${limit}${defaulted}); raise the limit too`);
      }
    }
    if (props.configMountPath !== undefined) Check.mountPath(scope, 'configMountPath', props.configMountPath);
    const writable = (props.security?.writablePaths ?? []).map((p, i) => Check.mountPath(scope, `security.writablePaths[${i}]`, p));
    writable.forEach((p, i) => {
      if (writable.indexOf(p) !== i) throw propError(scope, `security.writablePaths[${i}]`, props.security!.writablePaths![i], `paths must be unique: it is the same folder as security.writablePaths[${writable.indexOf(p)}], and a container cannot mount two volumes at one path`);
    });
    for (const key of ['runAsUser', 'runAsGroup', 'fsGroup'] as const) Check.int(scope, `security.${key}`, props.security?.[key], 0, INT32_MAX);
    if (props.security?.runAsUser === 0 && (props.security.runAsNonRoot ?? true)) {
      throw propError(scope, 'security.runAsUser', 0, 'user 0 is root; set a non-zero user or opt out with runAsNonRoot: false');
    }
    Check.labels(scope, 'labels', props.labels);
    Check.annotations(scope, 'annotations', props.annotations);
    Check.annotations(scope, 'podAnnotations', props.podAnnotations);
    if (props.labels && NAME_LABEL in props.labels) throw propError(scope, `labels.${NAME_LABEL}`, props.labels[NAME_LABEL], 'this label is the selector label and always equals \'name\'');
    if (props.partOf !== undefined) Check.labelValue(scope, 'partOf', props.partOf);
    Check.int(scope, 'terminationGracePeriodSeconds', props.terminationGracePeriodSeconds, 0);
    (props.imagePullSecrets ?? []).forEach((s, i) => Check.dns1123Subdomain(scope, `imagePullSecrets[${i}]`, s));
    if (props.serviceAccountName !== undefined) Check.dns1123Subdomain(scope, 'serviceAccountName', props.serviceAccountName);
    (props.envFrom ?? []).forEach((e, i) => {
      Check.dns1123Subdomain(scope, `envFrom[${i}].name`, e.name);
      if (e.variable !== undefined) {
        Check.envVarName(scope, `envFrom[${i}].variable`, e.variable);
        Check.configMapKey(scope, `envFrom[${i}].key`, e.key!);
      }
    });

    const a = props.autoscaling;
    if (a) {
      Check.int(scope, 'autoscaling.minReplicas', a.minReplicas, 1);
      Check.int(scope, 'autoscaling.maxReplicas', a.maxReplicas, 1);
      if (a.maxReplicas < (a.minReplicas ?? 2)) throw propError(scope, 'autoscaling.maxReplicas', a.maxReplicas, `must be >= autoscaling.minReplicas (${a.minReplicas ?? 2})`);
      Check.int(scope, 'autoscaling.cpuUtilization', a.cpuUtilization, 1, 1000);
      Check.int(scope, 'autoscaling.memoryUtilization', a.memoryUtilization, 1, 1000);
    }
    const b = props.disruptionBudget;
    if (b?.minAvailable && b.maxUnavailable) throw propError(scope, 'disruptionBudget', { minAvailable: b.minAvailable.toKube(), maxUnavailable: b.maxUnavailable.toKube() }, 'set minAvailable or maxUnavailable, not both');
    for (const key of ['minAvailable', 'maxUnavailable'] as const) {
      const value = b?.[key];
      if (value) Check.int(scope, `disruptionBudget.${key}`, value.value, 0, value.isPercent ? 100 : undefined);
    }
    if (b?.maxUnavailable?.isZero) throw propError(scope, 'disruptionBudget.maxUnavailable', 0, 'a budget of 0 blocks every node drain; use 1 or more, or disable the budget');

    const ing = props.ingress;
    if (ing) {
      (ing.hosts ?? []).forEach((h, i) => Check.host(scope, `ingress.hosts[${i}]`, h));
      if (ing.path !== undefined) Check.ingressPath(scope, 'ingress.path', ing.path, ing.pathType ?? PathType.PREFIX);
      if (ing.tlsSecretName !== undefined) Check.dns1123Subdomain(scope, 'ingress.tlsSecretName', ing.tlsSecretName);
      if (ing.className !== undefined) Check.dns1123Subdomain(scope, 'ingress.className', ing.className);
      Check.annotations(scope, 'ingress.annotations', ing.annotations);
    }
    if (props.route) checkHttpRoute(scope, 'route', props.route);
  }
}
