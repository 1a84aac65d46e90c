import { recreatePlan, rollingUpdatePlan } from './deployment-plans';
import { flaggerCanaryPlan, flaggerIterationsPlan, validateFlaggerCanaryPlan, validateFlaggerIterationsPlan } from './flagger-plans';
import { blueGreenSwitchPlan, nginxCanaryPlan, replicaCanaryPlan, routeCanaryPlan } from './git-step-plans';
import { renderIndex, renderPlan } from './markdown';
import { PlanData } from './plan-data';
import { PlanGate, PlanMetric, PlanRuntimeObject, PlanStep, PlanTiming } from './plan-parts';
import { FlaggerCanaryPlanProps, FlaggerIterationsPlanProps } from './flagger-plan-props';
import { BlueGreenSwitchPlanProps, NginxCanaryPlanProps, RecreatePlanProps, ReplicaCanaryPlanProps, RollingUpdatePlanProps } from './plan-props';
import { RolloutPlanKind } from './rollout-plan-kind';
import { RouteCanaryPlanProps } from './route-plan-props';

/** One row of the index of plans. */
export interface PlanIndexEntry {
  /** The plan. */
  readonly plan: RolloutPlan;
  /**
   * Where the plan's Markdown is, relative to the index.
   *
   * @default - no link
   */
  readonly link?: string;
  /**
   * The environment the app runs in.
   *
   * @default - no environment column value
   */
  readonly environment?: string;
}

/** How a plan is rendered. */
export interface PlanRenderOptions {
  /**
   * Commands of the GitOps tool that applies the app (e.g. `flux reconcile`),
   * listed first under "Watch it".
   *
   * @default - none
   */
  readonly gitOpsCommands?: string[];
  /**
   * How promotion between environments waits on this app (what it waits for,
   * what waits for it, the worst-case wait and the GitOps timeout), shown
   * under "Promotion gate".
   *
   * @default - no such section
   */
  readonly promotionGate?: string[];
}

/**
 * What a rollout will do, computed before it runs: the ordered steps with
 * their traffic and pod counts, the timings from the strategy's rules, the
 * pod and resource overhead, what the cluster creates at runtime, the gates,
 * metrics, the commands to watch it and the change that rolls it back.
 *
 * Built from plain numbers by one static factory per strategy (apps call one
 * in their constructor and expose the result as `plan`); `toMarkdown()`
 * renders it, with a Mermaid picture of the traffic and pod timeline.
 */
export class RolloutPlan {
  /**
   * A Deployment rolling update with R replicas, maxSurge s and
   * maxUnavailable u (percentages resolved for R: surge rounds up,
   * unavailable down): peak pods R+s, minimum available R−u,
   * waves ceil(R / (s+u)).
   */
  public static rollingUpdate(props: RollingUpdatePlanProps): RolloutPlan {
    return new RolloutPlan(rollingUpdatePlan(props));
  }

  /** A Deployment Recreate: peak R, minimum available 0, one wave, with downtime. */
  public static recreate(props: RecreatePlanProps): RolloutPlan {
    return new RolloutPlan(recreatePlan(props));
  }

  /**
   * A blue/green switch in Git: steady pods = active + idle replicas (2× when
   * the idle color is kept warm); the switch changes the Service selectors
   * only; the rollback flips `active` back.
   */
  public static blueGreenSwitch(props: BlueGreenSwitchPlanProps): RolloutPlan {
    return new RolloutPlan(blueGreenSwitchPlan(props));
  }

  /** A canary by replica ratio: the canary's share of the requests is canary / (stable + canary). */
  public static replicaCanary(props: ReplicaCanaryPlanProps): RolloutPlan {
    return new RolloutPlan(replicaCanaryPlan(props));
  }

  /** An ingress-nginx canary: a canary Ingress by weight, header or cookie, each step a commit. */
  public static nginxCanary(props: NginxCanaryPlanProps): RolloutPlan {
    return new RolloutPlan(nginxCanaryPlan(props));
  }

  /** A canary by Gateway API route weights: weighted backendRefs plus A/B matches on one HTTPRoute, each step a commit. */
  public static routeCanary(props: RouteCanaryPlanProps): RolloutPlan {
    return new RolloutPlan(routeCanaryPlan(props));
  }

  /**
   * A Flagger canary with progressive weights. The weights go stepWeight,
   * 2·stepWeight, … until one reaches maxWeight (the last may overshoot and
   * is capped at 100), or follow stepWeights; the minimum time to promote is
   * interval × the number of steps, plus interval × ceil(last weight /
   * stepWeightPromotion) when the promotion is staged; the rollback takes
   * interval × threshold. During the analysis the primary and the canary each
   * run the target's replicas.
   */
  public static flaggerCanary(props: FlaggerCanaryPlanProps): RolloutPlan {
    validateFlaggerCanaryPlan(props);
    return new RolloutPlan(flaggerCanaryPlan(props));
  }

  /**
   * A Flagger analysis counted in iterations: A/B testing when `match` is
   * given, blue/green otherwise. The minimum time to promote is interval ×
   * iterations; the rollback takes interval × threshold.
   */
  public static flaggerIterations(props: FlaggerIterationsPlanProps): RolloutPlan {
    validateFlaggerIterationsPlan(props);
    return new RolloutPlan(flaggerIterationsPlan(props));
  }

  /** A Markdown index of plans: one row per app with its strategy, pods, resources and timings. */
  public static indexMarkdown(entries: PlanIndexEntry[]): string {
    return renderIndex(entries);
  }

  /**
   * A plan from what a builder computed (apps whose props are already
   * validated build their plan this way).
   *
   * @internal
   */
  public static _of(data: PlanData): RolloutPlan {
    return new RolloutPlan(data);
  }

  /** The kind of rollout. */
  public readonly kind: RolloutPlanKind;
  /** The strategy, in words. */
  public readonly strategy: string;
  /** What the rollout does, in a few sentences. */
  public readonly summary: string;
  /** The app name. */
  public readonly appName: string;
  /** The namespace the commands use, if any. */
  public readonly namespace?: string;
  /** Pods between releases. */
  public readonly steadyPods: number;
  /** The most pods running at once during the rollout. */
  public readonly peakPods: number;
  /** The fewest pods serving at any time during the rollout. */
  public readonly minAvailablePods: number;
  /** Waves of a Deployment update (rolling update and Recreate only). */
  public readonly waves?: number;
  /** The ordered steps. */
  public readonly steps: PlanStep[];
  /** Flagger's effective `analysis.interval` in seconds (Flagger plans only). */
  public readonly intervalSeconds?: number;
  /** Flagger's effective `analysis.threshold` (Flagger plans only). */
  public readonly threshold?: number;
  /** Seconds of analysis: interval × steps or iterations (Flagger plans only). */
  public readonly analysisSeconds?: number;
  /** Seconds of a staged promotion (Flagger canary with stepWeightPromotion below 100). */
  public readonly stagedPromotionSeconds?: number;
  /** The least time from the first step to promotion; undefined when each step is a manual commit. */
  public readonly minTimeToPromoteSeconds?: number;
  /** Time from the first failed check to the automatic rollback; undefined without automatic rollback. */
  public readonly timeToRollbackSeconds?: number;
  /** Seconds without progress before the rollout fails. */
  public readonly progressDeadlineSeconds: number;
  /** CPU millicores one pod requests. */
  public readonly podCpuMillis: number;
  /** Memory bytes one pod requests. */
  public readonly podMemoryBytes: number;
  /** CPU millicores requested between releases. */
  public readonly steadyCpuMillis: number;
  /** CPU millicores requested at the peak of the rollout. */
  public readonly peakCpuMillis: number;
  /** Memory bytes requested between releases. */
  public readonly steadyMemoryBytes: number;
  /** Memory bytes requested at the peak of the rollout. */
  public readonly peakMemoryBytes: number;
  /** The HPA's maximum, when autoscaled (pod counts are at the HPA's minimum). */
  public readonly maxReplicas?: number;
  /** The timings, with their formulas. */
  public readonly timings: PlanTiming[];
  /** Objects the cluster creates at runtime (not in Git). */
  public readonly runtimeObjects: PlanRuntimeObject[];
  /** The gates and webhooks, in the order the rollout meets them. */
  public readonly gates: PlanGate[];
  /** The metric checks and their thresholds. */
  public readonly metrics: PlanMetric[];
  /** Shell commands to watch the rollout. */
  public readonly watchCommands: string[];
  /** How to roll back, in order of preference. */
  public readonly rollback: string[];
  /** Caveats and what the numbers leave out. */
  public readonly notes: string[];
  /** The completion budget the plan's builder computed, if any. */
  private readonly budgetSeconds?: number;

  private constructor(data: PlanData) {
    const b = data.base;
    this.kind = data.kind;
    this.strategy = data.strategy;
    this.summary = data.summary;
    this.appName = b.name;
    this.namespace = b.namespace;
    this.steadyPods = data.steadyPods;
    this.peakPods = data.peakPods;
    this.minAvailablePods = data.minAvailablePods;
    this.waves = data.waves;
    this.steps = data.steps;
    this.intervalSeconds = data.intervalSeconds;
    this.threshold = data.threshold;
    this.analysisSeconds = data.analysisSeconds;
    this.stagedPromotionSeconds = data.stagedPromotionSeconds;
    this.minTimeToPromoteSeconds = data.minTimeToPromoteSeconds;
    this.timeToRollbackSeconds = data.timeToRollbackSeconds;
    this.progressDeadlineSeconds = b.progressDeadlineSeconds;
    this.podCpuMillis = b.cpuMillis;
    this.podMemoryBytes = b.memoryBytes;
    this.steadyCpuMillis = data.steadyPods * b.cpuMillis;
    this.peakCpuMillis = data.peakPods * b.cpuMillis;
    this.steadyMemoryBytes = data.steadyPods * b.memoryBytes;
    this.peakMemoryBytes = data.peakPods * b.memoryBytes;
    this.maxReplicas = b.maxReplicas;
    this.timings = data.timings;
    this.runtimeObjects = data.runtimeObjects ?? [];
    this.gates = data.gates ?? [];
    this.metrics = data.metrics ?? [];
    this.watchCommands = data.watchCommands;
    this.rollback = data.rollback;
    this.notes = [...b.notes, ...data.notes];
    this.budgetSeconds = data.completionBudgetSeconds;
  }

  /**
   * How long a GitOps tool should wait for this rollout to finish, in seconds.
   * With Flagger analysis: the minimum time to promote plus five intervals
   * (noticing the new revision, scaling the canary up, promoting, finalising,
   * and one to spare). With Argo Rollouts: the minimum time to promote plus
   * the scale-down delay and the progress deadline. Otherwise: the
   * Deployment's progress deadline.
   */
  public get completionBudgetSeconds(): number {
    if (this.budgetSeconds !== undefined) return this.budgetSeconds;
    if (this.intervalSeconds !== undefined && this.minTimeToPromoteSeconds !== undefined) {
      return this.minTimeToPromoteSeconds + 5 * this.intervalSeconds;
    }
    return this.progressDeadlineSeconds;
  }

  /** The plan as Markdown (deterministic: no dates), with a Mermaid picture of the timeline. */
  public toMarkdown(options: PlanRenderOptions = {}): string {
    return renderPlan(this, options.gitOpsCommands ?? [], options.promotionGate ?? []);
  }
}
