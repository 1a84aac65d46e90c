/**
 * Plans of a Deployment's own update: a rolling update in waves, or Recreate.
 * Internal: `RolloutPlan.rollingUpdate` and `RolloutPlan.recreate` call them.
 */
import { Check } from '../core/check';
import { CountOrPercent } from '../core/count-or-percent';
import { propError } from '../core/errors';
import { autoscaledNote, PlanData, percentOf, progressDeadline, resolveBase, stepRuns } from './plan-data';
import { PlanStep } from './plan-parts';
import { RecreatePlanProps, RollingUpdatePlanProps } from './plan-props';
import { RolloutPlanKind } from './rollout-plan-kind';

/**
 * A Deployment rolling update with R replicas, maxSurge s and
 * maxUnavailable u (percentages resolved for R: surge rounds up,
 * unavailable down): peak pods R+s, minimum available R−u,
 * waves ceil(R / (s+u)).
 */
export function rollingUpdatePlan(props: RollingUpdatePlanProps): PlanData {
  const b = resolveBase(props);
  const r = props.replicas;
  Check.int(b.where, 'replicas', r, 0);
  const surge = props.maxSurge ?? CountOrPercent.percent(25);
  const unavailable = props.maxUnavailable ?? CountOrPercent.percent(25);
  for (const [prop, value] of [['maxSurge', surge], ['maxUnavailable', unavailable]] as const) {
    Check.int(b.where, prop, value.value, 0, value.isPercent ? 100 : undefined);
  }
  const minReady = props.minReadySeconds ?? 0;
  Check.int(b.where, 'minReadySeconds', minReady, 0);
  const s = surge.of(r, true);
  const u = Math.min(unavailable.of(r, false), r);
  if (r > 0 && s + u === 0) {
    throw propError(b.where, 'maxSurge', { maxSurge: surge.toKube(), maxUnavailable: unavailable.toKube(), replicas: r },
      'maxSurge (rounded up) plus maxUnavailable (rounded down) must be at least 1 pod, or the rollout never progresses');
  }
  const waves = r === 0 ? 0 : Math.ceil(r / (s + u));
  const steps: PlanStep[] = stepRuns(waves).map(({ from, to }) => {
    const before = Math.min((from - 1) * (s + u), r);
    const after = Math.min(to * (s + u), r);
    const perWave = Math.min(s + u, after - before);
    return {
      name: from === to ? `wave ${from}` : `waves ${from}-${to}`,
      description: from === to
        ? `Start ${after - before} new pod(s) and stop as many old ones, never more than ${r + s} pods nor fewer than ${r - u} available: ${after} of ${r} pods run the new version.`
        : `${to - from + 1} waves like the one before, ${perWave} pod(s) each, never more than ${r + s} pods nor fewer than ${r - u} available: ${after} of ${r} pods run the new version.`,
      trafficPercent: percentOf(after, r),
      newPods: after,
      oldPods: r - after,
      peakPods: Math.min(r + s, r + perWave),
      startSeconds: (from - 1) * minReady,
    };
  });
  const notes = [
    `maxSurge ${surge} and maxUnavailable ${unavailable} resolve to ${s} and ${u} pod(s) for ${r} replicas (a percentage of surge rounds up, of unavailability down).`,
    'The Deployment starts new pods as soon as there is room, so the waves overlap when pods become ready at different times; the count is the fewest rounds the limits allow.',
    ...autoscaledNote(b, r),
  ];
  if (r === 0) notes.push('0 replicas: there is nothing to roll.');
  return {
    kind: RolloutPlanKind.ROLLING_UPDATE,
    strategy: 'Rolling update',
    summary: `The Deployment \`${b.name}\` replaces its ${r} pods in ${waves} wave(s) of up to ${s + u} pod(s): at most ${r + s} pods run at once and at least ${r - u} stay available. Requests go to every ready pod, old or new, so the new version's share grows with its pods.`,
    base: b,
    steadyPods: r,
    peakPods: r + s,
    minAvailablePods: r - u,
    waves,
    steps,
    minTimeToPromoteSeconds: waves * minReady,
    timings: [
      { name: 'Minimum time to complete', seconds: waves * minReady, formula: `waves ${waves} × minReadySeconds ${minReady}s, plus each wave's pod start-up and readiness time` },
      { name: 'Time to roll back', formula: 'no automatic rollback: after progressDeadlineSeconds the Deployment is marked failed and stays as it is; revert the commit' },
      progressDeadline(b, 'the Deployment\'s: no progress for this long marks the rollout failed (`ProgressDeadlineExceeded`)'),
    ],
    watchCommands: [
      ...b.flux,
      `${b.kubectl} rollout status deployment/${b.name} --timeout=${b.progressDeadlineSeconds}s`,
      `${b.kubectl} get pods -l ${b.selectorLabel}=${b.name} -L app.kubernetes.io/version -w`,
    ],
    rollback: [
      `Revert the commit that changed the version (\`git revert <sha>\`): Flux applies the previous pod template and \`${b.name}\` rolls back in the same waves.`,
      `\`kubectl rollout undo deployment/${b.name}\` works only until Flux's next reconcile, which re-applies what Git says.`,
    ],
    notes,
  };
}

/** A Deployment Recreate: peak R, minimum available 0, one wave, with downtime. */
export function recreatePlan(props: RecreatePlanProps): PlanData {
  const b = resolveBase(props);
  const r = props.replicas;
  Check.int(b.where, 'replicas', r, 0);
  const minReady = props.minReadySeconds ?? 0;
  Check.int(b.where, 'minReadySeconds', minReady, 0);
  return {
    kind: RolloutPlanKind.RECREATE,
    strategy: 'Recreate',
    summary: `The Deployment \`${b.name}\` stops all ${r} old pods, waits until they are gone, then starts ${r} new ones. No pod serves in between: this strategy has downtime, in exchange for never running two versions at once.`,
    base: b,
    steadyPods: r,
    peakPods: r,
    minAvailablePods: 0,
    waves: 1,
    steps: [
      { name: 'stop old', description: `Scale the old pods to 0 and wait for them to terminate: downtime starts.`, trafficPercent: 0, newPods: 0, oldPods: 0, peakPods: r, startSeconds: 0 },
      { name: 'start new', description: `Start ${r} new pod(s); the downtime ends when the first one is ready.`, trafficPercent: 100, newPods: r, oldPods: 0, peakPods: r, startSeconds: 0 },
    ],
    minTimeToPromoteSeconds: minReady,
    timings: [
      { name: 'Minimum time to complete', seconds: minReady, formula: `one wave × minReadySeconds ${minReady}s, plus the old pods' termination and the new pods' start-up and readiness time` },
      { name: 'Downtime', formula: 'from the first old pod stopping until the first new pod is ready: at least the termination grace period plus the start-up time' },
      { name: 'Time to roll back', formula: 'no automatic rollback: revert the commit (a second Recreate, with its own downtime)' },
      progressDeadline(b, 'the Deployment\'s: no progress for this long marks the rollout failed'),
    ],
    watchCommands: [
      ...b.flux,
      `${b.kubectl} rollout status deployment/${b.name} --timeout=${b.progressDeadlineSeconds}s`,
      `${b.kubectl} get pods -l ${b.selectorLabel}=${b.name} -L app.kubernetes.io/version -w`,
    ],
    rollback: [
      `Revert the commit that changed the version (\`git revert <sha>\`): Flux applies it and \`${b.name}\` recreates its pods with the previous version (downtime again).`,
    ],
    notes: autoscaledNote(b, r),
  };
}
