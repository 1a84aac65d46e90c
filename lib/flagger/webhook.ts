import { durationSeconds } from '../core/check';

/** The Flagger default of a webhook's `timeout`, in seconds. */
const DEFAULT_WEBHOOK_TIMEOUT_SECONDS = 10;

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
