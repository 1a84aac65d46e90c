/**
 * Plans of the Flagger strategies: progressive canary weights, and analyses
 * counted in iterations (A/B testing, blue/green). What Flagger creates for
 * a provider comes in as `routingObjects` from the provider table of the
 * Flagger engine. Internal: the `RolloutPlan` factories call them.
 */
import { Check } from '../core/check';
import { propError } from '../core/errors';
import { checkStepWeights, weightSteps } from '../core/weights';
import { duration } from './format';
import { autoscaledNote, Base, PlanData, progressDeadline, resolveBase, stepRuns } from './plan-data';
import { PlanGate, PlanMetric, PlanRuntimeObject, PlanStep, PlanTiming } from './plan-parts';
import { FlaggerCanaryPlanProps, FlaggerIterationsPlanProps, FlaggerPlanProps, PlanMetricProps, PlanWebhookProps } from './flagger-plan-props';
import { RolloutPlanKind } from './rollout-plan-kind';

/**
 * A Flagger canary with progressive weights. The weights go stepWeight,
 * 2·stepWeight, … until one reaches maxWeight (the last may overshoot and
 * is capped at 100), or follow stepWeights; the minimum time to promote is
 * interval × the number of steps, plus interval × ceil(last weight /
 * stepWeightPromotion) when the promotion is staged; the rollback takes
 * interval × threshold. During the analysis the primary and the canary each
 * run the target's replicas.
 */
export function flaggerCanaryPlan(props: FlaggerCanaryPlanProps): PlanData {
  const f = resolveFlagger(props);
  const b = f.base;
  let weights: number[];
  let stepsFormula: string;
  if (props.stepWeights !== undefined) {
    const list = props.stepWeights;
    weights = [...list];
    stepsFormula = `len(stepWeights) = ${list.length}`;
  } else {
    const step = props.stepWeight!;
    const max = props.maxWeight ?? 100;
    const n = Math.ceil(max / step);
    weights = weightSteps(step, max);
    stepsFormula = `ceil(maxWeight ${max} / stepWeight ${step}) = ${n}`;
  }

  const interval = f.interval;
  const r = f.replicas;
  const mirror = props.mirror ?? false;
  const offset = mirror ? 1 : 0;
  const n = weights.length + offset;
  const analysis = interval * n;
  const lastWeight = weights[weights.length - 1];
  const promotionStep = props.stepWeightPromotion;
  const staged = promotionStep !== undefined && promotionStep < 100;
  const stagedIntervals = staged ? Math.ceil(lastWeight / promotionStep) : 0;
  const stagedSeconds = interval * stagedIntervals;
  const minTime = analysis + stagedSeconds;

  const steps: PlanStep[] = [];
  if (mirror) {
    steps.push({
      name: 'mirror', startSeconds: 0, trafficPercent: 0, newPods: r, oldPods: r, peakPods: 2 * r,
      description: `Flagger copies every request to the canary (the primary still answers) and checks it for one interval.`,
    });
  }
  weights.forEach((w, i) => steps.push({
    name: `${w}%`, startSeconds: (i + offset) * interval, trafficPercent: w, newPods: r, oldPods: r, peakPods: 2 * r,
    description: `${f.hasGate('confirm-traffic-increase') ? 'Once the confirm-traffic-increase gate opens, ' : ''}Flagger routes ${w}% of the requests to \`${f.svc}-canary\`, then checks webhooks and metrics every ${duration(interval)}.`,
  }));
  steps.push({
    name: 'promote', startSeconds: analysis, trafficPercent: 100, newPods: 2 * r, oldPods: 0, peakPods: 2 * r,
    description: `The checks at ${lastWeight}% pass${f.hasGate('confirm-promotion') ? ' and the confirm-promotion gate opens' : ''}: Flagger copies the canary's spec${f.configs ? ' and configs' : ''} to \`${b.name}-primary\`, which rolls to the new version while the canary keeps ${lastWeight}%.`,
  });
  if (staged) {
    steps.push({
      name: 'shift back', startSeconds: analysis, trafficPercent: 100, newPods: 2 * r, oldPods: 0, peakPods: 2 * r,
      description: `The primary (now the new version) takes ${promotionStep}% more of the requests each interval: ${stagedIntervals} interval(s) until it has 100%.`,
    });
  }
  steps.push({
    name: 'finalise', startSeconds: minTime, trafficPercent: 100, newPods: r, oldPods: 0, peakPods: 2 * r,
    description: `All requests go to \`${b.name}-primary\`; Flagger scales \`${b.name}\` to 0 and the Canary becomes Succeeded.`,
  });

  const timings: PlanTiming[] = [
    { name: 'Minimum time to promote', seconds: minTime, formula: `interval ${duration(interval)} × steps (${stepsFormula}${mirror ? ', + 1 mirrored step' : ''})${staged ? ` + staged promotion ${duration(stagedSeconds)}` : ''}` },
  ];
  if (staged) timings.push({ name: 'Staged promotion', seconds: stagedSeconds, formula: `interval ${duration(interval)} × ceil(last weight ${lastWeight} / stepWeightPromotion ${promotionStep}) = ${stagedIntervals}` });
  timings.push(...f.timings);

  return f.build({
    kind: RolloutPlanKind.FLAGGER_CANARY,
    strategy: 'Flagger canary (progressive weights)',
    summary: `Flagger scales the canary \`${b.name}\` up next to \`${b.name}-primary\` and moves ${weights.join('%, ')}% of the requests to it, one step per ${duration(interval)} while the checks pass, then promotes: the primary takes the new version and the canary goes back to 0. ${f.threshold} failed check(s) roll it back.`,
    steps,
    analysisSeconds: analysis,
    stagedPromotionSeconds: staged ? stagedSeconds : undefined,
    minTimeToPromoteSeconds: minTime,
    timings,
    extraNotes: staged && lastWeight < 100
      ? [`Flagger shifts the primary from ${100 - lastWeight}% to 100%, so the staged promotion takes ceil(${lastWeight} / ${promotionStep}) intervals (ceil(100 / stepWeightPromotion) when the last weight is 100).`]
      : [],
  });
}

/**
 * A Flagger analysis counted in iterations: A/B testing when `match` is
 * given, blue/green otherwise. The minimum time to promote is interval ×
 * iterations; the rollback takes interval × threshold.
 */
export function flaggerIterationsPlan(props: FlaggerIterationsPlanProps): PlanData {
  const f = resolveFlagger(props);
  const b = f.base;
  const iterations = props.iterations;
  const interval = f.interval;
  const r = f.replicas;
  const extraNotes: string[] = [];
  let ab = (props.match ?? []).length > 0;
  if (ab && f.provider === 'kubernetes') {
    extraNotes.push('The kubernetes provider cannot route by request: Flagger drops `match` ("A/B testing is not supported") and runs blue/green.');
    ab = false;
  }
  const analysis = interval * iterations;
  const mirror = !ab && (props.mirror ?? false);
  const routes = f.provider !== 'kubernetes';
  const steps: PlanStep[] = [];
  for (const { from, to } of stepRuns(iterations)) {
    const which = from === to ? `${from}/${iterations}` : `${from} to ${to} of ${iterations}`;
    steps.push({
      name: from === to ? `iteration ${from}` : `iterations ${from}-${to}`, startSeconds: (from - 1) * interval, trafficPercent: 0, newPods: r, oldPods: r, peakPods: 2 * r,
      description: ab
        ? `Requests matching ${props.match!.map(m => `\`${m}\``).join(' or ')} go to the canary; Flagger checks webhooks and metrics (${which}).`
        : `The canary gets ${mirror ? 'a mirror of every request (the primary answers) plus ' : ''}only the test traffic sent to \`${f.svc}-canary\`; Flagger checks webhooks and metrics (${which}).`,
    });
  }
  let promoteAt = analysis;
  if (!ab) {
    steps.push({
      name: 'switch', startSeconds: analysis, trafficPercent: routes ? 100 : 0, newPods: r, oldPods: r, peakPods: 2 * r,
      description: routes
        ? `${f.hasGate('confirm-promotion') ? 'Once the confirm-promotion gate opens, ' : ''}Flagger routes all requests to the canary for one interval.`
        : `${f.hasGate('confirm-promotion') ? 'Once the confirm-promotion gate opens, ' : ''}Flagger counts one more interval (the kubernetes provider cannot route to the canary; the primary keeps serving).`,
    });
    promoteAt = analysis + interval;
    extraNotes.push('Flagger\'s blue/green takes one interval more than interval × iterations before it promotes: the switch step.');
  }
  steps.push({
    name: 'promote', startSeconds: promoteAt, trafficPercent: 100, newPods: 2 * r, oldPods: 0, peakPods: 2 * r,
    description: `${ab && f.hasGate('confirm-promotion') ? 'Once the confirm-promotion gate opens, ' : ''}Flagger copies the canary's spec${f.configs ? ' and configs' : ''} to \`${b.name}-primary\`, which rolls to the new version and then serves all requests.`,
  });
  steps.push({
    name: 'finalise', startSeconds: promoteAt, trafficPercent: 100, newPods: r, oldPods: 0, peakPods: 2 * r,
    description: `Flagger scales \`${b.name}\` to 0 and the Canary becomes Succeeded.`,
  });
  return f.build({
    kind: ab ? RolloutPlanKind.FLAGGER_AB_TESTING : RolloutPlanKind.FLAGGER_BLUE_GREEN,
    strategy: ab ? 'Flagger A/B testing' : 'Flagger blue/green',
    summary: ab
      ? `Flagger scales the canary \`${b.name}\` up next to \`${b.name}-primary\` and sends it only the requests matching ${props.match!.map(m => `\`${m}\``).join(' or ')}, for ${iterations} checks of ${duration(interval)}, then promotes. ${f.threshold} failed check(s) roll it back.`
      : `Flagger scales the canary \`${b.name}\` up next to \`${b.name}-primary\`, checks it ${iterations} times every ${duration(interval)} without live traffic${mirror ? ' (but with mirrored requests)' : ''}, then switches all requests and promotes. ${f.threshold} failed check(s) roll it back.`,
    steps,
    analysisSeconds: analysis,
    minTimeToPromoteSeconds: analysis,
    timings: [
      { name: 'Minimum time to promote', seconds: analysis, formula: `interval ${duration(interval)} × iterations ${iterations}` },
      ...f.timings,
    ],
    extraNotes,
  });
}

/** Checks what both Flagger plans share, for callers of the `RolloutPlan` factories (apps pass a validated analysis). */
export function validateFlaggerPlan(props: FlaggerPlanProps): void {
  const where = resolveBase(props).where;
  Check.int(where, 'replicas', props.replicas, 0);
  Check.int(where, 'intervalSeconds', props.intervalSeconds, 1);
  Check.int(where, 'threshold', props.threshold, 0);
  const types = Object.keys(WEBHOOKS);
  (props.webhooks ?? []).forEach((w, i) => {
    const type = w.type === undefined || w.type === '' ? 'rollout' : w.type;
    if (!types.includes(type)) throw propError(where, `webhooks[${i}].type`, w.type, `must be one of ${types.join(', ')}`);
    Check.int(where, `webhooks[${i}].timeoutSeconds`, w.timeoutSeconds, 1);
  });
  (props.metrics ?? []).forEach((m, i) => Check.int(where, `metrics[${i}].intervalSeconds`, m.intervalSeconds, 1));
}

/** Checks the weights of a progressive Flagger plan (the same rules as the analysis). */
export function validateFlaggerCanaryPlan(props: FlaggerCanaryPlanProps): void {
  validateFlaggerPlan(props);
  const where = resolveBase(props).where;
  if ((props.stepWeight === undefined) === (props.stepWeights === undefined)) {
    throw propError(where, 'stepWeight', { stepWeight: props.stepWeight, stepWeights: props.stepWeights }, 'set exactly one of stepWeight and stepWeights');
  }
  if (props.stepWeights !== undefined) {
    if (props.maxWeight !== undefined) throw propError(where, 'maxWeight', props.maxWeight, 'Flagger ignores maxWeight with stepWeights (the last step is the maximum); leave it unset');
    checkStepWeights(where, 'stepWeights', props.stepWeights);
  } else {
    Check.int(where, 'stepWeight', props.stepWeight, 1, 100);
    Check.int(where, 'maxWeight', props.maxWeight, 1, 100);
  }
  Check.int(where, 'stepWeightPromotion', props.stepWeightPromotion, 1, 100);
}

/** Checks an iterations Flagger plan. */
export function validateFlaggerIterationsPlan(props: FlaggerIterationsPlanProps): void {
  validateFlaggerPlan(props);
  Check.int(resolveBase(props).where, 'iterations', props.iterations, 1);
}

/** What the Flagger plans share. */
interface FlaggerParts {
  readonly base: Base;
  readonly replicas: number;
  readonly interval: number;
  readonly threshold: number;
  readonly provider?: string;
  readonly svc: string;
  readonly configs: boolean;
  readonly timings: PlanTiming[];
  hasGate(type: string): boolean;
  build(data: FlaggerBuild): PlanData;
}

/** The mode-specific part of a Flagger plan. */
interface FlaggerBuild {
  readonly kind: RolloutPlanKind;
  readonly strategy: string;
  readonly summary: string;
  readonly steps: PlanStep[];
  readonly analysisSeconds: number;
  readonly stagedPromotionSeconds?: number;
  readonly minTimeToPromoteSeconds: number;
  readonly timings: PlanTiming[];
  readonly extraNotes: string[];
}

/** Flagger's webhook phases, in the order a rollout meets them. */
const WEBHOOKS: Record<string, { readonly when: string; readonly onFailure: string }> = {
  'confirm-rollout': { when: 'before the canary is scaled up; asked again every interval until it answers 2xx', onFailure: 'waits (phase Waiting); not a failed check' },
  'pre-rollout': { when: 'once the canary is ready, before it gets any traffic', onFailure: 'a failed check; rollback at the threshold' },
  'rollout': { when: 'every interval, before the metric checks', onFailure: 'a failed check; rollback at the threshold' },
  'confirm-traffic-increase': { when: 'before each weight increase (canary weights only)', onFailure: 'waits; not a failed check' },
  'confirm-promotion': { when: 'before promotion (metrics and rollout webhooks keep running)', onFailure: 'waits (phase WaitingPromotion); not a failed check' },
  'post-rollout': { when: 'after promotion or rollback', onFailure: 'logged only' },
  'rollback': { when: 'every interval while Progressing, Waiting or WaitingPromotion', onFailure: 'a 2xx answer aborts the analysis and rolls back' },
  'event': { when: 'on every event Flagger emits', onFailure: 'ignored' },
};

/** What both Flagger plans share, resolved as Flagger resolves it (interval >= 10s, threshold >= 1). */
function resolveFlagger(props: FlaggerPlanProps): FlaggerParts {
  const b = resolveBase(props);
  const notes: string[] = [];
  const replicas = Math.max(props.replicas, 1);
  if (props.replicas === 0) notes.push('replicas 0: Flagger still runs the primary and the canary with 1 pod each.');
  const interval = Math.max(props.intervalSeconds, 10);
  if (props.intervalSeconds < 10) notes.push(`Flagger raises an interval below 10s to 10s: the timings use 10s, not ${props.intervalSeconds}s.`);
  const threshold = Math.max(props.threshold, 1);
  if (props.threshold < 1) notes.push('Flagger treats a threshold of 0 as 1.');
  const svc = props.serviceName ?? b.name;
  const hpa = props.autoscalerName ?? b.name;
  const webhooks = props.webhooks ?? [];
  const gates = orderGates(webhooks);
  const metrics = (props.metrics ?? []).map(metric);
  const configs = [
    ...(props.configMaps ?? []).map(name => ({ kind: 'ConfigMap', name: `${name}-primary`, purpose: `copy of \`${name}\` for the primary, updated on promotion` })),
    ...(props.secrets ?? []).map(name => ({ kind: 'Secret', name: `${name}-primary`, purpose: `copy of \`${name}\` for the primary, updated on promotion` })),
  ];
  const runtimeObjects: PlanRuntimeObject[] = [
    { kind: 'Deployment', name: `${b.name}-primary`, purpose: `the primary: serves between releases; gets the canary's spec on promotion (\`${b.name}\` in Git is the canary, at 0 pods between releases)` },
    ...(b.maxReplicas !== undefined ? [{ kind: 'HorizontalPodAutoscaler', name: `${hpa}-primary`, purpose: `scales \`${b.name}-primary\` like \`${hpa}\`` }] : []),
    { kind: 'Service', name: svc, purpose: 'the apex Service: selects the primary pods; clients and Ingresses use it' },
    { kind: 'Service', name: `${svc}-primary`, purpose: 'selects the primary pods' },
    { kind: 'Service', name: `${svc}-canary`, purpose: 'selects the canary pods (for load tests and the router)' },
    ...configs,
    ...props.routingObjects ?? [],
  ];
  if (props.provider === undefined) notes.push('No provider given: the routing objects depend on the Flagger controller\'s mesh provider.');
  const timeout = (withExtra: number) => withExtra + 4 * interval;
  const rollbackSeconds = interval * threshold;
  const timings: PlanTiming[] = [
    { name: 'Time to roll back once checks fail', seconds: rollbackSeconds, formula: `interval ${duration(interval)} × threshold ${threshold}` },
    progressDeadline(b, 'the Canary\'s: a canary or primary that makes no progress for this long is rolled back'),
  ];
  const hasGate = (type: string) => gates.some(g => g.type === type);
  const pods = `${b.selectorLabel} in (${b.name},${b.name}-primary)`;
  return {
    base: b, replicas, interval, threshold, provider: props.provider, svc, configs: configs.length > 0, timings, hasGate,
    build: (data: FlaggerBuild): PlanData => ({
      kind: data.kind,
      strategy: data.strategy,
      summary: data.summary,
      base: b,
      steadyPods: replicas,
      peakPods: 2 * replicas,
      minAvailablePods: replicas,
      steps: data.steps,
      intervalSeconds: interval,
      threshold,
      analysisSeconds: data.analysisSeconds,
      stagedPromotionSeconds: data.stagedPromotionSeconds,
      minTimeToPromoteSeconds: data.minTimeToPromoteSeconds,
      timeToRollbackSeconds: rollbackSeconds,
      timings: data.timings,
      runtimeObjects,
      gates,
      metrics,
      watchCommands: [
        ...b.flux,
        `${b.kubectl} get canary ${b.name} -w`,
        `${b.kubectl} describe canary ${b.name}`,
        `${b.kubectl} wait canary/${b.name} --for=condition=promoted --timeout=${timeout(data.minTimeToPromoteSeconds + (data.kind === RolloutPlanKind.FLAGGER_BLUE_GREEN ? interval : 0))}s`,
        `${b.kubectl} get pods -l '${pods}' -L app.kubernetes.io/version -w`,
      ],
      rollback: [
        `Automatic: after ${threshold} failed check(s) (${duration(rollbackSeconds)} at one check per interval) Flagger routes all requests back to \`${b.name}-primary\` and scales \`${b.name}\` to 0; the Canary becomes Failed.`,
        `Then revert the commit that changed the version (\`git revert <sha>\`), so that Git matches the primary again and the next change does not ship the failed version.`,
        `To abort a running analysis: revert the commit now (Flagger sees a new revision, sends all requests back to the primary and restarts the analysis at weight 0)${hasGate('rollback') ? ', or open the rollback gate' : ''}.`,
      ],
      notes: [
        ...notes,
        ...data.extraNotes,
        `Add to the minimum time: about one interval for Flagger to notice the new revision and scale the canary up (${duration(interval)} here), the canary pods' start-up, any confirm-* gate, and the promotion (about three intervals: Promoting, the primary's rolling update, Finalising).`,
        'The very first deploy of an app only initializes the Canary (creates the primary); it runs no analysis.',
        `\`kubectl wait --for=condition=promoted\` returns at once while the previous release is still the promoted one: start it after \`get canary\` shows Progressing.`,
        `The primary's own rolling update during promotion can add its maxSurge on top of the ${2 * replicas} peak pods.`,
        `Between releases Flagger keeps \`${b.name}\` at 0 pods; if Git sets its \`replicas\` and Flux re-applies them, the idle canary scales back up and the steady state doubles.`,
        ...autoscaledNote(b, replicas, ' The canary scales to the same minimum, and the primary HPA copies the target HPA.'),
      ],
    }),
  };
}

/** The webhooks in the order the rollout meets them. */
function orderGates(webhooks: PlanWebhookProps[]): PlanGate[] {
  const order = Object.keys(WEBHOOKS);
  const typed = webhooks.map((w, i) => ({ w, i, type: w.type === undefined || w.type === '' ? 'rollout' : w.type }));
  typed.sort((a, c) => order.indexOf(a.type) - order.indexOf(c.type) || a.i - c.i);
  return typed.map(({ w, type }) => ({
    name: w.name, type, when: WEBHOOKS[type].when, onFailure: WEBHOOKS[type].onFailure,
    url: w.url, timeoutSeconds: w.timeoutSeconds ?? 10,
  }));
}

/** A metric check in words. */
export function metric(m: PlanMetricProps): PlanMetric {
  const check = m.min !== undefined && m.max !== undefined ? `${m.min} .. ${m.max}`
    : m.min !== undefined ? `>= ${m.min}`
      : m.max !== undefined ? `<= ${m.max}` : 'any value (no threshold)';
  const meaning = m.meaning ?? (m.templateName ? `MetricTemplate \`${m.templateName}\`` : 'custom metric');
  return { name: m.name, check, meaning, min: m.min, max: m.max, intervalSeconds: m.intervalSeconds ?? 60 };
}
