import { AlertProvider } from './flagger-alert-provider';
import { MetricTemplate } from './flagger-metric-template';
import { propError, Where } from './errors';
import { Check, durationSeconds } from './validate';

/** The Flagger default of a webhook's `timeout`, in seconds. */
const DEFAULT_WEBHOOK_TIMEOUT_SECONDS = 10;
const BUILTIN_SUCCESS_RATE = 'request-success-rate';
const BUILTIN_DURATION = 'request-duration';
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const COOKIE_VALUE = /^[!#$%&'()*+\-./0-9:<=>?@A-Z[\]^_`a-z{|}~]+$/;
const WEBHOOK_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

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

/** How a header match compares the header value. */
export enum MatchOperator {
  /** Equal to the value. */
  EXACT = 'exact',
  /** Starts with the value. */
  PREFIX = 'prefix',
  /** Ends with the value. */
  SUFFIX = 'suffix',
  /** Matches the regular expression. */
  REGEX = 'regex',
}

/** What an A/B match looks at. */
export enum TrafficMatchKind {
  /** An HTTP header. */
  HEADER = 'header',
  /** A cookie `<name>=<value>`. */
  COOKIE = 'cookie',
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
 * One A/B testing condition: requests that satisfy it are routed to the
 * canary. Several matches are alternatives (any one routes the request).
 * Providers support different conditions: nginx takes at most one header
 * (exact or regex) and one cookie; contour has no regex; istio no suffix;
 * Gateway API exact and regex only.
 */
export class TrafficMatch {
  /** Requests whose header `name` (lowercase) equals `value`. */
  public static headerExact(name: string, value: string): TrafficMatch {
    return new TrafficMatch(TrafficMatchKind.HEADER, name, MatchOperator.EXACT, value);
  }

  /** Requests whose header `name` (lowercase) starts with `prefix`. */
  public static headerPrefix(name: string, prefix: string): TrafficMatch {
    return new TrafficMatch(TrafficMatchKind.HEADER, name, MatchOperator.PREFIX, prefix);
  }

  /** Requests whose header `name` (lowercase) ends with `suffix`. */
  public static headerSuffix(name: string, suffix: string): TrafficMatch {
    return new TrafficMatch(TrafficMatchKind.HEADER, name, MatchOperator.SUFFIX, suffix);
  }

  /** Requests whose header `name` (lowercase) matches the regular expression `pattern`. */
  public static headerRegex(name: string, pattern: string): TrafficMatch {
    return new TrafficMatch(TrafficMatchKind.HEADER, name, MatchOperator.REGEX, pattern);
  }

  /**
   * Requests carrying the cookie `cookieName=value`. nginx only supports the
   * value `always`; contour matches the cookie as the suffix of the Cookie header.
   */
  public static cookie(cookieName: string, value: string = 'always'): TrafficMatch {
    return new TrafficMatch(TrafficMatchKind.COOKIE, cookieName, undefined, value);
  }

  private constructor(
    /** A header or a cookie. */
    public readonly kind: TrafficMatchKind,
    /** The header or cookie name. */
    public readonly name: string,
    /** How a header value is compared (headers only). */
    public readonly matchOperator: MatchOperator | undefined,
    /** The header value, prefix, suffix or pattern, or the cookie value. */
    public readonly value: string) {}
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

/**
 * The validated analysis, with its rendered spec and the numbers a rollout
 * plan needs.
 *
 * @internal
 */
export interface ResolvedAnalysis {
  readonly spec: any;
  readonly mode: AnalysisMode;
  readonly intervalSeconds: number;
  readonly threshold: number;
  readonly iterations?: number;
  readonly stepWeights: number[];
  readonly maxWeight?: number;
  readonly stepWeightPromotion: number;
  readonly metricTemplates: MetricTemplate[];
  readonly alertProviders: AlertProvider[];
}

/** Header match operators each provider supports (`undefined`: no A/B testing). */
const MATCH_OPERATORS: Record<string, MatchOperator[] | undefined> = {
  nginx: [MatchOperator.EXACT, MatchOperator.REGEX],
  istio: [MatchOperator.EXACT, MatchOperator.PREFIX, MatchOperator.REGEX],
  'gatewayapi:v1': [MatchOperator.EXACT, MatchOperator.REGEX],
  contour: [MatchOperator.EXACT, MatchOperator.PREFIX, MatchOperator.SUFFIX],
};
const MIRROR_PROVIDERS = ['istio', 'gatewayapi:v1'];
const AFFINITY_PROVIDERS = ['istio', 'gatewayapi:v1'];

/**
 * Validates an analysis for `provider` (undefined: the controller's default)
 * and renders its spec. Template and provider namespaces equal to
 * `namespace` are left out of the references.
 *
 * @internal
 */
export function resolveAnalysis(where: Where, props: AnalysisProps, provider: string | undefined, namespace: string | undefined): ResolvedAnalysis {
  const interval = props.interval ?? '1m';
  Check.flaggerDuration(where, 'analysis.interval', interval);
  const intervalSeconds = durationSeconds(interval);
  if (intervalSeconds < 10) throw propError(where, 'analysis.interval', interval, 'must be at least 10s (Flagger raises shorter intervals to 10s)');
  const threshold = props.threshold ?? 5;
  Check.int(where, 'analysis.threshold', threshold, 1);

  const given = [props.iterations, props.stepWeight, props.stepWeights].filter(v => v !== undefined).length;
  if (given !== 1) {
    throw propError(where, 'analysis', { iterations: props.iterations, stepWeight: props.stepWeight, stepWeights: props.stepWeights },
      'set exactly one of iterations (A/B testing with match, blue/green without), stepWeight or stepWeights (progressive canary)');
  }
  const match = props.match ?? [];
  const weighted = props.iterations === undefined;
  const mode = weighted ? AnalysisMode.CANARY : match.length ? AnalysisMode.AB_TESTING : AnalysisMode.BLUE_GREEN;
  if (weighted && provider === 'kubernetes') {
    throw propError(where, props.stepWeight !== undefined ? 'analysis.stepWeight' : 'analysis.stepWeights', props.stepWeight ?? props.stepWeights,
      'the kubernetes provider cannot shift traffic: it runs blue/green only (set analysis.iterations)');
  }
  Check.int(where, 'analysis.iterations', props.iterations, 1);
  Check.int(where, 'analysis.stepWeight', props.stepWeight, 1, 100);

  if (props.maxWeight !== undefined) {
    if (props.stepWeight === undefined) throw propError(where, 'analysis.maxWeight', props.maxWeight, 'applies only with stepWeight (with stepWeights the last step is the maximum; iterations have no weights)');
    Check.int(where, 'analysis.maxWeight', props.maxWeight, 1, 100);
    if (props.maxWeight < props.stepWeight) throw propError(where, 'analysis.maxWeight', props.maxWeight, `must be >= stepWeight (${props.stepWeight})`);
  }
  if (props.stepWeights !== undefined) {
    if (props.stepWeights.length === 0) throw propError(where, 'analysis.stepWeights', props.stepWeights, 'give at least one weight');
    props.stepWeights.forEach((w, i) => Check.int(where, `analysis.stepWeights[${i}]`, w, 1, 100));
    if (props.stepWeights.some((w, i) => i > 0 && w <= props.stepWeights![i - 1])) {
      throw propError(where, 'analysis.stepWeights', props.stepWeights, 'must be strictly increasing (a step that does not raise the weight stalls the canary)');
    }
  }
  if (props.stepWeightPromotion !== undefined) {
    if (!weighted) throw propError(where, 'analysis.stepWeightPromotion', props.stepWeightPromotion, 'applies only to progressive canaries (stepWeight or stepWeights)');
    Check.int(where, 'analysis.stepWeightPromotion', props.stepWeightPromotion, 1, 100);
  }

  validateMatch(where, match, props.iterations, provider);
  if (props.mirror && provider !== undefined && !MIRROR_PROVIDERS.includes(provider)) {
    throw propError(where, 'analysis.mirror', props.mirror, `traffic mirroring needs the istio or gatewayapi:v1 provider, not ${provider}`);
  }
  if (props.mirrorWeight !== undefined) {
    if (!props.mirror) throw propError(where, 'analysis.mirrorWeight', props.mirrorWeight, 'applies only with mirror: true');
    if (provider !== undefined && provider !== 'istio') throw propError(where, 'analysis.mirrorWeight', props.mirrorWeight, `a partial mirror needs the istio provider, not ${provider}`);
    Check.int(where, 'analysis.mirrorWeight', props.mirrorWeight, 1, 100);
  }
  const affinity = props.sessionAffinity;
  if (affinity) {
    if (provider !== undefined && !AFFINITY_PROVIDERS.includes(provider)) {
      throw propError(where, 'analysis.sessionAffinity', affinity.cookieName, `session affinity needs the istio or gatewayapi:v1 provider, not ${provider}`);
    }
    if (!weighted) throw propError(where, 'analysis.sessionAffinity', affinity.cookieName, 'applies only to progressive canaries (stepWeight or stepWeights)');
    if (!TOKEN.test(affinity.cookieName ?? '')) throw propError(where, 'analysis.sessionAffinity.cookieName', affinity.cookieName, 'cookie names are HTTP tokens');
    if (affinity.primaryCookieName !== undefined && !TOKEN.test(affinity.primaryCookieName)) throw propError(where, 'analysis.sessionAffinity.primaryCookieName', affinity.primaryCookieName, 'cookie names are HTTP tokens');
    Check.int(where, 'analysis.sessionAffinity.maxAgeSeconds', affinity.maxAgeSeconds, 1);
  }
  Check.int(where, 'analysis.primaryReadyThreshold', props.primaryReadyThreshold, 1, 100);
  Check.int(where, 'analysis.canaryReadyThreshold', props.canaryReadyThreshold, 1, 100);

  const metrics = props.metrics ?? [];
  const webhooks = props.webhooks ?? [];
  const alerts = props.alerts ?? [];
  validateMetrics(where, metrics);
  validateWebhooks(where, webhooks, interval, intervalSeconds, weighted);
  alerts.forEach((a, i) => {
    Check.dns1123Subdomain(where, `analysis.alerts[${i}].providerName`, a.providerName);
    if (typeof a.name !== 'string' || a.name === '') throw propError(where, `analysis.alerts[${i}].name`, a.name, 'alerts need a name');
    if (!Object.values(AlertSeverity).includes(a.severity)) throw propError(where, `analysis.alerts[${i}].severity`, a.severity, `must be one of ${Object.values(AlertSeverity).join(', ')}`);
  });
  const builtins = metrics.filter(m => m.isBuiltin).map(m => m.name);
  if (builtins.length && !props.hasSteadyTraffic && !webhooks.some(w => w.type === WebhookType.ROLLOUT)) {
    throw propError(where, 'analysis.metrics', builtins,
      'builtin metrics need traffic to the canary, or every check fails with "no values found": add a rollout webhook that generates load '
      + '(e.g. LoadTester.heyLoadTest) or set analysis.hasSteadyTraffic: true when real traffic reaches the canary');
  }

  const maxWeight = props.stepWeight !== undefined ? props.maxWeight ?? 100 : undefined;
  const stepWeights = props.stepWeights ? [...props.stepWeights] : props.stepWeight !== undefined ? weightSteps(props.stepWeight, maxWeight!) : [];
  const ns = (other: string | undefined) => (other !== undefined && other !== namespace ? other : undefined);
  const spec = {
    interval,
    threshold,
    iterations: props.iterations,
    stepWeight: props.stepWeight,
    maxWeight,
    stepWeights: props.stepWeights,
    stepWeightPromotion: props.stepWeightPromotion,
    match: match.length ? match.map(m => renderMatch(m, provider)) : undefined,
    mirror: props.mirror,
    mirrorWeight: props.mirrorWeight,
    sessionAffinity: affinity ? {
      cookieName: affinity.cookieName,
      primaryCookieName: affinity.primaryCookieName,
      maxAge: affinity.maxAgeSeconds,
      domain: affinity.domain,
      path: affinity.path,
      httpOnly: affinity.httpOnly,
      secure: affinity.secure,
      sameSite: affinity.sameSite,
    } : undefined,
    primaryReadyThreshold: props.primaryReadyThreshold,
    canaryReadyThreshold: props.canaryReadyThreshold,
    metrics: metrics.length ? metrics.map(m => ({
      name: m.name,
      interval: m.interval ?? '1m',
      templateRef: m.isBuiltin ? undefined : { name: m.templateName, namespace: ns(m.templateNamespace) },
      thresholdRange: { min: m.min, max: m.max },
      templateVariables: m.variables && Object.keys(m.variables).length ? m.variables : undefined,
    })) : undefined,
    webhooks: webhooks.length ? webhooks.map(w => ({
      name: w.name,
      type: w.type,
      url: w.url,
      timeout: w.options.timeout,
      retries: w.options.retries,
      metadata: w.options.metadata && Object.keys(w.options.metadata).length ? w.options.metadata : undefined,
      disableTLS: w.options.disableTls,
      muteAlert: w.options.muteAlert,
    })) : undefined,
    alerts: alerts.length ? alerts.map(a => ({ name: a.name, severity: a.severity, providerRef: { name: a.providerName, namespace: ns(a.providerNamespace) } })) : undefined,
  };
  return {
    spec,
    mode,
    intervalSeconds,
    threshold,
    iterations: props.iterations,
    stepWeights,
    maxWeight,
    stepWeightPromotion: props.stepWeightPromotion ?? 100,
    metricTemplates: unique(metrics.map(m => m.template)),
    alertProviders: unique(alerts.map(a => a.provider)),
  };
}

/** The weights a stepWeight canary goes through: step, 2·step, ... until maxWeight is reached (capped at 100). */
function weightSteps(step: number, max: number): number[] {
  const weights: number[] = [];
  for (let w = 0; w < max;) {
    w = Math.min(w + step, 100);
    weights.push(w);
  }
  return weights;
}

function unique<T>(items: Array<T | undefined>): T[] {
  return [...new Set(items.filter((i): i is T => i !== undefined))];
}

function validateMatch(where: Where, match: TrafficMatch[], iterations: number | undefined, provider: string | undefined) {
  if (match.length === 0) return;
  if (iterations === undefined) {
    throw propError(where, 'analysis.match', match.map(describeMatch), 'A/B testing runs for a number of intervals: set analysis.iterations instead of stepWeight/stepWeights');
  }
  const operators = provider === undefined ? Object.values(MatchOperator) : MATCH_OPERATORS[provider];
  if (!operators) throw propError(where, 'analysis.match', match.map(describeMatch), `the ${provider} provider cannot route by header or cookie; A/B testing needs nginx, istio, contour or gatewayapi:v1`);
  match.forEach((m, i) => {
    const prop = `analysis.match[${i}]`;
    if (m.kind === TrafficMatchKind.HEADER) {
      if (!TOKEN.test(m.name) || m.name !== m.name.toLowerCase() || m.name === 'cookie') {
        throw propError(where, `${prop}.name`, m.name, 'header names are lowercase HTTP tokens (use TrafficMatch.cookie() for cookies)');
      }
      if (!operators.includes(m.matchOperator!)) throw propError(where, prop, describeMatch(m), `the ${provider} provider matches headers with ${operators.join(' or ')} only`);
      if (typeof m.value !== 'string' || m.value === '') throw propError(where, `${prop}.value`, m.value, 'give the value to compare with');
    } else {
      if (!TOKEN.test(m.name)) throw propError(where, `${prop}.name`, m.name, 'cookie names are HTTP tokens');
      if (!COOKIE_VALUE.test(m.value)) throw propError(where, `${prop}.value`, m.value, 'cookie values are non-empty cookie-octets (no spaces, quotes, commas, semicolons or backslashes)');
      if (provider === 'nginx' && m.value !== 'always') throw propError(where, `${prop}.value`, m.value, 'ingress-nginx routes a cookie to the canary only when its value is "always"');
    }
  });
  if (provider === 'nginx') {
    const headers = match.filter(m => m.kind === TrafficMatchKind.HEADER);
    const cookies = match.filter(m => m.kind === TrafficMatchKind.COOKIE);
    if (headers.length > 1 || cookies.length > 1) {
      throw propError(where, 'analysis.match', match.map(describeMatch), 'ingress-nginx supports at most one header and one cookie match (Flagger silently keeps only the last of each)');
    }
  }
}

function describeMatch(m: TrafficMatch): string {
  return m.kind === TrafficMatchKind.COOKIE ? `cookie ${m.name}=${m.value}` : `header ${m.name} ${m.matchOperator} ${m.value}`;
}

function renderMatch(m: TrafficMatch, provider: string | undefined): any {
  if (m.kind === TrafficMatchKind.HEADER) return { headers: { [m.name]: { [m.matchOperator!]: m.value } } };
  if (provider === 'nginx') return { headers: { cookie: { exact: m.name } } };
  if (provider === 'contour') return { headers: { cookie: { suffix: `${m.name}=${m.value}` } } };
  return { headers: { cookie: { regex: `^(.*?;)?(${escapeRegex(`${m.name}=${m.value}`)})(;.*)?$` } } };
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function validateMetrics(where: Where, metrics: Metric[]) {
  const seen = new Set<string>();
  metrics.forEach((m, i) => {
    const prop = `analysis.metrics[${i}]`;
    if (!WEBHOOK_NAME.test(m.name ?? '')) throw propError(where, `${prop}.name`, m.name, 'metric names are letters, digits, \'-\', \'_\' and \'.\'');
    if (seen.has(m.name)) throw propError(where, `${prop}.name`, m.name, 'metric names must be unique within the analysis (give template metrics a name)');
    seen.add(m.name);
    Check.flaggerDuration(where, `${prop}.interval`, m.interval);
    if (m.isBuiltin) {
      if (m.name === BUILTIN_SUCCESS_RATE && (typeof m.min !== 'number' || m.min < 0 || m.min > 100)) throw propError(where, `${prop}.minPercent`, m.min, 'must be a percentage from 0 to 100');
      if (m.name === BUILTIN_DURATION && (typeof m.max !== 'number' || !(m.max > 0))) throw propError(where, `${prop}.maxMilliseconds`, m.max, 'must be a positive number of milliseconds');
      return;
    }
    Check.dns1123Subdomain(where, `${prop}.templateName`, m.templateName!);
    if (m.templateNamespace !== undefined) Check.dns1123Label(where, `${prop}.templateNamespace`, m.templateNamespace);
    if (m.min === undefined && m.max === undefined) throw propError(where, prop, m.name, 'give the acceptable range of a template metric: min, max or both');
    for (const bound of ['min', 'max'] as const) {
      const v = m[bound];
      if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) throw propError(where, `${prop}.${bound}`, v, 'must be a finite number');
    }
    if (m.min !== undefined && m.max !== undefined && m.min > m.max) throw propError(where, `${prop}.min`, m.min, `must be <= max (${m.max})`);
    for (const key of Object.keys(m.variables ?? {})) {
      if (!VARIABLE.test(key)) throw propError(where, `${prop}.variables.${key}`, key, 'variable names are identifiers (letters, digits and \'_\'), used as {{ variables.<name> }}');
    }
  });
}

function validateWebhooks(where: Where, webhooks: Webhook[], interval: string, intervalSeconds: number, weighted: boolean) {
  const seen = new Set<string>();
  webhooks.forEach((w, i) => {
    const prop = `analysis.webhooks[${i}]`;
    if (!WEBHOOK_NAME.test(w.name ?? '')) throw propError(where, `${prop}.name`, w.name, 'webhook names are letters, digits, \'-\', \'_\' and \'.\'');
    if (seen.has(w.name)) throw propError(where, `${prop}.name`, w.name, 'webhook names must be unique within the analysis');
    seen.add(w.name);
    if (typeof w.url !== 'string' || !/^https?:\/\/[^\s/]+(\/\S*)?$/.test(w.url)) throw propError(where, `${prop}.url`, w.url, 'must be an http:// or https:// URL');
    Check.flaggerDuration(where, `${prop}.timeout`, w.options.timeout);
    Check.int(where, `${prop}.retries`, w.options.retries, 0);
    if (w.type === WebhookType.CONFIRM_TRAFFIC_INCREASE && !weighted) {
      throw propError(where, `${prop}.type`, w.type, 'confirm-traffic-increase gates weight increases and only runs in progressive canaries (stepWeight or stepWeights)');
    }
  });
  const rollout = webhooks.filter(w => w.type === WebhookType.ROLLOUT);
  const total = rollout.reduce((sum, w) => sum + w.timeoutSeconds, 0);
  if (rollout.length && total >= intervalSeconds) {
    throw propError(where, 'analysis.webhooks', rollout.map(w => `${w.name}: ${w.options.timeout ?? `${DEFAULT_WEBHOOK_TIMEOUT_SECONDS}s (default)`}`),
      `the rollout webhooks' timeouts add up to ${total}s, which must stay below the interval (${interval}); shorten the timeouts or lengthen the interval`);
  }
}
