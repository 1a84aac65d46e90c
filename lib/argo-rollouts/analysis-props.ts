import { RolloutMetric } from './rollout-metric';
import { ManualGate } from './rollout-step';

/**
 * What every Argo Rollouts analysis has, in Flagger's vocabulary: its pace,
 * its failure tolerance, its checks and where Prometheus is.
 */
export interface RolloutAnalysisCommonProps {
  /**
   * Time between two measurements of each metric, and (canary) the pause at
   * each weight: a Go duration such as "30s", "1m" or "1h30m".
   *
   * @default "1m"
   */
  readonly interval?: string;
  /**
   * Failed measurements of one metric that abort the release (Argo Rollouts'
   * `failureLimit` is threshold − 1).
   *
   * @default 5
   */
  readonly threshold?: number;
  /**
   * Manual approvals, each a `pause: {}` that waits for `kubectl argo rollouts promote`.
   *
   * @default - none
   */
  readonly gates?: ManualGate[];
  /**
   * The Prometheus URL the metrics query (Argo Rollouts has no default).
   *
   * @default - required when a Prometheus metric is used
   */
  readonly prometheusAddress?: string;
}

/**
 * A canary analysis in Flagger's vocabulary: the weights (`stepWeight` up to
 * `maxWeight`, or `stepWeights`), each held for one interval, with metrics
 * checked every interval from the start of the release. Leave the weights out
 * when the app gives explicit `steps`.
 */
export interface RolloutCanaryAnalysisProps extends RolloutAnalysisCommonProps {
  /**
   * Traffic percentage added at each step (1-100), up to `maxWeight`.
   *
   * @default - stepWeights, or the app's steps
   */
  readonly stepWeight?: number;
  /**
   * The highest weight before promotion (with `stepWeight`).
   *
   * @default 100
   */
  readonly maxWeight?: number;
  /**
   * Explicit weights, strictly increasing, each 1-100.
   *
   * @default - stepWeight, or the app's steps
   */
  readonly stepWeights?: number[];
  /**
   * Metrics measured every interval from the new version's first requests
   * to the end of the release (a background analysis from the first weight's
   * step; Flagger's metrics and `rollout` webhooks).
   *
   * @default - none
   */
  readonly metrics?: RolloutMetric[];
  /**
   * Checks run once on the first weight's pods before they get requests
   * (without a traffic router, pods are what splits the requests: right
   * after the first weight); any failure aborts (Flagger's `pre-rollout`
   * webhooks).
   *
   * @default - none
   */
  readonly preRolloutChecks?: RolloutMetric[];
}

/**
 * A blue/green analysis in Flagger's vocabulary: the new version is measured
 * `iterations` times behind the preview Service before the switch
 * (`prePromotionAnalysis`).
 */
export interface RolloutBlueGreenAnalysisProps extends RolloutAnalysisCommonProps {
  /** Measurements of each metric before the switch (at least 1). */
  readonly iterations: number;
  /**
   * Metrics of the new version before the switch.
   *
   * @default - none (the switch waits for the pods only)
   */
  readonly metrics?: RolloutMetric[];
  /**
   * Metrics measured `iterations` times after the switch; a failure switches
   * back (`postPromotionAnalysis`).
   *
   * @default - none
   */
  readonly postPromotionMetrics?: RolloutMetric[];
}
