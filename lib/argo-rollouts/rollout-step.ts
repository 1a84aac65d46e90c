import { RolloutExperimentOptions } from './rollout-experiment';
import { RolloutMetric } from './rollout-metric';

/** A manual approval in a release, as Flagger's confirm-* webhooks place it; Argo Rollouts waits in a `pause: {}` until `kubectl argo rollouts promote`. */
export enum ManualGate {
  /** Before the new version gets any traffic (Flagger `confirm-rollout`). */
  CONFIRM_ROLLOUT = 'confirm-rollout',
  /** Before each weight increase after the first (Flagger `confirm-traffic-increase`). */
  CONFIRM_TRAFFIC_INCREASE = 'confirm-traffic-increase',
  /** Before promotion (Flagger `confirm-promotion`; blue/green: `autoPromotionEnabled: false`). */
  CONFIRM_PROMOTION = 'confirm-promotion',
}

/** What one canary step does. */
export enum RolloutStepKind {
  /** Send a percentage of the traffic to the new version. */
  SET_WEIGHT = 'setWeight',
  /** Wait for a duration, or until promoted. */
  PAUSE = 'pause',
  /** Run metrics a number of times; a failure aborts the release. */
  ANALYSIS = 'analysis',
  /** Scale the new version independently of its traffic weight (needs a traffic router). */
  SET_CANARY_SCALE = 'setCanaryScale',
  /** Run extra pods of the stable or the new version beside the release, with analyses (an Argo Rollouts Experiment). */
  EXPERIMENT = 'experiment',
}

/** Options of an analysis step. */
export interface RolloutAnalysisStepOptions {
  /**
   * Measurements of each metric (at least 1), one per metric interval.
   *
   * @default 1
   */
  readonly iterations?: number;
  /**
   * Failed measurements tolerated per metric (at most `iterations`).
   *
   * @default 0
   */
  readonly failureLimit?: number;
}

/**
 * One step of an Argo Rollouts canary, in order: `setWeight`
 * (`trafficWeight`), a timed or manual `pause`, an inline `analysis`,
 * `setCanaryScale` (`scaleCanaryTo`, `scaleCanaryPercent`,
 * `matchTrafficWeight`) or an `experiment`.
 */
export class RolloutStep {
  /** `setWeight`: send `percent` (0-100) of the requests to the new version (approximated by pod counts without a traffic router). */
  public static trafficWeight(percent: number): RolloutStep {
    return new RolloutStep(RolloutStepKind.SET_WEIGHT, percent, undefined, undefined, 1, 0, undefined, undefined, undefined);
  }

  /** Wait `duration` (a Go duration such as "30s", "10m", "1h"), or without it until `kubectl argo rollouts promote`. */
  public static pause(duration?: string): RolloutStep {
    return new RolloutStep(RolloutStepKind.PAUSE, undefined, duration, undefined, 1, 0, undefined, undefined, undefined);
  }

  /** Run `metrics` (each `iterations` times); a metric failing more than `failureLimit` times aborts the release. */
  public static analysis(metrics: RolloutMetric[], options: RolloutAnalysisStepOptions = {}): RolloutStep {
    return new RolloutStep(RolloutStepKind.ANALYSIS, undefined, undefined, metrics, options.iterations ?? 1, options.failureLimit ?? 0, undefined, undefined, undefined);
  }

  /** `setCanaryScale.replicas`: run the new version with `replicas` pods whatever its weight (needs a traffic router). */
  public static scaleCanaryTo(replicas: number): RolloutStep {
    return new RolloutStep(RolloutStepKind.SET_CANARY_SCALE, undefined, undefined, undefined, 1, 0, replicas, undefined, undefined);
  }

  /** `setCanaryScale.weight`: run the new version with `percent` of the replicas whatever its weight (needs a traffic router). */
  public static scaleCanaryPercent(percent: number): RolloutStep {
    return new RolloutStep(RolloutStepKind.SET_CANARY_SCALE, undefined, undefined, undefined, 1, 0, undefined, percent, undefined);
  }

  /** `setCanaryScale.matchTrafficWeight`: the new version's pods follow its weight again (after `scaleCanaryTo` or `scaleCanaryPercent`). */
  public static matchTrafficWeight(): RolloutStep {
    return new RolloutStep(RolloutStepKind.SET_CANARY_SCALE, undefined, undefined, undefined, 1, 0, undefined, undefined, undefined);
  }

  /**
   * `experiment`: run pods of the stable and/or the new version beside the
   * release (a baseline and a canary, say) with analyses; the release waits
   * for it, and a failed analysis aborts it.
   */
  public static experiment(options: RolloutExperimentOptions): RolloutStep {
    const metrics = (options?.analyses ?? []).flatMap(a => a.metrics ?? []);
    return new RolloutStep(RolloutStepKind.EXPERIMENT, undefined, undefined, metrics.length ? metrics : undefined, 1, 0, undefined, undefined, options);
  }

  private constructor(
    /** What the step does. */
    public readonly kind: RolloutStepKind,
    /** The weight of a setWeight step. */
    public readonly weight: number | undefined,
    /** The duration of a timed pause. */
    public readonly duration: string | undefined,
    /** The metrics of an analysis step (of an experiment: those of its analyses). */
    public readonly metrics: RolloutMetric[] | undefined,
    /** Measurements per metric of an analysis step. */
    public readonly iterations: number,
    /** Failures tolerated per metric of an analysis step. */
    public readonly failureLimit: number,
    /** The canary replicas of a setCanaryScale step. */
    public readonly canaryReplicas: number | undefined,
    /** The canary scale (percent of replicas) of a setCanaryScale step. */
    public readonly canaryScalePercent: number | undefined,
    /** The templates and analyses of an experiment step. */
    public readonly experimentOptions: RolloutExperimentOptions | undefined) {}
}
