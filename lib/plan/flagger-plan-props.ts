import { PlanRuntimeObject } from './plan-parts';
import { BasePlanProps } from './plan-props';

/**
 * One Flagger webhook, as the plan lists it.
 */
export interface PlanWebhookProps {
  /** The webhook name. */
  readonly name: string;
  /**
   * The Flagger webhook type: `confirm-rollout`, `pre-rollout`, `rollout`,
   * `confirm-traffic-increase`, `confirm-promotion`, `post-rollout`,
   * `rollback` or `event`.
   *
   * @default "rollout"
   */
  readonly type?: string;
  /**
   * The URL Flagger calls.
   *
   * @default - not shown
   */
  readonly url?: string;
  /**
   * Seconds Flagger waits for an answer.
   *
   * @default 10
   */
  readonly timeoutSeconds?: number;
}

/**
 * One Flagger metric check, as the plan lists it.
 */
export interface PlanMetricProps {
  /** The metric name (`request-success-rate`, `request-duration` or a template's). */
  readonly name: string;
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
  /**
   * Seconds of data each check reads.
   *
   * @default 60
   */
  readonly intervalSeconds?: number;
  /**
   * The MetricTemplate the metric queries.
   *
   * @default - a builtin metric
   */
  readonly templateName?: string;
  /**
   * What the metric measures, in words.
   *
   * @default - "MetricTemplate `<templateName>`", or "custom metric"
   */
  readonly meaning?: string;
}

/**
 * What every Flagger rollout needs.
 */
export interface FlaggerPlanProps extends BasePlanProps {
  /** Replicas of the target Deployment (the HPA's minimum when autoscaled): the primary runs as many, and so does the canary during the analysis. */
  readonly replicas: number;
  /** Seconds between two checks (`analysis.interval`). */
  readonly intervalSeconds: number;
  /** Failed checks before rollback (`analysis.threshold`). */
  readonly threshold: number;
  /**
   * The Flagger provider (`kubernetes`, `nginx`, `istio`, `gatewayapi:v1`, ...).
   *
   * @default - the controller's mesh provider
   */
  readonly provider?: string;
  /**
   * The routing objects Flagger generates for `provider` (a VirtualService,
   * an HTTPRoute, a canary Ingress, ...), as the Flagger apps list them.
   *
   * @default - none listed
   */
  readonly routingObjects?: PlanRuntimeObject[];
  /**
   * `service.name` of the Canary (the apex Service).
   *
   * @default - name
   */
  readonly serviceName?: string;
  /**
   * The Ingress in `ingressRef` (nginx and skipper).
   *
   * @default - name
   * @deprecated list the canary Ingress Flagger generates in `routingObjects`
   */
  readonly ingressName?: string;
  /**
   * The HPA in `autoscalerRef`, when `maxReplicas` is set.
   *
   * @default - name
   */
  readonly autoscalerName?: string;
  /**
   * ConfigMaps the pods use (Flagger copies each to `<name>-primary`).
   *
   * @default - none
   */
  readonly configMaps?: string[];
  /**
   * Secrets the pods use (Flagger copies each to `<name>-primary`).
   *
   * @default - none
   */
  readonly secrets?: string[];
  /**
   * The webhooks, in any order (the plan orders them by phase).
   *
   * @default - none
   */
  readonly webhooks?: PlanWebhookProps[];
  /**
   * The metric checks.
   *
   * @default - none (only pod health is checked)
   */
  readonly metrics?: PlanMetricProps[];
  /**
   * `analysis.mirror`: canary mode mirrors one step before the first weight;
   * blue/green mirrors for the whole analysis.
   *
   * @default false
   */
  readonly mirror?: boolean;
}

/**
 * A Flagger canary with progressive weights: `stepWeight` (up to
 * `maxWeight`) or `stepWeights`.
 */
export interface FlaggerCanaryPlanProps extends FlaggerPlanProps {
  /**
   * The weight that ends the analysis (ignored by Flagger with `stepWeights`).
   *
   * @default 100
   */
  readonly maxWeight?: number;
  /**
   * The weight added at each step (set this or `stepWeights`).
   *
   * @default - stepWeights
   */
  readonly stepWeight?: number;
  /**
   * The weights of each step, strictly increasing (set this or `stepWeight`).
   *
   * @default - stepWeight
   */
  readonly stepWeights?: number[];
  /**
   * The primary weight added per interval during promotion.
   *
   * @default - all traffic moves back to the primary at once
   */
  readonly stepWeightPromotion?: number;
}

/**
 * A Flagger analysis counted in iterations: A/B testing (with `match`) or
 * blue/green (without).
 */
export interface FlaggerIterationsPlanProps extends FlaggerPlanProps {
  /** Checks before promotion (`analysis.iterations`). */
  readonly iterations: number;
  /**
   * The A/B match conditions, in words (for example `header x-canary: insider`).
   * Given, the plan is A/B testing; otherwise Flagger blue/green.
   *
   * @default - blue/green
   */
  readonly match?: string[];
}
