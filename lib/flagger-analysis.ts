import { AlertProvider } from './flagger-alert-provider';
import { BUILTIN_DURATION, BUILTIN_SUCCESS_RATE } from './flagger-builtins';
import { MetricTemplate } from './flagger-metric-template';
import { TrafficMatch } from './traffic-match';
import { durationSeconds } from './validate';

/** The Flagger default of a webhook's `timeout`, in seconds. */
const DEFAULT_WEBHOOK_TIMEOUT_SECONDS = 10;

/** How Flagger runs an analysis, derived from its props. */
export enum AnalysisMode {
  /** Progressive canary: traffic weights rise step by step (`stepWeight` or `stepWeights`). */
  CANARY = 'canary',
  /** A/B testing: requests matching `match` go to the canary for `iterations` intervals. */
  AB_TESTING = 'ab-testing',
  /** Blue/green: the canary is tested for `iterations` intervals, then all traffic switches. */
  BLUE_GREEN = 'blue-green',
}

/** When Flagger calls a webhook. */
export enum WebhookType {
  /** Before the canary is scaled up; repeated every interval until it answers 2xx (a gate). */
  CONFIRM_ROLLOUT = 'confirm-rollout',
  /** Before any traffic reaches the canary; a failure counts as a failed check. */
  PRE_ROLLOUT = 'pre-rollout',
  /** Every interval, before the metric checks (load tests); a failure counts as a failed check. */
  ROLLOUT = 'rollout',
  /** Before each traffic weight increase (progressive canaries only); waits until 2xx. */
  CONFIRM_TRAFFIC_INCREASE = 'confirm-traffic-increase',
  /** Before promotion; waits until 2xx while metrics keep being checked. */
  CONFIRM_PROMOTION = 'confirm-promotion',
  /** After promotion or rollback; failures are only logged. */
  POST_ROLLOUT = 'post-rollout',
  /** While the analysis runs or waits; a 2xx answer rolls the canary back. */
  ROLLBACK = 'rollback',
  /** For every Kubernetes event Flagger emits about the canary. */
  EVENT = 'event',
}

/** Which analysis events an alert reports. */
export enum AlertSeverity {
  /** Every event (start, progress, promotion, failure). */
  INFO = 'info',
  /** Waiting for approval, and failures. */
  WARN = 'warn',
  /** Failures only. */
  ERROR = 'error',
}

/** The SameSite attribute of a session-affinity cookie. */
export enum CookieSameSite {
  /** Strict. */
  STRICT = 'Strict',
  /** Lax. */
  LAX = 'Lax',
  /** None (needs `secure`). */
  NONE = 'None',
}

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

/**
 * Options of a webhook.
 */
export interface WebhookOptions {
  /**
   * How long Flagger waits for the answer.
   *
   * @default - Flagger's default, 10s
   */
  readonly timeout?: string;
  /**
   * Retries after a failed call.
   *
   * @default 0
   */
  readonly retries?: number;
  /**
   * The `metadata` sent in the request body (for the loadtester: `type`, `cmd`, ...).
   *
   * @default - none
   */
  readonly metadata?: Record<string, string>;
  /**
   * Skip TLS verification of an https:// URL.
   *
   * @default false
   */
  readonly disableTls?: boolean;
  /**
   * Do not alert while this gate is waiting.
   *
   * @default false
   */
  readonly muteAlert?: boolean;
}

/**
 * An HTTP call Flagger makes at one stage of the analysis: gates, tests,
 * load generation, notifications. See `LoadTester` for flagger-loadtester helpers.
 */
export class Webhook {
  /** A gate before the canary is scaled up (repeated until it answers 2xx). */
  public static confirmRollout(name: string, url: string, options: WebhookOptions = {}): Webhook {
    return new Webhook(WebhookType.CONFIRM_ROLLOUT, name, url, options);
  }

  /** A check before traffic reaches the canary (acceptance tests). */
  public static preRollout(name: string, url: string, options: WebhookOptions = {}): Webhook {
    return new Webhook(WebhookType.PRE_ROLLOUT, name, url, options);
  }

  /** A call every interval before the metric checks (load tests). */
  public static rollout(name: string, url: string, options: WebhookOptions = {}): Webhook {
    return new Webhook(WebhookType.ROLLOUT, name, url, options);
  }

  /** A gate before each traffic weight increase (progressive canaries only). */
  public static confirmTrafficIncrease(name: string, url: string, options: WebhookOptions = {}): Webhook {
    return new Webhook(WebhookType.CONFIRM_TRAFFIC_INCREASE, name, url, options);
  }

  /** A gate before promotion. */
  public static confirmPromotion(name: string, url: string, options: WebhookOptions = {}): Webhook {
    return new Webhook(WebhookType.CONFIRM_PROMOTION, name, url, options);
  }

  /** A notification after promotion or rollback. */
  public static postRollout(name: string, url: string, options: WebhookOptions = {}): Webhook {
    return new Webhook(WebhookType.POST_ROLLOUT, name, url, options);
  }

  /** A manual rollback switch: a 2xx answer rolls the canary back. */
  public static rollback(name: string, url: string, options: WebhookOptions = {}): Webhook {
    return new Webhook(WebhookType.ROLLBACK, name, url, options);
  }

  /** A receiver of every event Flagger emits about the canary. */
  public static onEvent(name: string, url: string, options: WebhookOptions = {}): Webhook {
    return new Webhook(WebhookType.EVENT, name, url, options);
  }

  /** A webhook of any type. */
  public static of(type: WebhookType, name: string, url: string, options: WebhookOptions = {}): Webhook {
    return new Webhook(type, name, url, options);
  }

  private constructor(
    /** When Flagger calls it. */
    public readonly type: WebhookType,
    /** The webhook name. */
    public readonly name: string,
    /** The URL Flagger POSTs to. */
    public readonly url: string,
    /** Timeout, retries and metadata. */
    public readonly options: WebhookOptions) {}

  /** The timeout in seconds (Flagger's default when unset). */
  public get timeoutSeconds(): number {
    return this.options.timeout === undefined ? DEFAULT_WEBHOOK_TIMEOUT_SECONDS : durationSeconds(this.options.timeout);
  }
}

/**
 * Options of an alert to an `AlertProvider` defined elsewhere.
 */
export interface ExistingAlertOptions {
  /**
   * Which events are reported.
   *
   * @default AlertSeverity.INFO
   */
  readonly severity?: AlertSeverity;
  /**
   * The alert name.
   *
   * @default - the provider name
   */
  readonly name?: string;
  /**
   * The provider's namespace.
   *
   * @default - the Canary's namespace
   */
  readonly providerNamespace?: string;
}

/**
 * Where the analysis reports its events, and which ones.
 */
export class Alert {
  /** Alerts sent to `provider`. */
  public static to(provider: AlertProvider, severity?: AlertSeverity, name?: string): Alert {
    return new Alert(name ?? provider.name, severity ?? AlertSeverity.INFO, provider, provider.name, provider.metadata.namespace);
  }

  /** Alerts sent to the `AlertProvider` named `providerName`, defined outside this app. */
  public static toExisting(providerName: string, options: ExistingAlertOptions = {}): Alert {
    return new Alert(options.name ?? providerName, options.severity ?? AlertSeverity.INFO, undefined, providerName, options.providerNamespace);
  }

  private constructor(
    /** The alert name. */
    public readonly name: string,
    /** Which events are reported. */
    public readonly severity: AlertSeverity,
    /** The provider construct, when referenced by object. */
    public readonly provider: AlertProvider | undefined,
    /** The provider name. */
    public readonly providerName: string,
    /** The provider namespace, when known. */
    public readonly providerNamespace: string | undefined) {}
}

/**
 * Sticky canary sessions through a cookie (istio and Gateway API, progressive
 * canaries only): a user routed to the canary once stays there.
 */
export interface SessionAffinityProps {
  /** The cookie that pins users to the canary. */
  readonly cookieName: string;
  /**
   * A cookie that pins users to the primary for one interval.
   *
   * @default - primary users are not pinned
   */
  readonly primaryCookieName?: string;
  /**
   * Cookie lifetime in seconds.
   *
   * @default 86400
   */
  readonly maxAgeSeconds?: number;
  /**
   * The cookie Domain attribute.
   *
   * @default - none
   */
  readonly domain?: string;
  /**
   * The cookie Path attribute.
   *
   * @default - none
   */
  readonly path?: string;
  /**
   * The cookie HttpOnly attribute.
   *
   * @default false
   */
  readonly httpOnly?: boolean;
  /**
   * The cookie Secure attribute.
   *
   * @default false
   */
  readonly secure?: boolean;
  /**
   * The cookie SameSite attribute.
   *
   * @default - none
   */
  readonly sameSite?: CookieSameSite;
}

/**
 * What every Flagger analysis has: its pace, failure tolerance, checks,
 * webhooks and alerts.
 */
export interface AnalysisCommonProps {
  /**
   * Time between two analysis runs: whole seconds or minutes (`"30s"`,
   * `"1m"`), at least 10s.
   *
   * @default "1m"
   */
  readonly interval?: string;
  /**
   * Failed checks after which the canary is rolled back.
   *
   * @default 5
   */
  readonly threshold?: number;
  /**
   * Metric checks run every interval.
   *
   * @default - none
   */
  readonly metrics?: Metric[];
  /**
   * Webhooks (gates, tests, load generation, notifications).
   *
   * @default - none
   */
  readonly webhooks?: Webhook[];
  /**
   * Where events are reported.
   *
   * @default - the Flagger controller's global alert settings
   */
  readonly alerts?: Alert[];
  /**
   * Percentage of primary pods that must be ready.
   *
   * @default 100
   */
  readonly primaryReadyThreshold?: number;
  /**
   * Percentage of canary pods that must be ready.
   *
   * @default 100
   */
  readonly canaryReadyThreshold?: number;
  /**
   * Real traffic reaches the canary during the analysis, so the builtin
   * metrics have values without a load test. When false, builtin metrics
   * require a `rollout` webhook (e.g. `LoadTester.heyLoadTest`): without
   * traffic they report "no values found" and every check fails.
   *
   * @default false
   */
  readonly hasSteadyTraffic?: boolean;
}

/**
 * A Flagger analysis of any mode. Set exactly one of `stepWeight`,
 * `stepWeights` (progressive canary) and `iterations` (A/B testing with
 * `match`, blue/green without).
 */
export interface AnalysisProps extends AnalysisCommonProps {
  /**
   * Traffic percentage added at each step (1-100), up to `maxWeight`.
   *
   * @default - not a stepWeight canary
   */
  readonly stepWeight?: number;
  /**
   * The highest canary traffic percentage before promotion (with `stepWeight` only).
   *
   * @default 100
   */
  readonly maxWeight?: number;
  /**
   * Explicit traffic percentages, strictly increasing, each 1-100 (the last
   * one is the maximum).
   *
   * @default - not a stepWeights canary
   */
  readonly stepWeights?: number[];
  /**
   * Traffic percentage moved back to the primary per interval during
   * promotion (progressive canaries only).
   *
   * @default 100 (all at once)
   */
  readonly stepWeightPromotion?: number;
  /**
   * Analysis runs before promotion: A/B testing with `match`, blue/green without.
   *
   * @default - not an iterations analysis
   */
  readonly iterations?: number;
  /**
   * A/B testing conditions (needs `iterations`).
   *
   * @default - no A/B routing
   */
  readonly match?: TrafficMatch[];
  /**
   * Mirror (shadow) traffic to the canary (istio and Gateway API); use only
   * for idempotent requests.
   *
   * @default false
   */
  readonly mirror?: boolean;
  /**
   * Percentage of traffic mirrored (istio only, with `mirror`).
   *
   * @default 100
   */
  readonly mirrorWeight?: number;
  /**
   * Sticky canary sessions (istio and Gateway API, progressive canaries only).
   *
   * @default - no session affinity
   */
  readonly sessionAffinity?: SessionAffinityProps;
}

/**
 * A Flagger blue/green analysis: the canary is checked for `iterations`
 * intervals, then promoted at once.
 */
export interface BlueGreenAnalysisProps extends AnalysisCommonProps {
  /** Analysis runs before promotion (at least 1). */
  readonly iterations: number;
  /**
   * Mirror (shadow) traffic to the canary during the run (istio and Gateway
   * API); use only for idempotent requests.
   *
   * @default false
   */
  readonly mirror?: boolean;
  /**
   * Percentage of traffic mirrored (istio only, with `mirror`).
   *
   * @default 100
   */
  readonly mirrorWeight?: number;
}
