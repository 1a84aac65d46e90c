import { BasePlanProps } from './plan-props';

/**
 * A canary by Gateway API route weights: one HTTPRoute splits the requests
 * between the stable and the canary Service by weight, and sends the
 * requests that meet an A/B match to the canary.
 */
export interface RouteCanaryPlanProps extends BasePlanProps {
  /** Pods of the stable version (the HPA's minimum when autoscaled). */
  readonly stableReplicas: number;
  /** Pods of the canary. */
  readonly canaryReplicas: number;
  /**
   * The canary's weight now, in percent of the requests.
   *
   * @default 0
   */
  readonly weight?: number;
  /**
   * The weights of each step, one commit each, before promotion.
   *
   * @default - one step at `weight`
   */
  readonly weightSteps?: number[];
  /**
   * The A/B conditions that send a request to the canary whatever the weight, in words.
   *
   * @default - none
   */
  readonly matches?: string[];
  /**
   * The canary Deployment and Service.
   *
   * @default "<name>-canary"
   */
  readonly canaryDeploymentName?: string;
  /**
   * The HTTPRoute.
   *
   * @default - name
   */
  readonly routeName?: string;
}
