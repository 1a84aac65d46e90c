import { ApiObject, Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AppBase } from '../base/app-base';
import { AppProps } from '../core/app-props';
import { Check, durationSeconds } from '../core/check';
import { DeliveryHints, DriftIgnore } from '../core/delivery-hints';
import { propError } from '../core/errors';
import { ArgoPlanProps } from '../plan/argo-rollouts-plan-props';
import { PlanMetricProps } from '../plan/flagger-plan-props';
import { ResolvedCommon } from './analysis-rules';
import { AnalysisSite, defineAnalysisTemplate, RolloutArg, TemplateContext } from './analysis-template';
import { BuiltinQueries } from './router-table';
import { ROLLOUT_HEALTH } from './rollout-health';
import { RolloutMetric, RolloutMetricKind } from './rollout-metric';
import { podMetricsNote, rolloutShape } from './rollout-wiring';
import { RolloutTrafficRouter } from './traffic-router';

/** The Rollout's apiVersion and kind. */
const ROLLOUT_KIND = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout' };
/** The progress deadline of a Rollout that sets none. */
const DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

/** What the plan says each builtin metric measures. */
const MEANINGS: Record<string, string> = {
  [RolloutMetricKind.REQUEST_SUCCESS_RATE]: 'percentage of the new version\'s requests answered without a 5xx',
  [RolloutMetricKind.REQUEST_DURATION]: 'P99 duration of the new version\'s requests in milliseconds',
};

/**
 * What every Argo Rollouts app has beyond the common app props.
 */
export interface RolloutAppCommonProps extends AppProps {
  /**
   * Seconds a release may go without progress before it is Degraded (more than `minReadySeconds`).
   *
   * @default 600
   */
  readonly progressDeadlineSeconds?: number;
  /**
   * Abort the release (traffic back to the stable version) when the progress deadline passes, as Flagger does.
   *
   * @default true
   */
  readonly progressDeadlineAbort?: boolean;
  /**
   * Seconds the old version's pods are kept after a promotion (canary: with a traffic router only).
   *
   * @default 30
   */
  readonly scaleDownDelaySeconds?: number;
  /**
   * Seconds the new version's pods are kept after an abort; 0 keeps them (canary: with a traffic router only).
   *
   * @default 30
   */
  readonly abortScaleDownDelaySeconds?: number;
}

/**
 * The shared base of the apps Argo Rollouts releases: a `Rollout` `<name>`
 * that carries the pod template (so every version change is a new Rollout
 * generation, which the GitOps health rule waits for), ConfigMap, HPA (on
 * the Rollout), PDB, the Services the Rollout switches and the
 * AnalysisTemplates of its analysis. No Deployment is emitted.
 */
export abstract class RolloutAppBase extends AppBase {
  /** The Argo Rollouts Rollout. */
  public readonly rollout: ApiObject;
  /** The ConfigMap `<name>-config`, when config files are given. */
  public readonly configMap?: k8s.KubeConfigMap;
  /** The HPA of the Rollout, when `autoscaling` is given. */
  public readonly autoscaler?: k8s.KubeHorizontalPodAutoscalerV2;
  /** The PodDisruptionBudget over both versions' pods, when enabled. */
  public readonly disruptionBudget?: k8s.KubePodDisruptionBudget;
  /** The AnalysisTemplates the Rollout references. */
  public readonly analysisTemplates: ApiObject[] = [];
  /** Replicas at steady state (the HPA's minimum when autoscaled). */
  public readonly replicas: number;

  /** The Services whose selector the controller changes. @internal */
  protected readonly _managedServices: string[] = [];
  /** Drift-ignores beyond the Services (the HTTPRoute's rules). @internal */
  protected readonly _extraDriftIgnores: DriftIgnore[] = [];
  private readonly rolloutSpec: { strategy?: Record<string, unknown> } = {};

  protected constructor(scope: Construct, id: string, props: RolloutAppCommonProps) {
    super(scope, id, props);
    const model = this._model;
    model.validateVersion('', props);
    Check.int(this, 'progressDeadlineSeconds', props.progressDeadlineSeconds, 1);
    Check.int(this, 'scaleDownDelaySeconds', props.scaleDownDelaySeconds, 0);
    Check.int(this, 'abortScaleDownDelaySeconds', props.abortScaleDownDelaySeconds, 0);
    Check.progressDeadline(this, props.minReadySeconds, props.progressDeadlineSeconds, DEFAULT_PROGRESS_DEADLINE_SECONDS);
    const name = props.name;
    this.replicas = model.autoscaled ? model.minReplicas : model.replicasOf(props);
    this.configMap = model.configMap('ConfigMap', name, props);
    this.rollout = new ApiObject(this, 'Rollout', {
      ...ROLLOUT_KIND,
      metadata: model.metadata(name),
      spec: {
        replicas: model.autoscaled ? undefined : this.replicas,
        minReadySeconds: props.minReadySeconds,
        progressDeadlineSeconds: props.progressDeadlineSeconds ?? DEFAULT_PROGRESS_DEADLINE_SECONDS,
        progressDeadlineAbort: props.progressDeadlineAbort ?? true,
        selector: { matchLabels: model.selectorLabels },
        template: k8s.toJson_PodTemplateSpec(model.podTemplate({ name, version: props, versionProp: '' })),
        strategy: Lazy.any({ produce: () => this.rolloutSpec.strategy }),
      },
    });
    this.autoscaler = model.hpa('Autoscaler', name, name, {}, ROLLOUT_KIND);
    this.disruptionBudget = model.pdb('DisruptionBudget', name, model.selectorLabels, this.replicas);
  }

  /**
   * A GitOps output waits for the Rollout with its health rule, and leaves
   * alone what the controller changes: the selectors of the Services it
   * switches (`spec.selector` is an atomic map, so the whole selector), and
   * the HTTPRoute's rules (an atomic list holding the weights).
   *
   * @internal
   */
  public _deliveryHints(): DeliveryHints {
    return {
      healthRules: [ROLLOUT_HEALTH],
      driftIgnores: [
        ...this._managedServices.map(name => ({ kind: 'Service', name, paths: ['/spec/selector'] })),
        ...this._extraDriftIgnores,
      ],
    };
  }

  /** Sets the Rollout's strategy. @internal */
  protected _setStrategy(strategy: Record<string, unknown>) {
    this.rolloutSpec.strategy = strategy;
  }

  /** Defines the AnalysisTemplate of one analysis site; returns the Rollout's reference to it. @internal */
  protected _analysis(id: string, site: AnalysisSite, common: ResolvedCommon, queries: BuiltinQueries, canaryService: string, canaryIngress: string): { templates: Array<{ templateName: string }>; args?: RolloutArg[] } {
    const ctx: TemplateContext = {
      model: this._model,
      queries,
      metricContext: { namespace: this._model.effectiveNamespace ?? 'default', canaryService, canaryIngress },
      interval: common.interval,
      prometheusAddress: common.prometheusAddress,
    };
    const defined = defineAnalysisTemplate(id, site, ctx);
    this.analysisTemplates.push(defined.template);
    return { templates: [{ templateName: site.name }], args: defined.args.length ? defined.args : undefined };
  }

  /** Checks a Service name of the strategy: a DNS-1035 label other than the app's own Service. @internal */
  protected _checkServiceName(prop: string, value: string, what: string) {
    Check.dns1035(this, prop, value);
    if (value === this.appName) throw propError(this, prop, value, `${what} must differ from the Service "${this.appName}" (Argo Rollouts refuses a Rollout whose two Services are one)`);
  }

  /**
   * Defines the ServiceAccount, Role, RoleBinding, NetworkPolicy and
   * PodMonitor the props ask for, for requests that come through `router`
   * (or the app's Ingress or HTTPRoute). @internal
   */
  protected _defineRolloutSupport(router?: RolloutTrafficRouter) {
    this._defineSupport(rolloutShape(router));
  }

  /** The plan props both strategies share; `podMetrics`: whether the metrics query the app's own series by pod-template hash. @internal */
  protected _argoPlanBase(props: RolloutAppCommonProps, common: ResolvedCommon, podMetrics: boolean): Omit<ArgoPlanProps, 'controllerObjects' | 'intervalSeconds'> {
    return {
      ...this._planBase(),
      progressDeadlineSeconds: props.progressDeadlineSeconds,
      replicas: this.replicas,
      scaleDownDelaySeconds: props.scaleDownDelaySeconds ?? 30,
      abortScaleDownDelaySeconds: props.abortScaleDownDelaySeconds ?? 30,
      threshold: common.threshold,
      analysisTemplates: this.analysisTemplates.map(t => t.metadata.name!),
      podMetricsNote: podMetrics ? podMetricsNote(props) : undefined,
    };
  }

  /** A metric as the plan lists it. @internal */
  protected _planMetric(m: RolloutMetric, common: ResolvedCommon): PlanMetricProps {
    return {
      name: m.name,
      min: m.min,
      max: m.max,
      intervalSeconds: m.interval ? durationSeconds(m.interval) : common.intervalSeconds,
      meaning: MEANINGS[m.kind] ?? (m.kind === RolloutMetricKind.WEB ? `a 2xx answer from ${m.url}${m.successCondition ? ` where ${m.successCondition}` : ''}` : `Prometheus query \`${m.query}\``),
    };
  }
}
