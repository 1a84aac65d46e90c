import { Construct } from 'constructs';
import { propError } from '../core/errors';
import { flaggerCanaryPlan, flaggerIterationsPlan } from '../plan/flagger-plans';
import { RolloutPlan } from '../plan/rollout-plan';
import { AnalysisMode, AnalysisProps } from './analysis';
import { FlaggerAppBase, FlaggerAppCommonProps } from './flagger-app-base';
import { CanaryProvider, CanaryProviderType } from './providers';

/**
 * Props of a `CanaryApp`.
 */
export interface CanaryAppProps extends FlaggerAppCommonProps {
  /** The ingress or mesh that shifts traffic (e.g. `CanaryProvider.nginx()`). */
  readonly provider: CanaryProvider;
  /**
   * How new versions are analysed: a progressive canary (`stepWeight` with
   * `maxWeight`, or `stepWeights`) or A/B testing (`match` with `iterations`).
   */
  readonly analysis: AnalysisProps;
}

/**
 * An app released by Flagger as a canary: each new version gets a growing
 * share of the traffic (or, in A/B testing, the requests matching headers or
 * cookies) while its metrics and webhooks are checked; it is promoted when
 * every step passes and rolled back after `threshold` failed checks.
 *
 * For blue/green with Flagger (`iterations` without `match`, or the
 * `kubernetes` provider) use `FlaggerBlueGreenApp`.
 */
export class CanaryApp extends FlaggerAppBase {
  /** What Flagger will do with the next version: weights or A/B iterations, timings, gates, metrics and commands. */
  public readonly plan: RolloutPlan;

  public constructor(scope: Construct, id: string, props: CanaryAppProps) {
    super(scope, id, props, props.provider, props.analysis);
    const analysis = this.canary._analysis;
    const base = this._flaggerPlanBase();
    this.plan = RolloutPlan._of(analysis.mode === AnalysisMode.CANARY
      ? flaggerCanaryPlan({
        ...base,
        stepWeight: analysis.stepWeight,
        maxWeight: analysis.maxWeight,
        stepWeights: analysis.explicitStepWeights,
        stepWeightPromotion: analysis.stepWeightPromotion,
      })
      : flaggerIterationsPlan({
        ...base,
        iterations: analysis.iterations!,
        match: analysis.matchDescriptions.length ? analysis.matchDescriptions : undefined,
      }));
  }

  /** @internal */
  protected _validateStrategy(provider: CanaryProvider, analysis: AnalysisProps): void {
    if (provider.type === CanaryProviderType.KUBERNETES) {
      throw propError(this, 'provider', provider.type,
        'the kubernetes provider cannot shift traffic; for Flagger blue/green use FlaggerBlueGreenApp, or BlueGreenApp for blue/green without Flagger');
    }
    const weighted = analysis.stepWeight !== undefined || analysis.stepWeights !== undefined;
    if (analysis.iterations !== undefined && !(analysis.match?.length) && !weighted) {
      throw propError(this, 'analysis.iterations', analysis.iterations,
        'iterations without match is blue/green: use FlaggerBlueGreenApp; for A/B testing add analysis.match; for a progressive canary use stepWeight or stepWeights');
    }
  }
}
