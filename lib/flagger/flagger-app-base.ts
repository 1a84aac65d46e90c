import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AppBase } from '../base/app-base';
import { AppModel } from '../core/app-model';
import { AppProps } from '../core/app-props';
import { durationSeconds } from '../core/check';
import { DeliveryHints, REVISION_ANNOTATION } from '../core/delivery-hints';
import { EnvSourceKind } from '../core/env-from';
import { propError } from '../core/errors';
import { nginxCanaryAnnotationKeys } from '../core/ingress-nginx';
import { NAME_LABEL } from '../core/labels';
import { FlaggerPlanProps } from '../plan/flagger-plan-props';
import { AlertProvider } from './alert-provider';
import { AnalysisMode, AnalysisProps } from './analysis';
import { BUILTIN_MEANINGS } from './builtins';
import { Canary, PrimaryScalerReplicas } from './canary';
import { MetricTemplate } from './metric-template';
import { checkFlaggerProps, flaggerShape, portDiscoveryOf, unscrapedMetricsNotes } from './flagger-wiring';
import { PROVIDERS } from './provider-table';
import { CanaryProvider, CanaryProviderType } from './providers';
import { trackedConfigs } from './tracked-configs';

/**
 * What every Flagger-driven app has beyond the common app props.
 */
export interface FlaggerAppCommonProps extends AppProps {
  /**
   * Replica bounds of the primary's autoscaler (needs `autoscaling`).
   *
   * @default - the same bounds as `autoscaling`
   */
  readonly primaryScalerReplicas?: PrimaryScalerReplicas;
  /**
   * Seconds the canary or primary may take to make progress before rollback.
   *
   * @default 600
   */
  readonly progressDeadlineSeconds?: number;
  /**
   * On Canary deletion, scale the Deployment back up and revert routing
   * (otherwise deleting the Canary leaves the app at 0 replicas).
   *
   * @default true
   */
  readonly revertOnDeletion?: boolean;
  /**
   * Promote new versions without analysis (emergencies; Flagger still waits
   * for the new pods to be ready).
   *
   * @default false
   */
  readonly skipAnalysis?: boolean;
  /**
   * Pause Flagger's reconciliation of the app.
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
  /**
   * Add the `extraPorts` to the Services Flagger generates.
   *
   * @default - true when the app has ports beyond the main one (`extraPorts`, sidecars' ports)
   */
  readonly portDiscovery?: boolean;
}

/**
 * The shared base of apps whose releases Flagger drives: a Deployment
 * `<name>` (the Canary target, selected by the single label
 * `app.kubernetes.io/name`), an optional Ingress `<name>` to the apex Service,
 * HPA `<name>` and PDB `<name>` (on the primary pods), and the Canary `<name>`.
 *
 * It never defines what Flagger generates: the Services `<name>`,
 * `<name>-primary`, `<name>-canary`, the Deployment and HPA `<name>-primary`,
 * `<name>-config-primary`, the Ingress `<name>-canary` or the HTTPRoute
 * `<name>` (so the `route` prop is refused: use `CanaryProvider.gatewayApi`).
 */
export abstract class FlaggerAppBase extends AppBase {
  /** The Deployment Flagger analyses (scaled to 0 between releases). */
  public readonly deployment: k8s.KubeDeployment;
  /** The Flagger Canary. */
  public readonly canary: Canary;
  /** The Ingress to the apex Service, when `ingress` is given. */
  public readonly ingress?: k8s.KubeIngress;
  /** The HPA (Flagger copies it to `<name>-primary`), when `autoscaling` is given. */
  public readonly autoscaler?: k8s.KubeHorizontalPodAutoscalerV2;
  /** The PodDisruptionBudget of the primary pods, when enabled. */
  public readonly disruptionBudget?: k8s.KubePodDisruptionBudget;
  /** The ConfigMap `<name>-config`, when config files are given (Flagger tracks it). */
  public readonly configMap?: k8s.KubeConfigMap;
  /** The traffic provider. */
  public readonly provider: CanaryProvider;
  /** The primary's replicas at steady state (the HPA's minimum when autoscaled). */
  public readonly replicas: number;
  /** The apex Service Flagger generates (`<name>`): stable traffic, pointed at the primary. */
  public readonly apexServiceName: string;
  /** The Service Flagger generates for the canary pods (`<name>-canary`), e.g. for tests. */
  public readonly canaryServiceName: string;

  protected constructor(scope: Construct, id: string, props: FlaggerAppCommonProps, provider: CanaryProvider, analysis: AnalysisProps) {
    super(scope, id, props);
    const model = this._model;
    model.validateVersion('', props);
    if (!provider) throw propError(this, 'provider', provider, 'a traffic provider is required, e.g. CanaryProvider.nginx()');
    if (!analysis) throw propError(this, 'analysis', analysis, 'an analysis (interval, threshold, mode, metrics, webhooks) is required');
    this._validateStrategy(provider, analysis);
    this.validateRouting(props, provider);

    const name = props.name;
    this.provider = provider;
    this.apexServiceName = name;
    this.canaryServiceName = `${name}-canary`;
    this.replicas = model.autoscaled ? model.minReplicas : model.replicasOf(props);
    this.configMap = model.configMap('ConfigMap', name, props);
    this.deployment = model.deployment('Deployment', {
      name,
      version: props,
      versionProp: '',
      replicas: model.autoscaled ? undefined : this.replicas,
      revisionAnnotation: true,
    });
    this.ingress = props.ingress ? model.ingress('Ingress', name, name) : undefined;
    this.autoscaler = model.hpa('Autoscaler', name, name);
    this.disruptionBudget = model.pdb('DisruptionBudget', name, { [NAME_LABEL]: `${name}-primary` }, this.replicas);
    this.canary = new Canary(this, 'Canary', {
      name,
      namespace: props.namespace,
      labels: model.labels(),
      annotations: props.annotations,
      provider,
      targetName: name,
      service: {
        port: this.servicePort,
        targetPort: k8s.IntOrString.fromString(this.portName),
        portName: this.portName,
        portDiscovery: portDiscoveryOf(props),
        headless: props.service?.headless,
        apexAnnotations: props.service?.annotations,
      },
      analysis,
      autoscalerName: this.autoscaler ? name : undefined,
      primaryScalerReplicas: props.primaryScalerReplicas,
      ingressName: PROVIDERS[provider.type].usesIngress ? name : undefined,
      progressDeadlineSeconds: props.progressDeadlineSeconds,
      revertOnDeletion: props.revertOnDeletion,
      skipAnalysis: props.skipAnalysis,
      suspend: props.suspend,
      metricsServer: props.metricsServer,
    });
    this._defineSupport(flaggerShape(props, this.portName, portDiscoveryOf(props), provider, this.canary.webhooks));
  }

  /**
   * Flagger scales the target to zero after each promotion: a GitOps tool
   * must not scale it back up to the replicas in Git (without an HPA, which
   * Flagger points at the primary instead).
   *
   * @internal
   */
  public _deliveryHints(): DeliveryHints {
    const driftIgnores = this.autoscaler ? [] : [{ kind: 'Deployment', name: this.appName, paths: ['/spec/replicas'] }];
    // Flagger copies the target's pod template, revision annotation included, into <name>-primary only once the analysis passed
    const revisionGates = [{ apiVersion: 'apps/v1', kind: 'Deployment', name: `${this.appName}-primary`, namespace: this.namespace, annotation: REVISION_ANNOTATION, revision: AppModel.revisionOf(this.deployment)! }];
    return { healthRules: [], driftIgnores, revisionGates };
  }

  /** The MetricTemplates the analysis references by object. (read from the Canary) */
  public get metricTemplates(): MetricTemplate[] {
    return this.canary.metricTemplates;
  }

  /** The AlertProviders the analysis references by object. (read from the Canary) */
  public get alertProviders(): AlertProvider[] {
    return this.canary.alertProviders;
  }

  /** How the analysis runs. (read from the Canary) */
  public get analysisMode(): AnalysisMode {
    return this.canary.analysisMode;
  }

  /** Seconds between analysis runs. (read from the Canary) */
  public get intervalSeconds(): number {
    return this.canary.intervalSeconds;
  }

  /** Failed checks before rollback. (read from the Canary) */
  public get threshold(): number {
    return this.canary.threshold;
  }

  /** Analysis runs before promotion (A/B testing and blue/green). (read from the Canary) */
  public get iterations(): number | undefined {
    return this.canary.iterations;
  }

  /** The canary traffic weights in order (empty for A/B testing and blue/green). (read from the Canary) */
  public get stepWeightsInEffect(): number[] {
    return this.canary.stepWeightsInEffect;
  }

  /** The highest canary weight of a stepWeight canary. (read from the Canary) */
  public get maxWeight(): number | undefined {
    return this.canary.maxWeight;
  }

  /** Traffic percentage moved to the primary per interval during promotion. (read from the Canary) */
  public get stepWeightPromotion(): number {
    return this.canary.stepWeightPromotion;
  }

  /** Seconds without progress before rollback. (read from the Canary) */
  public get progressDeadlineSeconds(): number {
    return this.canary.progressDeadlineSeconds;
  }

  /**
   * The rollout plan props every Flagger app shares, from the Canary's
   * validated analysis: the base props plus replicas, interval, threshold,
   * progress deadline, provider and the objects Flagger generates for it,
   * the objects it copies (HPA, ConfigMaps, Secrets), the webhooks and the
   * metric checks.
   *
   * @internal
   */
  protected _flaggerPlanBase(): FlaggerPlanProps {
    const props = this._model.props;
    const base = this._planBase();
    const tracked = trackedConfigs(props);
    const namesOf = (kind: EnvSourceKind) => tracked.filter(c => c.kind === kind).map(c => c.name);
    const configMaps = unique([...(this.configMap ? [`${this.appName}-config`] : []), ...namesOf(EnvSourceKind.CONFIG_MAP)]);
    const secrets = unique(namesOf(EnvSourceKind.SECRET));
    const analysis = this.canary._analysis;
    return {
      ...base,
      replicas: this.replicas,
      intervalSeconds: analysis.intervalSeconds,
      threshold: analysis.threshold,
      progressDeadlineSeconds: this.canary.progressDeadlineSeconds,
      provider: this.provider.type,
      serviceName: this.apexServiceName,
      routingObjects: PROVIDERS[this.provider.type].routingObjects(this.apexServiceName, this.appName),
      autoscalerName: this.autoscaler ? this.appName : undefined,
      configMaps: configMaps.length ? configMaps : undefined,
      secrets: secrets.length ? secrets : undefined,
      webhooks: this.canary.webhooks.map(w => ({ name: w.name, type: w.type, url: w.url, timeoutSeconds: w.timeoutSeconds })),
      metrics: this.canary.metrics.map(m => ({
        name: m.name,
        min: m.min,
        max: m.max,
        templateName: m.templateName,
        meaning: m.isBuiltin ? BUILTIN_MEANINGS[m.name] : undefined,
        intervalSeconds: durationSeconds(m.interval ?? '1m'),
      })),
      mirror: analysis.mirror,
      notes: [...base.notes ?? [], ...unscrapedMetricsNotes(props, this.provider, this.canary.metrics)],
    };
  }

  /**
   * Checks the provider and analysis against the strategy, before anything is
   * defined (overridden by each strategy).
   *
   * @internal
   */
  protected _validateStrategy(_provider: CanaryProvider, _analysis: AnalysisProps): void {
    return;
  }

  private validateRouting(props: FlaggerAppCommonProps, provider: CanaryProvider) {
    const ingress = props.ingress;
    const facts = PROVIDERS[provider.type];
    if (props.route) {
      const why = provider.type === CanaryProviderType.GATEWAY_API
        ? `with the ${provider.type} provider it creates the HTTPRoute "${props.name}" itself, and an HTTPRoute of the app would clash with it or bypass the canary`
        : `an HTTPRoute of the app would send requests past the ${provider.type} provider's canary routing`;
      throw propError(this, 'route', props.route.parentRefs, `Flagger steers the traffic of its apps: ${why}; ${facts.exposure ?? 'expose the app with ingress (to the apex Service) instead'}`);
    }
    if (facts.usesIngress && !ingress) {
      throw propError(this, 'ingress', ingress, `the ${provider.type} provider shifts traffic through the app's Ingress: set ingress (its backend is the apex Service; Flagger clones it into "<name>-canary")`);
    }
    if (ingress && facts.exposure) {
      throw propError(this, 'ingress', ingress.hosts ?? [], `a plain Ingress to the apex Service would bypass the ${provider.type} canary routing; ${facts.exposure}`);
    }
    const canaryKeys = nginxCanaryAnnotationKeys(ingress?.annotations);
    if (canaryKeys.length) {
      throw propError(this, 'ingress.annotations', canaryKeys, 'Flagger sets the canary annotations on the Ingress it generates; on the app\'s Ingress they would turn it into a canary Ingress');
    }
    checkFlaggerProps(this, props);
    if (props.primaryScalerReplicas && !this._model.autoscaled) {
      throw propError(this, 'primaryScalerReplicas', { ...props.primaryScalerReplicas }, 'applies only with autoscaling (the primary\'s HPA is a copy of the app\'s)');
    }
  }
}

/** The distinct values, in order of first appearance. */
function unique(values: string[]): string[] {
  return [...new Set(values)];
}
