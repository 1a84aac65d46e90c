import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Check } from '../core/check';
import { propError } from '../core/errors';
import { httpRoute } from '../core/http-route';
import { argoBlueGreenPlan } from '../plan/argo-rollouts-plans';
import { RolloutPlan } from '../plan/rollout-plan';
import { RolloutBlueGreenAnalysisProps } from './analysis-props';
import { checkIterations, checkMetrics, resolveCommon } from './analysis-rules';
import { usesBuiltins } from './analysis-template';
import { RolloutAppBase, RolloutAppCommonProps } from './rollout-app-base';
import { ManualGate } from './rollout-step';
import { POD_QUERIES } from './router-table';

/**
 * Props of a `RolloutBlueGreenApp`.
 */
export interface RolloutBlueGreenAppProps extends RolloutAppCommonProps {
  /** How each new version is tested before (and after) the switch: `iterations` measurements of its metrics. */
  readonly analysis: RolloutBlueGreenAnalysisProps;
  /**
   * The Service of the new version before the switch (for tests).
   *
   * @default "<name>-preview"
   */
  readonly previewServiceName?: string;
  /**
   * Seconds to wait after the pre-promotion analysis before switching
   * (not with the `CONFIRM_PROMOTION` gate).
   *
   * @default - switch at once
   */
  readonly autoPromotionSeconds?: number;
  /**
   * Pods of the new version before the switch (it scales to `replicas` at the switch).
   *
   * @default - the replicas
   */
  readonly previewReplicaCount?: number;
}

/**
 * An app released by Argo Rollouts as blue/green: each new version runs
 * behind the preview Service `<name>-preview` beside the live one, is
 * measured `iterations` times (pre-promotion analysis), then the active
 * Service `<name>` switches to it at once; a failed analysis aborts.
 *
 * Emits the Rollout `<name>` (with the pod template), the Services `<name>`
 * and `<name>-preview`, the Ingress `<name>` (to the active Service) when
 * `ingress` is given, the HTTPRoute `<name>` (to the active Service) when
 * `route` is given, the AnalysisTemplates, ConfigMap, HPA and PDB, and the
 * NetworkPolicy and PodMonitor when asked for.
 */
export class RolloutBlueGreenApp extends RolloutAppBase {
  /** What Argo Rollouts will do with the next version: preview, analysis, switch, timings and commands. */
  public readonly plan: RolloutPlan;
  /** The active Service: the live version. */
  public readonly service: k8s.KubeService;
  /** The preview Service: the new version before the switch. */
  public readonly previewService: k8s.KubeService;
  /** The Ingress to the active Service, when `ingress` is given. */
  public readonly ingress?: k8s.KubeIngress;
  /** The HTTPRoute `<name>` to the active Service, when `route` is given. */
  public readonly route?: ApiObject;

  public constructor(scope: Construct, id: string, props: RolloutBlueGreenAppProps) {
    super(scope, id, props);
    const model = this._model;
    const name = props.name;
    const analysis = props.analysis;
    if (!analysis) throw propError(this, 'analysis', analysis, 'an analysis (iterations, interval, threshold, metrics) is required');
    const common = resolveCommon(this, analysis, [ManualGate.CONFIRM_PROMOTION]);
    checkIterations(this, analysis.iterations, common.threshold);
    const pre = [...analysis.metrics ?? []];
    const post = [...analysis.postPromotionMetrics ?? []];
    checkMetrics(this, 'analysis.metrics', pre, common);
    checkMetrics(this, 'analysis.postPromotionMetrics', post, common);
    const manual = common.gates.includes(ManualGate.CONFIRM_PROMOTION);
    Check.int(this, 'autoPromotionSeconds', props.autoPromotionSeconds, 1);
    if (manual && props.autoPromotionSeconds !== undefined) {
      throw propError(this, 'autoPromotionSeconds', props.autoPromotionSeconds, 'the CONFIRM_PROMOTION gate turns automatic promotion off (autoPromotionEnabled: false), and Argo Rollouts then ignores autoPromotionSeconds');
    }
    Check.int(this, 'previewReplicaCount', props.previewReplicaCount, 1);
    const previewName = props.previewServiceName ?? `${name}-preview`;
    this._checkServiceName('previewServiceName', previewName, 'the preview Service');

    this.service = model.service('Service', name, model.selectorLabels);
    this.previewService = model.service('PreviewService', previewName, model.selectorLabels);
    this._managedServices.push(name, previewName);
    this.ingress = props.ingress ? model.ingress('Ingress', name, name) : undefined;
    this.route = props.route ? httpRoute(model, 'Route', name, [{ backends: [{ service: name }] }]) : undefined;
    const site = (suffix: string, metrics: typeof pre) => (metrics.length
      ? this._analysis(`Analysis-${suffix}`, { name: `${name}-${suffix}`, metrics, count: analysis.iterations, failureLimit: common.threshold - 1 }, common, POD_QUERIES, previewName, '')
      : undefined);
    this._setStrategy({
      blueGreen: {
        activeService: name,
        previewService: previewName,
        autoPromotionEnabled: manual ? false : undefined,
        autoPromotionSeconds: props.autoPromotionSeconds,
        previewReplicaCount: props.previewReplicaCount,
        prePromotionAnalysis: site('pre-promotion', pre),
        postPromotionAnalysis: site('post-promotion', post),
        scaleDownDelaySeconds: props.scaleDownDelaySeconds,
        abortScaleDownDelaySeconds: props.abortScaleDownDelaySeconds,
      },
    });

    this._defineRolloutSupport();
    this.plan = RolloutPlan._of(argoBlueGreenPlan({
      ...this._argoPlanBase(props, common, usesBuiltins([...pre, ...post])),
      intervalSeconds: common.intervalSeconds,
      controllerObjects: [
        { kind: 'Service', name, purpose: 'in Git; the controller points its selector (`rollouts-pod-template-hash`) at the active version and switches it on promotion' },
        { kind: 'Service', name: previewName, purpose: 'in Git; the controller points its selector at the new version' },
      ],
      activeService: name,
      previewService: previewName,
      previewReplicas: Math.min(props.previewReplicaCount ?? this.replicas, this.replicas),
      iterations: analysis.iterations,
      preMetrics: pre.map(m => this._planMetric(m, common)),
      postMetrics: post.map(m => this._planMetric(m, common)),
      manualPromotion: manual,
      autoPromotionSeconds: props.autoPromotionSeconds,
    }));
  }
}
