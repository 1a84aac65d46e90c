import { TrafficMatch } from '../core/traffic-match';
import { Alert } from './alert';
import { Metric } from './metric';
import { Webhook } from './webhook';

/** How Flagger runs an analysis, derived from its props. */
export enum AnalysisMode {
  /** Progressive canary: traffic weights rise step by step (`stepWeight` or `stepWeights`). */
  CANARY = 'canary',
  /** A/B testing: requests matching `match` go to the canary for `iterations` intervals. */
  AB_TESTING = 'ab-testing',
  /** Blue/green: the canary is tested for `iterations` intervals, then all traffic switches. */
  BLUE_GREEN = 'blue-green',
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
