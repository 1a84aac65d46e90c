import { ResourcesProps } from '../core/container-props';

/** What a `RolloutMetric` measures. */
export enum RolloutMetricKind {
  /** Percentage of the new version's requests answered without a 5xx (a Prometheus query chosen by the router). */
  REQUEST_SUCCESS_RATE = 'request-success-rate',
  /** P99 duration of the new version's requests in milliseconds (a Prometheus query chosen by the router). */
  REQUEST_DURATION = 'request-duration',
  /** A Prometheus query of your own. */
  PROMETHEUS = 'prometheus',
  /** An HTTP call (Argo Rollouts' `web` metric): the equivalent of a Flagger webhook check. */
  WEB = 'web',
  /** A Job of your own (Argo Rollouts' `job` metric): it passes when the Job succeeds; Flagger's loadtester commands. */
  JOB = 'job',
}

/** Options of `RolloutMetric.requestSuccessRate`. */
export interface RolloutSuccessRateOptions {
  /**
   * The lowest acceptable percentage of non-5xx responses.
   *
   * @default 99
   */
  readonly minPercent?: number;
  /**
   * Time between two measurements, and the window of the rate (a Go duration).
   *
   * @default - the analysis interval
   */
  readonly interval?: string;
}

/** Options of `RolloutMetric.requestDuration`. */
export interface RolloutDurationOptions {
  /**
   * The highest acceptable P99 request duration in milliseconds.
   *
   * @default 500
   */
  readonly maxMilliseconds?: number;
  /**
   * Time between two measurements, and the window of the quantile (a Go duration).
   *
   * @default - the analysis interval
   */
  readonly interval?: string;
}

/** Options of `RolloutMetric.prometheus`. Give `min`, `max` or both. */
export interface RolloutPrometheusMetricOptions {
  /** The metric name (unique within the app's analysis). */
  readonly name: string;
  /**
   * The PromQL query; its first sample is checked. `{{args.canary-hash}}`
   * and `{{args.stable-hash}}` are the pod-template hashes of the new and the
   * stable version (pod label `rollouts-pod-template-hash`); other
   * `{{args.<name>}}` come from `args`.
   */
  readonly query: string;
  /**
   * The lowest passing value.
   *
   * @default - no lower bound
   */
  readonly min?: number;
  /**
   * The highest passing value.
   *
   * @default - no upper bound
   */
  readonly max?: number;
  /**
   * Time between two measurements (a Go duration).
   *
   * @default - the analysis interval
   */
  readonly interval?: string;
  /**
   * Values of the `{{args.<name>}}` placeholders of the query.
   *
   * @default - none
   */
  readonly args?: Record<string, string>;
}

/** Options of `RolloutMetric.web`. */
export interface RolloutWebMetricOptions {
  /** The metric name (unique within the app's analysis). */
  readonly name: string;
  /** The URL called with GET; an answer other than 2xx is an error. `{{args.<name>}}` placeholders as for Prometheus. */
  readonly url: string;
  /**
   * A JSONPath into the answer whose value is `result` (for example `{$.status}`).
   *
   * @default - the whole answer
   */
  readonly jsonPath?: string;
  /**
   * An Argo Rollouts condition on `result` (for example `result == "OK"`).
   *
   * @default - any 2xx answer passes
   */
  readonly successCondition?: string;
  /**
   * Seconds to wait for the answer.
   *
   * @default 10
   */
  readonly timeoutSeconds?: number;
  /**
   * Time between two calls (a Go duration).
   *
   * @default - the analysis interval
   */
  readonly interval?: string;
  /**
   * Values of the `{{args.<name>}}` placeholders of the URL.
   *
   * @default - none
   */
  readonly args?: Record<string, string>;
}

/** Options of `RolloutMetric.job`. */
export interface RolloutJobMetricOptions {
  /** The metric name (unique within the app's analysis). */
  readonly name: string;
  /** The container image, pinned by tag or digest (not `latest`). */
  readonly image: string;
  /**
   * The command and its arguments; exit code 0 passes. `{{args.<name>}}`
   * placeholders as for Prometheus. A Flagger loadtester `cmd` runs as
   * `["sh", "-c", cmd]` in the loadtester image.
   */
  readonly command: string[];
  /**
   * Environment variables of the container.
   *
   * @default - none
   */
  readonly env?: Record<string, string>;
  /**
   * Seconds the Job may run (`activeDeadlineSeconds`); a Job still running then fails.
   *
   * @default 60
   */
  readonly timeoutSeconds?: number;
  /**
   * The numeric user and group the container runs as (Pod Security Standards "restricted": not root).
   *
   * @default 65534
   */
  readonly runAsUser?: number;
  /**
   * CPU and memory of the container.
   *
   * @default - the app defaults (100m CPU, 128Mi memory requested, 256Mi limit)
   */
  readonly resources?: ResourcesProps;
  /**
   * Time between two runs (a Go duration).
   *
   * @default - the analysis interval
   */
  readonly interval?: string;
  /**
   * Values of the `{{args.<name>}}` placeholders of the command.
   *
   * @default - none
   */
  readonly args?: Record<string, string>;
}

/**
 * A check Argo Rollouts runs during a release, in an AnalysisTemplate the app
 * defines: the same vocabulary as Flagger's `Metric` (success rate >= a
 * percentage, P99 duration <= milliseconds, a custom query with bounds) plus
 * web calls and Jobs for what Flagger does with webhooks and its loadtester.
 */
export class RolloutMetric {
  /** The percentage of the new version's requests answered without a 5xx; the query depends on the router. */
  public static requestSuccessRate(options: RolloutSuccessRateOptions = {}): RolloutMetric {
    return new RolloutMetric(RolloutMetricKind.REQUEST_SUCCESS_RATE, RolloutMetricKind.REQUEST_SUCCESS_RATE, options.minPercent ?? 99, undefined,
      options.interval, undefined, undefined, undefined, undefined, undefined, undefined, undefined);
  }

  /** The P99 duration of the new version's requests in milliseconds; the query depends on the router. */
  public static requestDuration(options: RolloutDurationOptions = {}): RolloutMetric {
    return new RolloutMetric(RolloutMetricKind.REQUEST_DURATION, RolloutMetricKind.REQUEST_DURATION, undefined, options.maxMilliseconds ?? 500,
      options.interval, undefined, undefined, undefined, undefined, undefined, undefined, undefined);
  }

  /** A Prometheus query of your own, with bounds. */
  public static prometheus(options: RolloutPrometheusMetricOptions): RolloutMetric {
    return new RolloutMetric(RolloutMetricKind.PROMETHEUS, options.name, options.min, options.max, options.interval, options.query,
      undefined, undefined, undefined, undefined, options.args, undefined);
  }

  /** An HTTP GET whose answer must be 2xx (and meet `successCondition`): a smoke or acceptance test. */
  public static web(options: RolloutWebMetricOptions): RolloutMetric {
    return new RolloutMetric(RolloutMetricKind.WEB, options.name, undefined, undefined, options.interval, undefined,
      options.url, options.jsonPath, options.successCondition, options.timeoutSeconds, options.args, undefined);
  }

  /**
   * A Job that must succeed: a smoke or load test in a container of your own
   * (Flagger's pre-rollout or rollout webhooks calling the loadtester). Its
   * pod runs as a non-root user with every capability dropped, a read-only
   * root filesystem (a writable `/tmp`) and no service account token.
   */
  public static job(options: RolloutJobMetricOptions): RolloutMetric {
    return new RolloutMetric(RolloutMetricKind.JOB, options.name, undefined, undefined, options.interval, undefined,
      undefined, undefined, undefined, options.timeoutSeconds ?? 60, options.args, options);
  }

  private constructor(
    /** What it measures. */
    public readonly kind: RolloutMetricKind,
    /** The metric name in the AnalysisTemplate. */
    public readonly name: string,
    /** The lower bound. */
    public readonly min: number | undefined,
    /** The upper bound. */
    public readonly max: number | undefined,
    /** Time between two measurements. */
    public readonly interval: string | undefined,
    /** The PromQL query of a Prometheus metric. */
    public readonly query: string | undefined,
    /** The URL of a web metric. */
    public readonly url: string | undefined,
    /** The JSONPath of a web metric. */
    public readonly jsonPath: string | undefined,
    /** The success condition of a web metric. */
    public readonly successCondition: string | undefined,
    /** The timeout of a web metric or a Job. */
    public readonly timeoutSeconds: number | undefined,
    /** Argument values. */
    public readonly args: Record<string, string> | undefined,
    /** The container of a Job metric. */
    public readonly jobOptions: RolloutJobMetricOptions | undefined) {}
}
