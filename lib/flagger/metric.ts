import { BUILTIN_DURATION, BUILTIN_SUCCESS_RATE } from './builtins';
import { MetricTemplate } from './metric-template';

/**
 * Options of the builtin `request-success-rate` metric.
 */
export interface RequestSuccessRateOptions {
  /**
   * The lowest acceptable percentage of non-5xx responses.
   *
   * @default 99
   */
  readonly minPercent?: number;
  /**
   * The window the rate is computed over.
   *
   * @default "1m"
   */
  readonly interval?: string;
}

/**
 * Options of the builtin `request-duration` metric.
 */
export interface RequestDurationOptions {
  /**
   * The highest acceptable request duration in milliseconds (P99 on most
   * providers, the mean on nginx).
   *
   * @default 500
   */
  readonly maxMilliseconds?: number;
  /**
   * The window the duration is computed over.
   *
   * @default "1m"
   */
  readonly interval?: string;
}

/**
 * Options of a metric computed by a `MetricTemplate`. Give `min`, `max` or both.
 */
export interface TemplateMetricOptions {
  /**
   * The metric name shown in events and alerts.
   *
   * @default - the template name
   */
  readonly name?: string;
  /**
   * The lowest acceptable value.
   *
   * @default - no lower bound
   */
  readonly min?: number;
  /**
   * The highest acceptable value.
   *
   * @default - no upper bound
   */
  readonly max?: number;
  /**
   * The query window, available to the query as `{{ interval }}`.
   *
   * @default "1m"
   */
  readonly interval?: string;
  /**
   * Values for `{{ variables.<key> }}` in the query.
   *
   * @default - none
   */
  readonly variables?: Record<string, string>;
}

/**
 * Options of a metric computed by a `MetricTemplate` defined elsewhere.
 */
export interface ExistingTemplateMetricOptions extends TemplateMetricOptions {
  /**
   * The template's namespace.
   *
   * @default - the Canary's namespace
   */
  readonly templateNamespace?: string;
}

/**
 * A check of one metric during the analysis: a builtin metric, or a query
 * from a `MetricTemplate`, with the range its value must stay in.
 */
export class Metric {
  /** The builtin percentage of non-5xx responses (needs traffic to the canary). */
  public static requestSuccessRate(options: RequestSuccessRateOptions = {}): Metric {
    return new Metric(BUILTIN_SUCCESS_RATE, true, undefined, undefined, undefined, options.minPercent ?? 99, undefined, options.interval, undefined);
  }

  /** The builtin request duration in milliseconds (needs traffic to the canary). */
  public static requestDuration(options: RequestDurationOptions = {}): Metric {
    return new Metric(BUILTIN_DURATION, true, undefined, undefined, undefined, undefined, options.maxMilliseconds ?? 500, options.interval, undefined);
  }

  /** A metric computed by `template`. */
  public static fromTemplate(template: MetricTemplate, options: TemplateMetricOptions): Metric {
    return new Metric(options.name ?? template.name, false, template, template.name, template.metadata.namespace,
      options.min, options.max, options.interval, options.variables);
  }

  /** A metric computed by the `MetricTemplate` named `templateName`, defined outside this app. */
  public static fromTemplateName(templateName: string, options: ExistingTemplateMetricOptions): Metric {
    return new Metric(options.name ?? templateName, false, undefined, templateName, options.templateNamespace,
      options.min, options.max, options.interval, options.variables);
  }

  private constructor(
    /** The metric name. */
    public readonly name: string,
    /** Whether this is a builtin metric (no template). */
    public readonly isBuiltin: boolean,
    /** The template construct, when referenced by object. */
    public readonly template: MetricTemplate | undefined,
    /** The template name, for template metrics. */
    public readonly templateName: string | undefined,
    /** The template namespace, when known. */
    public readonly templateNamespace: string | undefined,
    /** The lower bound. */
    public readonly min: number | undefined,
    /** The upper bound. */
    public readonly max: number | undefined,
    /** The query window. */
    public readonly interval: string | undefined,
    /** The template variables. */
    public readonly variables: Record<string, string> | undefined) {}
}
