import { CountOrPercent } from './count-or-percent';

/** How the pods of one version are spread across nodes. */
export enum PodSpread {
  /** A topology spread constraint on `kubernetes.io/hostname` (maxSkew 1, ScheduleAnyway). */
  HOSTNAME = 'hostname',
  /** Topology spread on `topology.kubernetes.io/zone` and on `kubernetes.io/hostname` (both ScheduleAnyway). */
  ZONE_AND_HOSTNAME = 'zone-and-hostname',
  /** Preferred pod anti-affinity on `kubernetes.io/hostname`. */
  ANTI_AFFINITY = 'anti-affinity',
  /** No spreading rule. */
  NONE = 'none',
}

/**
 * A PodDisruptionBudget for the app's pods.
 */
export interface DisruptionBudgetProps {
  /**
   * Emit the budget.
   *
   * @default - true when the app runs 2 or more replicas (or autoscales from 2 or more)
   */
  readonly enabled?: boolean;
  /**
   * Pods that may be unavailable during a voluntary disruption (exclusive with `minAvailable`).
   *
   * @default CountOrPercent.count(1)
   */
  readonly maxUnavailable?: CountOrPercent;
  /**
   * Pods that must stay available (exclusive with `maxUnavailable`).
   *
   * @default - maxUnavailable is used
   */
  readonly minAvailable?: CountOrPercent;
}

/**
 * A HorizontalPodAutoscaler (autoscaling/v2) for the app.
 */
export interface AutoscalingProps {
  /**
   * Lowest replica count.
   *
   * @default 2
   */
  readonly minReplicas?: number;
  /** Highest replica count. */
  readonly maxReplicas: number;
  /**
   * Target average CPU utilization, percent of the request.
   *
   * @default 80 (when no memory target is set either)
   */
  readonly cpuUtilization?: number;
  /**
   * Target average memory utilization, percent of the request.
   *
   * @default - no memory target
   */
  readonly memoryUtilization?: number;
}
