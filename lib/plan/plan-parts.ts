/**
 * The public pieces a rollout plan is made of: steps, runtime objects, gates,
 * metrics and timings.
 */

/** One ordered step of a rollout. */
export interface PlanStep {
  /** A short label (also the chart's x-axis label). */
  readonly name: string;
  /** What happens in this step. */
  readonly description: string;
  /** Share of all requests (percent) served by the new version once the step is reached. */
  readonly trafficPercent: number;
  /** Pods of the new version once the step is reached. */
  readonly newPods: number;
  /** Pods of the old version once the step is reached. */
  readonly oldPods: number;
  /** The most pods (both versions) running at once during the step. */
  readonly peakPods: number;
  /**
   * Earliest start, in seconds after the new version first gets traffic
   * (Flagger) or the first wave starts (rolling).
   *
   * @default - a manual step (a commit)
   */
  readonly startSeconds?: number;
}

/** An object the cluster creates at runtime (not in Git). */
export interface PlanRuntimeObject {
  /** The object kind. */
  readonly kind: string;
  /** The object name. */
  readonly name: string;
  /** What it is for. */
  readonly purpose: string;
}

/** A gate or webhook, in the order the rollout meets it. */
export interface PlanGate {
  /** The webhook name. */
  readonly name: string;
  /** The Flagger webhook type. */
  readonly type: string;
  /** When Flagger calls it. */
  readonly when: string;
  /** What a failure does. */
  readonly onFailure: string;
  /**
   * The URL called.
   *
   * @default - not given
   */
  readonly url?: string;
  /**
   * Seconds Flagger waits for an answer.
   *
   * @default - not given
   */
  readonly timeoutSeconds?: number;
}

/** A metric check and its threshold. */
export interface PlanMetric {
  /** The metric name. */
  readonly name: string;
  /** The passing range in words (`>= 99`, `<= 500`, `1 .. 5`). */
  readonly check: string;
  /** What the metric measures. */
  readonly meaning: string;
  /**
   * The lowest passing value.
   *
   * @default - no minimum
   */
  readonly min?: number;
  /**
   * The highest passing value.
   *
   * @default - no maximum
   */
  readonly max?: number;
  /** Seconds of data each check reads. */
  readonly intervalSeconds: number;
}

/** One timing of the plan and how it is computed. */
export interface PlanTiming {
  /** What is timed. */
  readonly name: string;
  /**
   * The time in seconds.
   *
   * @default - not bounded by the strategy (a manual step)
   */
  readonly seconds?: number;
  /** How it is computed, with the numbers. */
  readonly formula: string;
}

