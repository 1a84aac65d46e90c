import { Construct } from 'constructs';
import { flaggerIterationsPlan } from '../plan/flagger-plans';
import { RolloutPlan } from '../plan/rollout-plan';
import { BlueGreenAnalysisProps } from './analysis';
import { FlaggerAppBase, FlaggerAppCommonProps } from './flagger-app-base';
import { CanaryProvider } from './providers';

/**
 * Props of a `FlaggerBlueGreenApp`.
 */
export interface FlaggerBlueGreenAppProps extends FlaggerAppCommonProps {
  /**
   * The traffic provider: plain Kubernetes Services, or Gateway API, a mesh
   * or an ingress (needed for traffic mirroring; `CanaryProvider.gatewayApi`
   * also exposes the app through the HTTPRoute Flagger generates).
   *
   * @default CanaryProvider.kubernetes()
   */
  readonly provider?: CanaryProvider;
  /** How each new version is tested before the switch: `iterations` runs of metrics and webhooks. */
  readonly analysis: BlueGreenAnalysisProps;
}

/**
 * An app released by Flagger as blue/green: each new version runs beside the
 * current one (reachable as `<name>-canary` for tests and load) for
 * `iterations` analysis intervals, then all traffic switches to it at once;
 * after `threshold` failed checks it is rolled back instead.
 *
 * One Deployment `<name>` is defined; Flagger keeps the live copy in
 * `<name>-primary`. For blue/green without Flagger, use `BlueGreenApp`.
 */
export class FlaggerBlueGreenApp extends FlaggerAppBase {
  /** What Flagger will do with the next version: iterations, switch, timings, gates, metrics and commands. */
  public readonly plan: RolloutPlan;

  public constructor(scope: Construct, id: string, props: FlaggerBlueGreenAppProps) {
    super(scope, id, props, props.provider ?? CanaryProvider.kubernetes(), props.analysis ? { ...props.analysis } : props.analysis);
    this.plan = RolloutPlan._of(flaggerIterationsPlan({
      ...this._flaggerPlanBase(),
      iterations: this.canary._analysis.iterations!,
    }));
  }
}
