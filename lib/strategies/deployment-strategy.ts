import { CountOrPercent } from '../core/count-or-percent';

/** The Deployment strategy types. */
export enum DeploymentStrategyType {
  /** Replace pods in waves while the old ones still serve. */
  ROLLING_UPDATE = 'RollingUpdate',
  /** Stop every old pod before starting the new ones (downtime; for apps that cannot run two versions at once). */
  RECREATE = 'Recreate',
}

/**
 * Options of a rolling update.
 */
export interface RollingUpdateOptions {
  /**
   * Pods allowed above the desired count during the update.
   *
   * @default CountOrPercent.percent(25)
   */
  readonly maxSurge?: CountOrPercent;
  /**
   * Pods allowed below the desired count during the update.
   *
   * @default CountOrPercent.percent(25)
   */
  readonly maxUnavailable?: CountOrPercent;
}

/**
 * How a Deployment replaces its pods.
 */
export class DeploymentStrategy {
  /** A rolling update with the given surge and unavailability. */
  public static rollingUpdate(options: RollingUpdateOptions = {}): DeploymentStrategy {
    return new DeploymentStrategy(
      DeploymentStrategyType.ROLLING_UPDATE,
      options.maxSurge ?? CountOrPercent.percent(25),
      options.maxUnavailable ?? CountOrPercent.percent(25));
  }

  /** Kill every old pod, then start the new ones. */
  public static recreate(): DeploymentStrategy {
    return new DeploymentStrategy(DeploymentStrategyType.RECREATE, undefined, undefined);
  }

  private constructor(
    /** The strategy type. */
    public readonly type: DeploymentStrategyType,
    /** maxSurge, for rolling updates. */
    public readonly maxSurge: CountOrPercent | undefined,
    /** maxUnavailable, for rolling updates. */
    public readonly maxUnavailable: CountOrPercent | undefined) {}
}
