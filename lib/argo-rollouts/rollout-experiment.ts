import { RolloutMetric } from './rollout-metric';

/** Which version's pod template an experiment template runs. */
export enum ExperimentSpecRef {
  /** The stable version's (a baseline). */
  STABLE = 'stable',
  /** The new version's. */
  CANARY = 'canary',
}

/** One set of pods an experiment runs beside the release: a ReplicaSet `<experiment>-<name>`. */
export interface RolloutExperimentTemplate {
  /**
   * The template name (a DNS label, unique within the experiment). In the
   * metrics of the experiment's analyses, `{{args.<name>-hash}}` is the
   * pod-template hash of its pods.
   */
  readonly name: string;
  /** The version whose pod template it runs. */
  readonly specRef: ExperimentSpecRef;
  /**
   * Its pods.
   *
   * @default 1
   */
  readonly replicas?: number;
  /**
   * Percent of the requests sent to its pods, taken from the stable version
   * (Istio router only: Argo Rollouts creates a Service per weighted template).
   *
   * @default - no requests
   */
  readonly weight?: number;
}

/** Options of `RolloutExperimentAnalysis.fromMetrics`. */
export interface RolloutExperimentMetricsOptions {
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
  /**
   * The experiment ends only once this analysis has finished, even after its duration.
   *
   * @default false
   */
  readonly requiredForCompletion?: boolean;
}

/** Options of `RolloutExperimentAnalysis.fromTemplate`. */
export interface RolloutExperimentTemplateOptions {
  /**
   * Values of the template's arguments; `{{templates.<name>.podTemplateHash}}`
   * is the pod-template hash of the experiment template `<name>`.
   *
   * @default - none
   */
  readonly args?: Record<string, string>;
  /**
   * The template is a ClusterAnalysisTemplate.
   *
   * @default false
   */
  readonly clusterScope?: boolean;
  /**
   * The experiment ends only once this analysis has finished, even after its duration.
   *
   * @default false
   */
  readonly requiredForCompletion?: boolean;
}

/**
 * An analysis an experiment runs once its pods are available: metrics of
 * this library (the app defines their AnalysisTemplate) or an
 * AnalysisTemplate you name (for example a statistical comparison of the
 * baseline and the new version).
 */
export class RolloutExperimentAnalysis {
  /** Runs `metrics` in an AnalysisTemplate the app defines, `<app>-step-<n>-<name>`. */
  public static fromMetrics(name: string, metrics: RolloutMetric[], options: RolloutExperimentMetricsOptions = {}): RolloutExperimentAnalysis {
    return new RolloutExperimentAnalysis(name, metrics, undefined, options.iterations ?? 1, options.failureLimit ?? 0, options.requiredForCompletion ?? false, undefined, false);
  }

  /** Runs the AnalysisTemplate (or ClusterAnalysisTemplate) `templateName`, which you provide. */
  public static fromTemplate(name: string, templateName: string, options: RolloutExperimentTemplateOptions = {}): RolloutExperimentAnalysis {
    return new RolloutExperimentAnalysis(name, undefined, templateName, 1, 0, options.requiredForCompletion ?? false, options.args, options.clusterScope ?? false);
  }

  private constructor(
    /** The analysis name (a DNS label, unique within the experiment). */
    public readonly name: string,
    /** The metrics, for an analysis of this library's metrics. */
    public readonly metrics: RolloutMetric[] | undefined,
    /** The template you provide, otherwise. */
    public readonly templateName: string | undefined,
    /** Measurements per metric. */
    public readonly iterations: number,
    /** Failures tolerated per metric. */
    public readonly failureLimit: number,
    /** Whether the experiment waits for it. */
    public readonly requiredForCompletion: boolean,
    /** Argument values of your template. */
    public readonly args: Record<string, string> | undefined,
    /** Whether your template is cluster-scoped. */
    public readonly clusterScope: boolean) {}
}

/** Options of `RolloutStep.experiment`. */
export interface RolloutExperimentOptions {
  /** The pods to run (at least one template). */
  readonly templates: RolloutExperimentTemplate[];
  /**
   * How long the experiment runs once its pods are available (a Go duration).
   *
   * @default - until its `requiredForCompletion` analyses finish (one is then needed)
   */
  readonly duration?: string;
  /**
   * The analyses it runs; a failure aborts the release.
   *
   * @default - none
   */
  readonly analyses?: RolloutExperimentAnalysis[];
}
