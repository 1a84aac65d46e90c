import { ApiObject, Chart, Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Check } from '../core/check';
import { DeliveryHints, HealthRule } from '../core/delivery-hints';
import { propError } from '../core/errors';
import { checkHostnames, checkParentRefs } from '../core/route-checks';
import { AlertProvider } from './alert-provider';
import { AnalysisMode, AnalysisProps } from './analysis';
import { resolveAnalysis, ResolvedAnalysis } from './analysis-rules';
import { Metric } from './metric';
import { MetricTemplate } from './metric-template';
import { PROVIDERS } from './provider-table';
import { CanaryProvider, CanaryProviderType } from './providers';
import { Webhook } from './webhook';
import { acceptNullPrototypes } from '../core/plain-objects';

/** The maximum length of the apex Service name: `<name>-primary` must fit in 63 characters. */
const MAX_SERVICE_NAME_LENGTH = 55;
const ISTIO_GATEWAY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?\/)?[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/**
 * The GitOps health rule of a Canary: in progress while Flagger analyses or
 * promotes, healthy once initialized or promoted, failed when rolled back.
 */
const CANARY_HEALTH: HealthRule = {
  apiVersion: 'flagger.app/v1beta1',
  kind: 'Canary',
  inProgress: "has(status.phase) && status.phase in ['Initializing', 'Waiting', 'Progressing', 'WaitingPromotion', 'Promoting', 'Finalising']",
  failed: "has(status.phase) && status.phase == 'Failed'",
  current: "has(status.phase) && status.phase in ['Initialized', 'Succeeded']",
};

/** The kinds of workload a Canary can target. */
export enum CanaryTargetKind {
  /** An apps/v1 Deployment. */
  DEPLOYMENT = 'Deployment',
  /** An apps/v1 DaemonSet. */
  DAEMON_SET = 'DaemonSet',
}

/**
 * Replica bounds of the primary's HPA (`<hpa>-primary`), when they should
 * differ from the canary's.
 */
export interface PrimaryScalerReplicas {
  /**
   * Lowest replica count of the primary (at least 1).
   *
   * @default - the HPA's minReplicas
   */
  readonly minReplicas?: number;
  /**
   * Highest replica count of the primary.
   *
   * @default - the HPA's maxReplicas
   */
  readonly maxReplicas?: number;
}

/**
 * The Services Flagger generates for the target (`<name>`, `<name>-primary`,
 * `<name>-canary`).
 */
export interface CanaryServiceProps {
  /**
   * The apex Service name (treat it as immutable).
   *
   * @default - the target name
   */
  readonly name?: string;
  /** The Service port. */
  readonly port: number;
  /**
   * The container port (number or name) the Services forward to.
   *
   * @default - the Service port
   */
  readonly targetPort?: k8s.IntOrString;
  /**
   * The Service port name (`http`, or `grpc` for gRPC: istio derives the protocol from it).
   *
   * @default "http"
   */
  readonly portName?: string;
  /**
   * Add every other container port to the generated Services.
   *
   * @default false
   */
  readonly portDiscovery?: boolean;
  /**
   * The Services' appProtocol.
   *
   * @default - none
   */
  readonly appProtocol?: string;
  /**
   * Generate headless Services (`clusterIP: None`).
   *
   * @default false
   */
  readonly headless?: boolean;
  /**
   * Annotations of the apex Service (Flagger also copies them onto the routing object it generates).
   *
   * @default - none
   */
  readonly apexAnnotations?: Record<string, string>;
}

/**
 * Props of a `Canary`.
 */
export interface CanaryProps {
  /** The Canary name. */
  readonly name: string;
  /**
   * The Canary namespace (the target's).
   *
   * @default - the chart's namespace
   */
  readonly namespace?: string;
  /**
   * Labels of the Canary.
   *
   * @default - none
   */
  readonly labels?: Record<string, string>;
  /**
   * Annotations of the Canary.
   *
   * @default - none
   */
  readonly annotations?: Record<string, string>;
  /**
   * The traffic provider.
   *
   * @default - the Flagger controller's `-mesh-provider`
   */
  readonly provider?: CanaryProvider;
  /** The workload Flagger copies into `<name>-primary` and analyses. */
  readonly targetName: string;
  /**
   * The target kind.
   *
   * @default CanaryTargetKind.DEPLOYMENT
   */
  readonly targetKind?: CanaryTargetKind;
  /** The generated Services. */
  readonly service: CanaryServiceProps;
  /** How new versions are analysed and promoted. */
  readonly analysis: AnalysisProps;
  /**
   * An autoscaling/v2 HorizontalPodAutoscaler of the target; Flagger copies it to `<name>-primary`.
   *
   * @default - no autoscaler
   */
  readonly autoscalerName?: string;
  /**
   * Replica bounds of the primary's autoscaler (needs `autoscalerName`).
   *
   * @default - the same bounds as the target's autoscaler
   */
  readonly primaryScalerReplicas?: PrimaryScalerReplicas;
  /**
   * The Ingress Flagger clones into `<ingress>-canary` (nginx only; its
   * backend must be the apex Service on the Service port).
   *
   * @default - no Ingress reference
   */
  readonly ingressName?: string;
  /**
   * Seconds the canary or primary may take to make progress before rollback.
   *
   * @default 600
   */
  readonly progressDeadlineSeconds?: number;
  /**
   * On Canary deletion, scale the target back up and revert routing
   * (otherwise deleting the Canary leaves the target at 0 replicas).
   *
   * @default true
   */
  readonly revertOnDeletion?: boolean;
  /**
   * Promote without running the analysis (emergencies).
   *
   * @default false
   */
  readonly skipAnalysis?: boolean;
  /**
   * Pause reconciliation of the Canary.
   *
   * @default false
   */
  readonly suspend?: boolean;
  /**
   * The Prometheus URL of the builtin metrics.
   *
   * @default - the Flagger controller's `-metrics-server`
   */
  readonly metricsServer?: string;
}

/**
 * A Flagger `Canary` (flagger.app/v1beta1): tells Flagger how to analyse and
 * promote new versions of a workload. Flagger then owns `<name>-primary`, the
 * Services `<name>`, `<name>-primary`, `<name>-canary` and the provider's
 * routing objects; never define those yourself.
 */
export class Canary extends ApiObject {
  /** apiVersion of the objects this construct defines. */
  public static readonly API_VERSION = 'flagger.app/v1beta1';
  /** kind of the objects this construct defines. */
  public static readonly KIND = 'Canary';

  /** The provider type, if set. */
  public readonly providerType?: CanaryProviderType;
  /** How the analysis runs. */
  public readonly analysisMode: AnalysisMode;
  /** Seconds between analysis runs. */
  public readonly intervalSeconds: number;
  /** Failed checks before rollback. */
  public readonly threshold: number;
  /** Analysis runs before promotion (A/B testing and blue/green). */
  public readonly iterations?: number;
  /** The canary traffic weights in order (empty for A/B testing and blue/green). */
  public readonly stepWeightsInEffect: number[];
  /** The highest canary weight of a stepWeight canary. */
  public readonly maxWeight?: number;
  /** Traffic percentage moved to the primary per interval during promotion. */
  public readonly stepWeightPromotion: number;
  /** Seconds without progress before rollback. */
  public readonly progressDeadlineSeconds: number;
  /** The MetricTemplates the analysis references by object. */
  public readonly metricTemplates: MetricTemplate[];
  /** The AlertProviders the analysis references by object. */
  public readonly alertProviders: AlertProvider[];
  /** The metric checks of the analysis. */
  public readonly metrics: Metric[];
  /** The webhooks of the analysis. */
  public readonly webhooks: Webhook[];
  /** The validated analysis, as the rollout plan reads it. @internal */
  public readonly _analysis: ResolvedAnalysis;

  public constructor(scope: Construct, id: string, props: CanaryProps) {
    const holder: { spec?: any } = {};
    super(scope, id, {
      apiVersion: Canary.API_VERSION,
      kind: Canary.KIND,
      metadata: { name: props.name, namespace: props.namespace, labels: props.labels, annotations: props.annotations },
      spec: Lazy.any({ produce: () => holder.spec }),
    });
    acceptNullPrototypes(this);
    const provider = props.provider;
    this.providerType = provider?.type;
    this.validate(props);
    const namespace = props.namespace ?? Chart.of(this).namespace;
    const analysis = resolveAnalysis(this, props.analysis, provider?.type, namespace);
    this._analysis = analysis;
    this.analysisMode = analysis.mode;
    this.intervalSeconds = analysis.intervalSeconds;
    this.threshold = analysis.threshold;
    this.iterations = analysis.iterations;
    this.stepWeightsInEffect = analysis.stepWeights;
    this.maxWeight = analysis.maxWeight;
    this.stepWeightPromotion = analysis.stepWeightPromotion;
    this.progressDeadlineSeconds = props.progressDeadlineSeconds ?? 600;
    this.metricTemplates = analysis.metricTemplates;
    this.alertProviders = analysis.alertProviders;
    this.metrics = [...props.analysis.metrics ?? []];
    this.webhooks = [...props.analysis.webhooks ?? []];

    const service = props.service;
    const retries = provider?.retries;
    holder.spec = {
      provider: provider?.type,
      metricsServer: props.metricsServer,
      progressDeadlineSeconds: this.progressDeadlineSeconds,
      targetRef: { apiVersion: 'apps/v1', kind: props.targetKind ?? CanaryTargetKind.DEPLOYMENT, name: props.targetName },
      autoscalerRef: props.autoscalerName !== undefined ? {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        name: props.autoscalerName,
        primaryScalerReplicas: props.primaryScalerReplicas ? { ...props.primaryScalerReplicas } : undefined,
      } : undefined,
      ingressRef: props.ingressName !== undefined ? { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: props.ingressName } : undefined,
      service: {
        name: service.name,
        port: service.port,
        targetPort: service.targetPort?.value,
        portName: service.portName ?? 'http',
        portDiscovery: service.portDiscovery,
        appProtocol: service.appProtocol,
        headless: service.headless,
        apex: service.apexAnnotations && Object.keys(service.apexAnnotations).length ? { annotations: { ...service.apexAnnotations } } : undefined,
        gateways: provider?.gateways,
        hosts: provider?.hosts,
        gatewayRefs: provider?.gatewayRefs?.map(g => ({ name: g.name, namespace: g.namespace, sectionName: g.sectionName, port: g.port })),
        retries: retries ? { attempts: retries.attempts, perTryTimeout: retries.perTryTimeout, retryOn: retries.retryOn } : undefined,
        timeout: provider?.timeout,
      },
      analysis: analysis.spec,
      revertOnDeletion: props.revertOnDeletion ?? true,
      skipAnalysis: props.skipAnalysis,
      suspend: props.suspend,
    };
  }

  /** A GitOps output waits for the Canary with its health rule. @internal */
  public _deliveryHints(): DeliveryHints {
    const provider = this.providerType;
    return { healthRules: [CANARY_HEALTH], driftIgnores: [], needs: { flagger: true, flaggerProvider: provider, gatewayApi: provider === CanaryProviderType.GATEWAY_API } };
  }

  private validate(props: CanaryProps) {
    Check.dns1123Subdomain(this, 'name', props.name);
    if (props.namespace !== undefined) Check.dns1123Label(this, 'namespace', props.namespace);
    Check.dns1123Subdomain(this, 'targetName', props.targetName);
    const apex = props.service.name ?? props.targetName;
    Check.dns1035(this, props.service.name !== undefined ? 'service.name' : 'targetName', apex, MAX_SERVICE_NAME_LENGTH, ' (the apex Service name: Flagger adds "-primary" and "-canary")');
    Check.port(this, 'service.port', props.service.port);
    const targetPort = props.service.targetPort?.value;
    if (typeof targetPort === 'number') Check.port(this, 'service.targetPort', targetPort);
    else if (targetPort !== undefined) Check.portName(this, 'service.targetPort', targetPort);
    if (props.service.portName !== undefined) Check.portName(this, 'service.portName', props.service.portName);
    Check.annotations(this, 'service.apexAnnotations', props.service.apexAnnotations);
    Check.int(this, 'progressDeadlineSeconds', props.progressDeadlineSeconds, 1);
    Check.httpUrl(this, 'metricsServer', props.metricsServer);
    if (props.autoscalerName !== undefined) Check.dns1123Subdomain(this, 'autoscalerName', props.autoscalerName);
    const scaler = props.primaryScalerReplicas;
    if (scaler) {
      if (props.autoscalerName === undefined) throw propError(this, 'primaryScalerReplicas', { ...scaler }, 'applies only with an autoscaler (autoscalerName)');
      Check.int(this, 'primaryScalerReplicas.minReplicas', scaler.minReplicas, 1);
      Check.int(this, 'primaryScalerReplicas.maxReplicas', scaler.maxReplicas, 1);
      if (scaler.minReplicas !== undefined && scaler.maxReplicas !== undefined && scaler.maxReplicas < scaler.minReplicas) {
        throw propError(this, 'primaryScalerReplicas.maxReplicas', scaler.maxReplicas, `must be >= primaryScalerReplicas.minReplicas (${scaler.minReplicas})`);
      }
    }
    Check.labels(this, 'labels', props.labels);
    Check.annotations(this, 'annotations', props.annotations);
    this.validateProvider(props);
  }

  private validateProvider(props: CanaryProps) {
    const provider = props.provider;
    const type = provider?.type;
    const usesIngress = type !== undefined && PROVIDERS[type].usesIngress;
    if (props.ingressName !== undefined) {
      if (!usesIngress) throw propError(this, 'ingressName', props.ingressName, `only the nginx provider uses an Ingress reference, not ${type ?? 'the default provider'}`);
      Check.dns1123Subdomain(this, 'ingressName', props.ingressName, 253 - '-canary'.length);
    } else if (usesIngress) {
      throw propError(this, 'ingressName', props.ingressName, 'the nginx provider needs the app\'s Ingress (its backend is the apex Service); Flagger clones it into "<ingress>-canary"');
    }
    if (!provider) return;
    if (type === CanaryProviderType.GATEWAY_API) {
      if (!(provider.gatewayRefs?.length)) {
        throw propError(this, 'provider.gatewayRefs', provider.gatewayRefs, 'the gatewayapi:v1 provider needs at least one Gateway to attach the generated HTTPRoute to');
      }
      // Flagger copies them into the HTTPRoute it generates, which the CRD's limits and CEL rules apply to
      checkParentRefs(this, 'provider.gatewayRefs', provider.gatewayRefs);
      checkHostnames(this, 'provider.hosts', provider.hosts ?? []);
    } else {
      (provider.hosts ?? []).forEach((h, i) => Check.host(this, `provider.hosts[${i}]`, h));
    }
    (provider.gateways ?? []).forEach((g, i) => {
      if (!ISTIO_GATEWAY.test(g)) throw propError(this, `provider.gateways[${i}]`, g, 'Istio gateways are "<namespace>/<name>", "<name>" or "mesh"');
    });
    if (provider.retries) {
      Check.int(this, 'provider.retries.attempts', provider.retries.attempts, 1);
      Check.fluxDuration(this, 'provider.retries.perTryTimeout', provider.retries.perTryTimeout);
    }
    Check.fluxDuration(this, 'provider.timeout', provider.timeout);
    // Flagger copies it into the HTTPRoute, whose schema takes whole numbers of h, m, s and ms only
    if (type === CanaryProviderType.GATEWAY_API) Check.gatewayDuration(this, 'provider.timeout', provider.timeout);
  }
}
