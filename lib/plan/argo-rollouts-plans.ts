/**
 * Plans of the Argo Rollouts strategies: canary steps (weights, pauses,
 * analysis) and blue/green with pre- and post-promotion analysis. Internal:
 * the Argo Rollouts apps call them with the numbers their engine resolved.
 */
import { duration } from './format';
import { ArgoBlueGreenPlanProps, ArgoCanaryPlanProps, ArgoPlanProps } from './argo-rollouts-plan-props';
import { metric } from './flagger-plans';
import { autoscaledNote, Base, PlanData, progressDeadline, resolveBase, share } from './plan-data';
import { PlanGate, PlanRuntimeObject, PlanStep, PlanTiming } from './plan-parts';
import { RolloutPlanKind } from './rollout-plan-kind';

/**
 * The canary and stable pods Argo Rollouts runs for `weight` percent without
 * a traffic router: the whole numbers closest to the weight among `replicas`
 * pods, or `replicas + 1` when maxSurge allows one more; a tie goes to the
 * larger canary, and between 1 and 99 % neither side is empty when there
 * are two pods or more.
 */
export function approximateReplicas(replicas: number, weight: number, surge: boolean): { canary: number; stable: number } {
  if (replicas <= 0) return { canary: 0, stable: 0 };
  if (weight <= 0) return { canary: 0, stable: replicas };
  if (weight >= 100) return { canary: replicas, stable: 0 };
  const options: Array<{ canary: number; total: number }> = [];
  for (const total of surge ? [replicas, replicas + 1] : [replicas]) {
    const exact = (total * weight) / 100;
    options.push({ canary: Math.ceil(exact), total });
    if ((total * weight) % 100 !== 50) options.push({ canary: Math.floor(exact), total });
  }
  const allowed = options.filter(o => o.total === 1 ? o.canary === 1 : o.canary > 0 && o.canary < o.total);
  const delta = (o: { canary: number; total: number }) => Math.abs((100 * o.canary) / o.total - weight);
  const best = (allowed.length ? allowed : options).reduce((a, o) => (delta(o) < delta(a) ? o : a));
  return { canary: best.canary, stable: best.total - best.canary };
}

/**
 * An Argo Rollouts canary. Time to promote = the timed pauses plus each
 * analysis step's (iterations − 1) × interval (manual pauses wait for
 * `promote`); a failing background metric aborts after interval × threshold.
 * With a router the canary runs ceil(replicas × weight / 100) pods beside
 * the stable ones; without one the pod counts approximate the weight.
 */
export function argoCanaryPlan(props: ArgoCanaryPlanProps): PlanData {
  const a = resolveArgo(props);
  const { base: b, replicas: r } = a;
  const notes: string[] = [];
  let t = 0;
  let weight = 0;
  let scaled: number | undefined;
  const rows: PlanStep[] = [];
  const gates: PlanGate[] = [];
  const pods = (w: number) => {
    if (!props.routed) return approximateReplicas(r, w, props.maxSurge > 0);
    const canary = scaled ?? (w > 0 ? Math.ceil((r * w) / 100) : 0);
    return { canary, stable: props.dynamicStableScale ? Math.ceil((r * (100 - w)) / 100) : r };
  };
  const row = (name: string, description: string) => {
    const p = pods(weight);
    const traffic = props.routed ? weight : share(p.canary, p.canary + p.stable);
    rows.push({ name, description, startSeconds: t, trafficPercent: Math.round(traffic), newPods: p.canary, oldPods: p.stable, peakPods: p.canary + p.stable });
  };
  const approximations: string[] = [];
  props.steps.forEach((s, i) => {
    const n = `step ${i + 1}`;
    if (s.kind === 'setWeight') {
      weight = s.weight!;
      const p = pods(weight);
      const held = props.steps[i + 1]?.kind === 'pause' && props.steps[i + 1].pauseSeconds !== undefined ? `, held for ${duration(props.steps[i + 1].pauseSeconds!)}` : '';
      if (!props.routed && weight > 0 && weight < 100) approximations.push(`${weight}% → ${p.canary} new + ${p.stable} stable pod(s) = ${share(p.canary, p.canary + p.stable)}%`);
      row(`${weight}%`, props.routed
        ? `The router sends ${weight}% of the requests to \`${b.name}\`'s new pods (${p.canary} of them)${held}.`
        : `The new version runs ${p.canary} pod(s) beside ${p.stable} stable one(s) behind \`${b.name}\`: about ${share(p.canary, p.canary + p.stable)}% of the requests${held}.`);
    } else if (s.kind === 'pause' && s.pauseSeconds !== undefined) {
      t += s.pauseSeconds;
    } else if (s.kind === 'pause') {
      row('wait', `Paused until someone runs \`${a.argo} promote ${b.name}\` (${n}).`);
      gates.push({ name: `pause (${n})`, type: 'pause', when: `${n}, at ${weight}%`, onFailure: 'waits for `promote`; `abort` rolls back' });
    } else if (s.kind === 'analysis') {
      const seconds = (s.iterations! - 1) * s.intervalSeconds!;
      row('analysis', `AnalysisTemplate \`${s.templateName}\` measures ${s.metricNames!.join(', ')} ${s.iterations} time(s)${s.iterations! > 1 ? ` every ${duration(s.intervalSeconds!)}` : ''}; a failure aborts the release.`);
      gates.push({ name: s.templateName!, type: 'analysis', when: `${n}, at ${weight}%`, onFailure: 'aborts the release: traffic back to the stable version' });
      t += seconds;
    } else {
      scaled = s.canaryReplicas ?? Math.ceil((r * s.canaryScalePercent!) / 100);
      row('scale', `The new version runs ${scaled} pod(s) whatever its weight.`);
    }
  });
  const promoteAt = t;
  weight = 100;
  scaled = undefined;
  const surgePeak = props.routed ? 2 * r : r + props.maxSurge;
  rows.push({
    name: 'promote', startSeconds: t, trafficPercent: 100, newPods: r, oldPods: props.routed && !props.dynamicStableScale ? r : 0, peakPods: Math.max(surgePeak, ...rows.map(x => x.peakPods)),
    description: props.routed
      ? `After the last step the new version scales to ${r} pod(s) and the router sends it every request; the stable Service switches to it.`
      : `After the last step the new version replaces the stable pods like a rolling update (maxSurge ${props.maxSurge}, maxUnavailable ${props.maxUnavailable}).`,
  });
  rows.push({
    name: 'finalise', startSeconds: t + (props.routed ? props.scaleDownDelaySeconds : 0), trafficPercent: 100, newPods: r, oldPods: 0, peakPods: r,
    description: `The old pods ${props.routed ? `go after scaleDownDelaySeconds (${props.scaleDownDelaySeconds}s)` : 'are gone'}; the Rollout is Healthy with the new version as stable.`,
  });
  if (props.routerNote) notes.push(props.routerNote);
  if (approximations.length) {
    notes.push(`No traffic router: each weight is approximated by pod counts (${r} replicas${props.maxSurge > 0 ? ', one more pod allowed by maxSurge' : ''}): ${approximations.join('; ')}. Use a router for exact percentages.`);
  }
  const background = props.backgroundMetrics.length > 0;
  const timings: PlanTiming[] = [
    { name: 'Minimum time to promote', seconds: promoteAt, formula: `the timed pauses and each analysis step's (iterations − 1) × interval${gates.some(g => g.type === 'pause') ? ', plus the time until each manual pause is promoted' : ''}` },
    ...a.timings(background),
  ];
  const summary = `The Rollout \`${b.name}\` moves the new version through ${props.steps.filter(s => s.kind === 'setWeight').map(s => `${s.weight}%`).join(', ') || 'its steps'} (${props.router})${background ? `, measuring ${props.backgroundMetrics.map(m => m.name).join(', ')} every ${duration(props.intervalSeconds!)}` : ''}, then promotes it. A failed analysis aborts: traffic goes back to the stable version.`;
  return a.build(RolloutPlanKind.ARGO_ROLLOUTS_CANARY, 'Argo Rollouts canary', summary, rows, gates, promoteAt, timings, notes,
    props.routed ? r : r - props.maxUnavailable, props.backgroundMetrics);
}

/**
 * An Argo Rollouts blue/green: the new version runs beside the active one
 * behind the preview Service, is measured `iterations` times (time
 * (iterations − 1) × interval), waits for `autoPromotionSeconds` or a manual
 * promote, then the active Service switches; the old pods go after
 * scaleDownDelaySeconds.
 */
export function argoBlueGreenPlan(props: ArgoBlueGreenPlanProps): PlanData {
  const a = resolveArgo(props);
  const { base: b, replicas: r } = a;
  const interval = props.intervalSeconds ?? 60;
  const analysisSeconds = (props.iterations - 1) * interval;
  const pre = props.preMetrics.length ? analysisSeconds : 0;
  const post = props.postMetrics.length ? analysisSeconds : 0;
  const wait = props.autoPromotionSeconds ?? 0;
  const p = props.previewReplicas;
  const rows: PlanStep[] = [
    { name: 'preview', startSeconds: 0, trafficPercent: 0, newPods: p, oldPods: r, peakPods: r + p, description: `The new version starts ${p} pod(s); \`${props.previewService}\` selects them, \`${props.activeService}\` still selects the old ones.` },
  ];
  const gates: PlanGate[] = [];
  if (props.preMetrics.length) {
    rows.push({ name: 'analysis', startSeconds: 0, trafficPercent: 0, newPods: p, oldPods: r, peakPods: r + p, description: `prePromotionAnalysis measures ${props.preMetrics.map(m => m.name).join(', ')} ${props.iterations} time(s) every ${duration(interval)}; ${a.threshold} failure(s) of one metric abort.` });
    gates.push({ name: `${b.name}-pre-promotion`, type: 'prePromotionAnalysis', when: 'before the switch', onFailure: 'aborts: the preview pods go, the active Service never switches' });
  }
  if (props.manualPromotion) {
    rows.push({ name: 'wait', startSeconds: pre, trafficPercent: 0, newPods: r, oldPods: r, peakPods: 2 * r, description: `Paused until someone runs \`${a.argo} promote ${b.name}\`; the new version scales to ${r} pod(s).` });
    gates.push({ name: 'promotion', type: 'pause', when: 'before the switch (autoPromotionEnabled: false)', onFailure: 'waits for `promote`; `abort` drops the new version' });
  }
  const switchAt = pre + wait;
  rows.push({ name: 'switch', startSeconds: switchAt, trafficPercent: 100, newPods: r, oldPods: r, peakPods: 2 * r, description: `${wait ? `After autoPromotionSeconds (${wait}s) the` : 'The'} new version scales to ${r} pod(s) and \`${props.activeService}\` switches to it: every request goes to the new version at once.` });
  if (props.postMetrics.length) {
    rows.push({ name: 'post-analysis', startSeconds: switchAt, trafficPercent: 100, newPods: r, oldPods: r, peakPods: 2 * r, description: `postPromotionAnalysis measures ${props.postMetrics.map(m => m.name).join(', ')} ${props.iterations} time(s); a failure switches \`${props.activeService}\` back.` });
    gates.push({ name: `${b.name}-post-promotion`, type: 'postPromotionAnalysis', when: 'after the switch', onFailure: 'aborts: the active Service switches back to the old pods' });
  }
  const promoteAt = switchAt + post;
  rows.push({ name: 'finalise', startSeconds: promoteAt + props.scaleDownDelaySeconds, trafficPercent: 100, newPods: r, oldPods: 0, peakPods: r, description: `The old pods go after scaleDownDelaySeconds (${props.scaleDownDelaySeconds}s); the Rollout is Healthy.` });
  const timings: PlanTiming[] = [
    { name: 'Minimum time to promote', seconds: promoteAt, formula: `prePromotionAnalysis ${duration(pre)} + autoPromotionSeconds ${wait}s + postPromotionAnalysis ${duration(post)} (each analysis: (iterations ${props.iterations} − 1) × interval ${duration(interval)})${props.manualPromotion ? ', plus the time until someone promotes' : ''}` },
    ...a.timings(props.preMetrics.length + props.postMetrics.length > 0),
  ];
  const summary = `The Rollout \`${b.name}\` starts the new version behind \`${props.previewService}\`${props.preMetrics.length ? `, measures it ${props.iterations} time(s)` : ''}${props.manualPromotion ? ', waits for a manual promote' : ''}, then switches \`${props.activeService}\` to it at once. A failed analysis aborts and the active Service keeps (or gets back) the old version.`;
  return a.build(RolloutPlanKind.ARGO_ROLLOUTS_BLUE_GREEN, 'Argo Rollouts blue/green', summary, rows, gates, promoteAt, timings, [], r, [...props.preMetrics, ...props.postMetrics]);
}

/** What both Argo Rollouts plans share. */
function resolveArgo(props: ArgoPlanProps) {
  const b: Base = resolveBase(props);
  const replicas = Math.max(props.replicas, 1);
  const threshold = props.threshold;
  const argo = b.namespace ? `kubectl argo rollouts -n ${b.namespace}` : 'kubectl argo rollouts';
  const abortDelay = props.abortScaleDownDelaySeconds;
  const interval = props.intervalSeconds;
  const runtimeObjects: PlanRuntimeObject[] = [
    { kind: 'ReplicaSet', name: `${b.name}-<pod-template-hash>`, purpose: 'one per revision, owned by the Rollout; its pods carry `rollouts-pod-template-hash`' },
    ...props.analysisTemplates.map(t => ({ kind: 'AnalysisRun', name: `${b.name}-<hash>-<revision>…`, purpose: `one per release and analysis, from AnalysisTemplate \`${t}\`` })),
    ...props.controllerObjects,
  ];
  const timings = (background: boolean): PlanTiming[] => [
    background && interval !== undefined
      ? { name: 'Time to roll back once checks fail', seconds: interval * threshold, formula: `interval ${duration(interval)} × threshold ${threshold} (the ${threshold}th failed measurement of a metric aborts: failureLimit ${threshold - 1}); traffic goes back to the stable version at once` }
      : { name: 'Time to roll back once checks fail', formula: 'at the failing measurement of an analysis; otherwise manual (`abort`)' },
    { name: 'Old pods kept after promotion', seconds: props.scaleDownDelaySeconds, formula: 'scaleDownDelaySeconds: a quick `abort` or revert finds them warm' },
    ...(abortDelay !== undefined ? [{ name: 'New pods kept after an abort', seconds: abortDelay, formula: 'abortScaleDownDelaySeconds' }] : []),
    progressDeadline(b, 'the Rollout\'s: no progress for this long marks it Degraded (and aborts it: progressDeadlineAbort)'),
  ];
  const build = (kind: RolloutPlanKind, strategy: string, summary: string, steps: PlanStep[], gates: PlanGate[], promoteAt: number,
    timings: PlanTiming[], notes: string[], minAvailable: number, metrics: ArgoCanaryPlanProps['backgroundMetrics']): PlanData => ({
    kind, strategy, summary, base: b, steps, gates, timings, runtimeObjects,
    steadyPods: replicas,
    peakPods: Math.max(...steps.map(s => s.peakPods)),
    minAvailablePods: minAvailable,
    intervalSeconds: interval,
    threshold,
    minTimeToPromoteSeconds: promoteAt,
    timeToRollbackSeconds: interval !== undefined && metrics.length ? interval * threshold : undefined,
    completionBudgetSeconds: promoteAt + props.scaleDownDelaySeconds + b.progressDeadlineSeconds,
    metrics: metrics.map(metric),
    watchCommands: [
      ...b.flux,
      `${argo} get rollout ${b.name} -w`,
      `${argo} status ${b.name} --timeout ${promoteAt + b.progressDeadlineSeconds}s`,
      ...(gates.some(g => g.type === 'pause') ? [`${argo} promote ${b.name}`] : []),
      `${b.kubectl} get analysisruns -l ${b.selectorLabel}=${b.name} -w`,
      `${b.kubectl} get pods -l ${b.selectorLabel}=${b.name} -L rollouts-pod-template-hash -L app.kubernetes.io/version -w`,
    ],
    rollback: [
      `Automatic: a failed analysis aborts the release; traffic goes back to the stable version at once${abortDelay !== undefined ? ` and the new pods go after ${abortDelay}s` : ''}. The Rollout stays Degraded while Git still holds the new version.`,
      'Then revert the commit that changed the version (`git revert <sha>`): the Rollout goes back to the stable pod template, which still runs, and becomes Healthy without a new release.',
      `To stop a running release by hand: \`${argo} abort ${b.name}\`, then revert the commit. (\`${argo} undo\` rewrites the pod template, which Flux puts back from Git.)`,
    ],
    notes: [
      ...notes,
      'The very first deploy of an app goes straight to 100%: no steps, no analysis.',
      ...(gates.some(g => g.type === 'pause') ? ['Flux waits while the Rollout is paused: give the app an explicit `addApp(..., { timeout })` long enough for the approval, or `wait: false`.'] : []),
      ...(props.podMetricsNote ? [props.podMetricsNote] : []),
      ...autoscaledNote(b, replicas, ' The HPA scales the Rollout (scale subresource); Argo Rollouts splits the pods between the versions.'),
    ],
  });
  return { base: b, replicas, threshold, argo, timings, build };
}
