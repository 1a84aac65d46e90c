/**
 * The rules of an Argo Rollouts analysis, checked at synth time as the
 * controller checks them when it reconciles (a refused spec would only show
 * up as `InvalidSpec` / phase Degraded in the cluster), and the canary steps
 * that Flagger's vocabulary translates to. Internal: not exported from the package.
 */
import { IConstruct } from 'constructs';
import { Check, durationSeconds } from '../core/check';
import { propError } from '../core/errors';
import { checkStepWeights, weightSteps } from '../core/weights';
import { RolloutAnalysisCommonProps, RolloutCanaryAnalysisProps } from './analysis-props';
import { AnalysisRef, argsIn, metricText } from './analysis-template';
import { checkExperiment, experimentSpec, templateHashArgs } from './experiment-rules';
import { checkJobMetric } from './job-metric';
import { CANARY_HASH_ARG, STABLE_HASH_ARG } from './router-table';
import { RolloutMetric, RolloutMetricKind } from './rollout-metric';
import { ManualGate, RolloutStep, RolloutStepKind } from './rollout-step';

/** Where errors are reported: the app. */
type Scope = IConstruct;

/** The analysis props every strategy shares, resolved. */
export interface ResolvedCommon {
  readonly interval: string;
  readonly intervalSeconds: number;
  readonly threshold: number;
  readonly gates: ManualGate[];
  readonly prometheusAddress?: string;
}

/** Checks and resolves the common analysis props; `gates` must be among `allowedGates`. */
export function resolveCommon(scope: Scope, a: RolloutAnalysisCommonProps | undefined, allowedGates: ManualGate[]): ResolvedCommon {
  const interval = a?.interval ?? '1m';
  Check.fluxDuration(scope, 'analysis.interval', interval);
  const intervalSeconds = durationSeconds(interval);
  if (intervalSeconds < 1) throw propError(scope, 'analysis.interval', interval, 'must be at least 1s');
  const threshold = a?.threshold ?? 5;
  Check.int(scope, 'analysis.threshold', threshold, 1);
  const gates = [...a?.gates ?? []];
  gates.forEach((g, i) => {
    if (!allowedGates.includes(g)) throw propError(scope, `analysis.gates[${i}]`, g, `this strategy takes ${allowedGates.join(', ') || 'no gates'}${allowedGates.length ? '' : ': add RolloutStep.pause() where the release should wait'}`);
    if (gates.indexOf(g) !== i) throw propError(scope, `analysis.gates[${i}]`, g, 'each gate is given once');
  });
  Check.httpUrl(scope, 'analysis.prometheusAddress', a?.prometheusAddress);
  return { interval, intervalSeconds, threshold, gates, prometheusAddress: a?.prometheusAddress };
}

/**
 * Checks metrics used at one place of the analysis: unique names, bounds,
 * intervals, URLs, Jobs, a Prometheus address when one is queried, and every
 * `{{args.x}}` placeholder resolved (the hash arguments, `passedArgs` or the
 * metric's `args`).
 */
export function checkMetrics(scope: Scope, prop: string, metrics: RolloutMetric[], common: ResolvedCommon, passedArgs: string[] = []) {
  const names = new Set<string>();
  metrics.forEach((m, i) => {
    const at = `${prop}[${i}]`;
    Check.dns1123Subdomain(scope, `${at}.name`, m.name);
    if (names.has(m.name)) throw propError(scope, `${at}.name`, m.name, 'metric names must be unique where they run together (Argo Rollouts merges them into one AnalysisRun)');
    names.add(m.name);
    Check.fluxDuration(scope, `${at}.interval`, m.interval);
    if (m.kind === RolloutMetricKind.REQUEST_SUCCESS_RATE && (typeof m.min !== 'number' || m.min < 0 || m.min > 100)) throw propError(scope, `${at}.minPercent`, m.min, 'must be a percentage from 0 to 100');
    if (m.kind === RolloutMetricKind.REQUEST_DURATION && (typeof m.max !== 'number' || !(m.max > 0))) throw propError(scope, `${at}.maxMilliseconds`, m.max, 'must be a positive number of milliseconds');
    if (m.kind === RolloutMetricKind.PROMETHEUS) {
      if (typeof m.query !== 'string' || m.query.trim() === '') throw propError(scope, `${at}.query`, m.query, 'give a PromQL query');
      if (m.min === undefined && m.max === undefined) throw propError(scope, `${at}.min`, m.min, 'give min, max or both: without bounds every measurement passes');
      if (m.min !== undefined && m.max !== undefined && m.min > m.max) throw propError(scope, `${at}.max`, m.max, `must be >= min (${m.min})`);
    }
    if (m.kind === RolloutMetricKind.WEB) {
      Check.httpUrl(scope, `${at}.url`, m.url);
      Check.int(scope, `${at}.timeoutSeconds`, m.timeoutSeconds, 1);
    } else if (m.kind === RolloutMetricKind.JOB) {
      checkJobMetric(scope, at, m);
    } else if (common.prometheusAddress === undefined) {
      throw propError(scope, 'analysis.prometheusAddress', undefined, `metric "${m.name}" queries Prometheus, and Argo Rollouts has no default address: set it (e.g. "http://prometheus.monitoring:9090")`);
    }
    const declared = [CANARY_HASH_ARG, STABLE_HASH_ARG, ...passedArgs, ...Object.keys(m.args ?? {})];
    const missing = argsIn(metricText(m)).filter(a => !declared.includes(a));
    if (missing.length) {
      const text = m.kind === RolloutMetricKind.WEB ? 'URL' : m.kind === RolloutMetricKind.JOB ? 'command' : 'query';
      throw propError(scope, `${at}.args`, missing, `the ${text} uses {{args.${missing[0]}}}: give a value in args (or use ${[CANARY_HASH_ARG, STABLE_HASH_ARG, ...passedArgs].join(' / ')}); Argo Rollouts refuses an AnalysisRun with an unresolved argument`);
    }
  });
}

/** A blue/green (or step) analysis run `iterations` times must be able to fail: threshold − 1 failures at most `iterations` (Argo Rollouts: count >= failureLimit). */
export function checkIterations(scope: Scope, iterations: number, threshold: number) {
  Check.int(scope, 'analysis.iterations', iterations, 1);
  if (threshold - 1 > iterations) {
    throw propError(scope, 'analysis.threshold', threshold, `with ${iterations} iteration(s) at most ${iterations + 1}: failureLimit (threshold − 1) may not exceed the measurements (count)`);
  }
}

/**
 * The canary steps of a Flagger-style analysis: each weight held for one
 * interval, with the gates as `pause: {}` and the pre-rollout checks as an
 * analysis step before the first weight. The checks need the new version's
 * pods: with a router (`routed`) it gets the first weight's pods without
 * requests (`setCanaryScale`), which follow the weight again once it is set;
 * without one, pods are what splits the requests, so the checks run right
 * after the first weight.
 */
export function canarySteps(scope: Scope, a: RolloutCanaryAnalysisProps, common: ResolvedCommon, routed: boolean): RolloutStep[] {
  const given = ['stepWeight', 'stepWeights'].filter(k => a[k as keyof RolloutCanaryAnalysisProps] !== undefined);
  if (given.length !== 1) throw propError(scope, 'analysis.stepWeight', { stepWeight: a.stepWeight, stepWeights: a.stepWeights }, 'set exactly one of stepWeight and stepWeights, or give the app explicit steps');
  let weights: number[];
  if (a.stepWeights !== undefined) {
    if (a.maxWeight !== undefined) throw propError(scope, 'analysis.maxWeight', a.maxWeight, 'applies to stepWeight only (with stepWeights the last weight is the maximum)');
    checkStepWeights(scope, 'analysis.stepWeights', a.stepWeights);
    weights = [...a.stepWeights];
  } else {
    Check.int(scope, 'analysis.stepWeight', a.stepWeight, 1, 100);
    Check.int(scope, 'analysis.maxWeight', a.maxWeight, 1, 100);
    if (a.maxWeight !== undefined && a.maxWeight < a.stepWeight!) throw propError(scope, 'analysis.maxWeight', a.maxWeight, `must be >= stepWeight (${a.stepWeight})`);
    weights = weightSteps(a.stepWeight!, a.maxWeight ?? 100);
  }
  const gate = (g: ManualGate) => common.gates.includes(g);
  const steps: RolloutStep[] = [];
  if (gate(ManualGate.CONFIRM_ROLLOUT)) steps.push(RolloutStep.pause());
  const checks = a.preRolloutChecks?.length ? RolloutStep.analysis(a.preRolloutChecks) : undefined;
  if (checks && routed) steps.push(RolloutStep.scaleCanaryPercent(weights[0]), checks);
  weights.forEach((w, i) => {
    if (i > 0 && gate(ManualGate.CONFIRM_TRAFFIC_INCREASE)) steps.push(RolloutStep.pause());
    steps.push(RolloutStep.trafficWeight(w));
    if (i === 0 && checks) steps.push(routed ? RolloutStep.matchTrafficWeight() : checks);
    steps.push(RolloutStep.pause(common.interval));
  });
  if (gate(ManualGate.CONFIRM_PROMOTION)) steps.push(RolloutStep.pause());
  return steps;
}

/** What the steps may do with the app's router. */
export interface StepRouting {
  /** A traffic router sets the weights. */
  readonly routed: boolean;
  /** It can send requests to experiment pods. */
  readonly experimentWeights: boolean;
}

/** The index of the first step that sends the new version requests (background metrics start there), or -1. */
export function firstTrafficStep(steps: RolloutStep[]): number {
  return steps.findIndex(s => s.kind === RolloutStepKind.SET_WEIGHT && s.weight! > 0);
}

/** Checks explicit (or generated) canary steps of the Rollout `rolloutName`. */
export function checkSteps(scope: Scope, rolloutName: string, steps: RolloutStep[], routing: StepRouting, common: ResolvedCommon) {
  if (!Array.isArray(steps) || steps.length === 0) throw propError(scope, 'steps', steps, 'give at least one step (RolloutStep.trafficWeight, .pause, .analysis)');
  let last = 0;
  steps.forEach((s, i) => {
    const at = `steps[${i}]`;
    switch (s.kind) {
      case RolloutStepKind.SET_WEIGHT:
        Check.int(scope, `${at}.setWeight`, s.weight, 0, 100);
        if (s.weight! < last) throw propError(scope, `${at}.setWeight`, s.weight, `weights may not go down (the previous one is ${last}): to send traffic back to the stable version, abort the release`);
        last = s.weight!;
        break;
      case RolloutStepKind.PAUSE:
        Check.fluxDuration(scope, `${at}.pause`, s.duration);
        break;
      case RolloutStepKind.ANALYSIS:
        if (!s.metrics?.length) throw propError(scope, `${at}.analysis`, s.metrics, 'an analysis step needs at least one metric');
        checkRuns(scope, `${at}.analysis`, s.metrics, s.iterations, s.failureLimit, common);
        break;
      case RolloutStepKind.SET_CANARY_SCALE:
        if (!routing.routed) throw propError(scope, `${at}.setCanaryScale`, s.canaryReplicas ?? (s.canaryScalePercent !== undefined ? `${s.canaryScalePercent}%` : 'matchTrafficWeight'), 'needs a traffic router: without one the pod counts are what splits the traffic');
        Check.int(scope, `${at}.setCanaryScale.replicas`, s.canaryReplicas, 0);
        Check.int(scope, `${at}.setCanaryScale.weight`, s.canaryScalePercent, 0, 100);
        break;
      case RolloutStepKind.EXPERIMENT: {
        const e = s.experimentOptions!;
        checkExperiment(scope, `${at}.experiment`, e, { ...routing, weightBefore: last, rolloutName, stepIndex: i });
        const hashes = Object.keys(templateHashArgs(e));
        e.analyses?.forEach((a, j) => a.metrics && checkRuns(scope, `${at}.experiment.analyses[${j}]`, a.metrics, a.iterations, a.failureLimit, common, hashes));
        break;
      }
    }
  });
}

/** Checks metrics run `iterations` times with `failureLimit` failures tolerated (at `at`, e.g. `steps[2].analysis`). */
function checkRuns(scope: Scope, at: string, metrics: RolloutMetric[], iterations: number, failureLimit: number, common: ResolvedCommon, passedArgs: string[] = []) {
  if (!Array.isArray(metrics) || metrics.length === 0) throw propError(scope, `${at}.metrics`, metrics, 'give at least one metric');
  Check.int(scope, `${at}.iterations`, iterations, 1);
  Check.int(scope, `${at}.failureLimit`, failureLimit, 0, iterations);
  checkMetrics(scope, `${at}.metrics`, metrics, common, passedArgs);
}

/** The analyses of a step this library defines templates for: the analysis step's, or an experiment's metric analyses (undefined for templates you provide). */
export function stepAnalyses(step: RolloutStep): Array<{ suffix: string; metrics: RolloutMetric[]; iterations: number; failureLimit: number; passedArgs?: Record<string, string> } | undefined> {
  if (step.kind === RolloutStepKind.ANALYSIS) return [{ suffix: '', metrics: step.metrics!, iterations: step.iterations, failureLimit: step.failureLimit }];
  if (step.kind !== RolloutStepKind.EXPERIMENT) return [];
  const e = step.experimentOptions!;
  return (e.analyses ?? []).map(a => a.metrics && { suffix: `-${a.name}`, metrics: a.metrics, iterations: a.iterations, failureLimit: a.failureLimit, passedArgs: templateHashArgs(e) });
}

/** The Rollout's form of one step (exactly one action); `refs` are the templates of its `stepAnalyses`. */
export function stepSpec(step: RolloutStep, refs: Array<AnalysisRef | undefined>): Record<string, unknown> {
  switch (step.kind) {
    case RolloutStepKind.SET_WEIGHT: return { setWeight: step.weight };
    case RolloutStepKind.PAUSE: return { pause: step.duration !== undefined ? { duration: step.duration } : {} };
    case RolloutStepKind.ANALYSIS: return { analysis: refs[0] };
    case RolloutStepKind.SET_CANARY_SCALE: return { setCanaryScale: scaleSpec(step) };
    case RolloutStepKind.EXPERIMENT: return { experiment: experimentSpec(step.experimentOptions!, refs) };
  }
}

function scaleSpec(step: RolloutStep): Record<string, unknown> {
  if (step.canaryReplicas !== undefined) return { replicas: step.canaryReplicas };
  return step.canaryScalePercent !== undefined ? { weight: step.canaryScalePercent } : { matchTrafficWeight: true };
}
