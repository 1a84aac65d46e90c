/**
 * What the Argo Rollouts plans are built from: numbers and names the Argo
 * Rollouts engine resolved from an app's props (this layer does not know
 * the engine). Internal: not exported from the package.
 */
import { PlanMetricProps } from './flagger-plan-props';
import { PlanRuntimeObject } from './plan-parts';
import { BasePlanProps } from './plan-props';

/** One canary step, as the plan reads it. */
export interface ArgoPlanStep {
  readonly kind: 'setWeight' | 'pause' | 'analysis' | 'setCanaryScale';
  /** setWeight: the weight. */
  readonly weight?: number;
  /** pause: its seconds; undefined is a manual pause (until promoted). */
  readonly pauseSeconds?: number;
  /** analysis: the AnalysisTemplate. */
  readonly templateName?: string;
  /** analysis: measurements per metric and the seconds between two. */
  readonly iterations?: number;
  readonly intervalSeconds?: number;
  /** analysis: the metric names. */
  readonly metricNames?: string[];
  /** setCanaryScale: pods, or percent of the replicas. */
  readonly canaryReplicas?: number;
  readonly canaryScalePercent?: number;
}

/** What both Argo Rollouts plans share. */
export interface ArgoPlanProps extends BasePlanProps {
  /** Replicas of the Rollout (the HPA's minimum when autoscaled). */
  readonly replicas: number;
  /** Seconds before the old pods go after a promotion. */
  readonly scaleDownDelaySeconds: number;
  /** Seconds before the new pods go after an abort; undefined when they are not kept. */
  readonly abortScaleDownDelaySeconds?: number;
  /** Seconds between two measurements, when metrics are checked repeatedly. */
  readonly intervalSeconds?: number;
  /** Failed measurements of one metric that abort the release. */
  readonly threshold: number;
  /** The AnalysisTemplates of the app. */
  readonly analysisTemplates: string[];
  /** What the controller creates or changes for the router and the Services. */
  readonly controllerObjects: PlanRuntimeObject[];
  /** When the app's own metrics are queried by pod-template hash: what scrapes them with that label, or that nothing does. */
  readonly podMetricsNote?: string;
}

/** An Argo Rollouts canary. */
export interface ArgoCanaryPlanProps extends ArgoPlanProps {
  /** Whether a traffic router sets exact weights; otherwise pod counts approximate them. */
  readonly routed: boolean;
  /** The router, in words. */
  readonly router: string;
  /** What the router needs in the cluster, when anything. */
  readonly routerNote?: string;
  readonly steps: ArgoPlanStep[];
  /** maxSurge and maxUnavailable resolved to pods (a canary without router). */
  readonly maxSurge: number;
  readonly maxUnavailable: number;
  readonly dynamicStableScale: boolean;
  /** Metrics measured every interval during the whole release. */
  readonly backgroundMetrics: PlanMetricProps[];
}

/** An Argo Rollouts blue/green. */
export interface ArgoBlueGreenPlanProps extends ArgoPlanProps {
  readonly activeService: string;
  readonly previewService: string;
  /** Pods of the new version before the switch. */
  readonly previewReplicas: number;
  /** Measurements of each metric before (and after) the switch. */
  readonly iterations: number;
  readonly preMetrics: PlanMetricProps[];
  readonly postMetrics: PlanMetricProps[];
  /** Whether someone must promote (`autoPromotionEnabled: false`). */
  readonly manualPromotion: boolean;
  /** Seconds of the automatic pause before the switch. */
  readonly autoPromotionSeconds?: number;
}
