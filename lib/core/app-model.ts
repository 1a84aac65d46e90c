import { createHash } from 'crypto';
import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AppCommonProps, AppVersionProps } from './app-props';
import { Protocol } from './container-props';
import { PathType } from './ingress-props';
import { Check, normalizeMountPath } from './check';
import { REVISION_ANNOTATION } from './delivery-hints';
import { CountOrPercent } from './count-or-percent';
import { propError } from './errors';
import { parseImage } from './image';
import { CONFIG_CHECKSUM_ANNOTATION, INSTANCE_LABEL, MANAGED_BY, MANAGED_BY_LABEL, NAME_LABEL, PART_OF_LABEL, VERSION_LABEL } from './labels';
import { configChecksum, podSpec, sortKeys } from './pod-spec';
import { checkHttpRoute } from './route-checks';
import { toIntOrString } from './int-or-string';
import { checkEnvFrom, checkExtraContainers, checkProbes, checkResources, checkSecurity } from './container-checks';
import { checkIdentity } from './identity';
import { checkGracePeriod, checkPreStop } from './lifecycle';
import { checkMonitoring, scrapeAnnotations } from './monitoring';
import { checkNetworkPolicy } from './network-policy';
import { checkScheduling, spreadPreset } from './scheduling';
import { checkService, serviceSpec } from './services';
import { checkConfigMountPath, checkVolumes } from './volumes';

/** The longest app name: `<name>-primary` must stay a 63-character DNS label. */
const MAX_NAME_LENGTH = 55;
/** The progress deadline of a Deployment that sets none (the API server's default). */
const DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;
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
  /**
   * Annotate the pod template with its revision (`cdk8s-delivery/revision`,
   * a hash of the rest of the template), so that a copy of it (Flagger's
   * primary) shows which release it runs.
   */
  readonly revisionAnnotation?: boolean;
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
    if (files.length) checkConfigMountPath(scope, this.props, this.props.configMountPath ?? `/etc/${this.appName}`);
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
    const minReadySeconds = options.spec?.minReadySeconds ?? this.props.minReadySeconds;
    if (options.spec?.progressDeadlineSeconds === undefined && minReadySeconds !== undefined && minReadySeconds >= DEFAULT_PROGRESS_DEADLINE_SECONDS) {
      // the API server refuses a Deployment whose progress deadline does not exceed minReadySeconds
      throw propError(this.scope, 'minReadySeconds', minReadySeconds, `must be less than the Deployment's progressDeadlineSeconds (${DEFAULT_PROGRESS_DEADLINE_SECONDS}, the default)`);
    }
    return new k8s.KubeDeployment(this.scope, id, {
      metadata: this.metadata(options.name, { ...this.versionLabel(options), ...options.extraSelector }),
      spec: {
        replicas: options.replicas,
        selector: { matchLabels: selector },
        minReadySeconds,
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
    const spec = podSpec(this, version, selector, configName);
    const podAnnotations: Record<string, string> = { ...this.props.podAnnotations, ...scrapeAnnotations(this.props, this.portName, spec) };
    if (configName) podAnnotations[CONFIG_CHECKSUM_ANNOTATION] = configChecksum(version.configFiles!);
    const template = (annotations: Record<string, string>): k8s.PodTemplateSpec => ({
      metadata: {
        labels: podLabels,
        annotations: Object.keys(annotations).length ? sortKeys(annotations) : undefined,
      },
      spec,
    });
    if (!options.revisionAnnotation) return template(podAnnotations);
    const revision = createHash('sha256').update(JSON.stringify(k8s.toJson_PodTemplateSpec(template(podAnnotations)))).digest('hex').slice(0, 16);
    return template({ ...podAnnotations, [REVISION_ANNOTATION]: revision });
  }

  /** The revision `podTemplate` gives the pod template of `deployment`, if it has one. */
  public static revisionOf(deployment: k8s.KubeDeployment): string | undefined {
    return deployment.toJson().spec?.template?.metadata?.annotations?.[REVISION_ANNOTATION];
  }

  /** The `app.kubernetes.io/version` label of a workload: its image tag, when that is a valid label value. */
  private versionLabel(options: DeploymentOptions): Record<string, string> {
    const image = parseImage(this.scope, `${options.versionProp}image`, options.version.image);
    return image.tag && LABEL_VALUE.test(image.tag) ? { [VERSION_LABEL]: image.tag } : {};
  }

  /**
   * Defines a Service on the main port, the extra ports and the sidecars'
   * ports; the main Service `<name>` also takes the type, annotations and
   * external traffic policy of the `service` props.
   */
  public service(id: string, name: string, selector: Record<string, string>, extraLabels: Record<string, string> = {}): k8s.KubeService {
    const main = name === this.appName;
    return new k8s.KubeService(this.scope, id, {
      metadata: this.metadata(name, extraLabels, main ? this.props.service?.annotations : {}),
      spec: serviceSpec(this.props, selector, main, { name: this.portName, port: this.servicePort }),
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
    checkProbes(scope, '', [['readiness', props.readiness], ['liveness', props.liveness], ['startup', props.startup]], { names: portNames, numbers: portNumbers });
    checkResources(scope, '', props.resources);
    if (props.configMountPath !== undefined) Check.mountPath(scope, 'configMountPath', props.configMountPath);
    checkSecurity(scope, '', props.security);
    Check.labels(scope, 'labels', props.labels);
    Check.annotations(scope, 'annotations', props.annotations);
    Check.annotations(scope, 'podAnnotations', props.podAnnotations);
    if (props.labels && NAME_LABEL in props.labels) throw propError(scope, `labels.${NAME_LABEL}`, props.labels[NAME_LABEL], 'this label is the selector label and always equals \'name\'');
    if (props.partOf !== undefined) Check.labelValue(scope, 'partOf', props.partOf);
    Check.int(scope, 'terminationGracePeriodSeconds', props.terminationGracePeriodSeconds, 0);
    (props.imagePullSecrets ?? []).forEach((s, i) => Check.dns1123Subdomain(scope, `imagePullSecrets[${i}]`, s));
    if (props.serviceAccountName !== undefined) Check.dns1123Subdomain(scope, 'serviceAccountName', props.serviceAccountName);
    checkEnvFrom(scope, 'envFrom', props.envFrom);

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
    this.validateModel(props, { names: portNames, numbers: portNumbers });
  }

  /** Checks the containers beside the main one, volumes, scheduling, lifecycle, Services, identity, policy and monitoring. */
  private validateModel(props: AppCommonProps, mainPorts: { names: Set<string>; numbers: Set<number> }) {
    const scope = this.scope;
    const namespace = this.effectiveNamespace;
    const pod = { names: new Set(mainPorts.names), numbers: new Set(mainPorts.numbers) };
    checkExtraContainers(scope, props, pod);
    checkPreStop(scope, 'preStop', props.preStop, mainPorts);
    checkGracePeriod(scope, props);
    Check.int(scope, 'minReadySeconds', props.minReadySeconds, 0);
    checkVolumes(scope, props, namespace);
    checkScheduling(scope, props.scheduling, spreadPreset(props.spread, props.scheduling), namespace);
    checkService(scope, props, this.servicePort);
    checkIdentity(scope, props, namespace);
    checkNetworkPolicy(scope, props.networkPolicy, [...pod.names]);
    checkMonitoring(scope, props, [...pod.names], this.portName);
  }
}
