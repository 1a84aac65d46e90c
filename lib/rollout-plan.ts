import { CountOrPercent } from './count-or-percent';
import { propError } from './errors';
import { NAME_LABEL } from './labels';
import { duration, renderIndex, renderPlan } from './plan-markdown';
import { cpuMillis, memoryBytes } from './quantity';
import { RolloutPlanKind } from './rollout-plan-kind';
import {
  BasePlanProps, BlueGreenSwitchPlanProps, FlaggerCanaryPlanProps, FlaggerIterationsPlanProps, FlaggerPlanProps,
  NginxCanaryPlanProps, PlanMetricProps, PlanWebhookProps, RecreatePlanProps, ReplicaCanaryPlanProps, RollingUpdatePlanProps,
} from './rollout-plan-props';
import { Check } from './validate';
import { weightSteps } from './step-weights';

/** One ordered step of a rollout. */
export interface PlanStep {
  /** A short label (also the chart's x-axis label). */
  readonly name: string;
  /** What happens in this step. */
  readonly description: string;
  /** Share of all requests (percent) served by the new version once the step is reached. */
  readonly trafficPercent: number;
  /** Pods of the new version once the step is reached. */
  readonly newPods: number;
  /** Pods of the old version once the step is reached. */
  readonly oldPods: number;
  /** The most pods (both versions) running at once during the step. */
  readonly peakPods: number;
  /**
   * Earliest start, in seconds after the new version first gets traffic
   * (Flagger) or the first wave starts (rolling).
   *
   * @default - a manual step (a commit)
   */
  readonly startSeconds?: number;
}

/** An object the cluster creates at runtime (not in Git). */
export interface PlanRuntimeObject {
  /** The object kind. */
  readonly kind: string;
  /** The object name. */
  readonly name: string;
  /** What it is for. */
  readonly purpose: string;
}

/** A gate or webhook, in the order the rollout meets it. */
export interface PlanGate {
  /** The webhook name. */
  readonly name: string;
  /** The Flagger webhook type. */
  readonly type: string;
  /** When Flagger calls it. */
  readonly when: string;
  /** What a failure does. */
  readonly onFailure: string;
  /**
   * The URL called.
   *
   * @default - not given
   */
  readonly url?: string;
  /**
   * Seconds Flagger waits for an answer.
   *
   * @default - not given
   */
  readonly timeoutSeconds?: number;
}

/** A metric check and its threshold. */
export interface PlanMetric {
  /** The metric name. */
  readonly name: string;
  /** The passing range in words (`>= 99`, `<= 500`, `1 .. 5`). */
  readonly check: string;
  /** What the metric measures. */
  readonly meaning: string;
  /**
   * The lowest passing value.
   *
   * @default - no minimum
   */
  readonly min?: number;
  /**
   * The highest passing value.
   *
   * @default - no maximum
   */
  readonly max?: number;
  /** Seconds of data each check reads. */
  readonly intervalSeconds: number;
}

/** One timing of the plan and how it is computed. */
export interface PlanTiming {
  /** What is timed. */
  readonly name: string;
  /**
   * The time in seconds.
   *
   * @default - not bounded by the strategy (a manual step)
   */
  readonly seconds?: number;
  /** How it is computed, with the numbers. */
  readonly formula: string;
}

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

/** Everything a factory computes. */
interface PlanData {
  readonly kind: RolloutPlanKind;
  readonly strategy: string;
  readonly summary: string;
  readonly base: Base;
  readonly steadyPods: number;
  readonly peakPods: number;
  readonly minAvailablePods: number;
  readonly waves?: number;
  readonly steps: PlanStep[];
  readonly intervalSeconds?: number;
  readonly threshold?: number;
  readonly analysisSeconds?: number;
  readonly stagedPromotionSeconds?: number;
  readonly minTimeToPromoteSeconds?: number;
  readonly timeToRollbackSeconds?: number;
  readonly timings: PlanTiming[];
  readonly runtimeObjects?: PlanRuntimeObject[];
  readonly gates?: PlanGate[];
  readonly metrics?: PlanMetric[];
  readonly watchCommands: string[];
  readonly rollback: string[];
  readonly notes: string[];
}

/** The resolved common props. */
interface Base {
  readonly where: string;
  readonly name: string;
  readonly namespace?: string;
  readonly cpuMillis: number;
  readonly memoryBytes: number;
  readonly maxReplicas?: number;
  readonly progressDeadlineSeconds: number;
  readonly selectorLabel: string;
  readonly kubectl: string;
  readonly flux: string[];
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
    const b = resolveBase(props);
    const r = props.replicas;
    Check.int(b.where, 'replicas', r, 0);
    const surge = props.maxSurge ?? CountOrPercent.percent(25);
    const unavailable = props.maxUnavailable ?? CountOrPercent.percent(25);
    for (const [prop, value] of [['maxSurge', surge], ['maxUnavailable', unavailable]] as const) {
      Check.int(b.where, prop, value.value, 0, value.isPercent ? 100 : Number.MAX_SAFE_INTEGER);
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
    const steps: PlanStep[] = [];
    for (let i = 1; i <= waves; i++) {
      const before = Math.min((i - 1) * (s + u), r);
      const after = Math.min(i * (s + u), r);
      steps.push({
        name: `wave ${i}`,
        description: `Start ${after - before} new pod(s) and stop as many old ones, never more than ${r + s} pods nor fewer than ${r - u} available: ${after} of ${r} pods run the new version.`,
        trafficPercent: percentOf(after, r),
        newPods: after,
        oldPods: r - after,
        peakPods: Math.min(r + s, r + after - before),
        startSeconds: (i - 1) * minReady,
      });
    }
    const notes = [
      `maxSurge ${surge} and maxUnavailable ${unavailable} resolve to ${s} and ${u} pod(s) for ${r} replicas (a percentage of surge rounds up, of unavailability down).`,
      'The Deployment starts new pods as soon as there is room, so the waves overlap when pods become ready at different times; the count is the fewest rounds the limits allow.',
      ...autoscaledNote(b, r),
    ];
    if (r === 0) notes.push('0 replicas: there is nothing to roll.');
    return new RolloutPlan({
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
    });
  }

  /** A Deployment Recreate: peak R, minimum available 0, one wave, with downtime. */
  public static recreate(props: RecreatePlanProps): RolloutPlan {
    const b = resolveBase(props);
    const r = props.replicas;
    Check.int(b.where, 'replicas', r, 0);
    const minReady = props.minReadySeconds ?? 0;
    Check.int(b.where, 'minReadySeconds', minReady, 0);
    return new RolloutPlan({
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
    });
  }

  /**
   * A blue/green switch in Git: steady pods = active + idle replicas (2× when
   * the idle color is kept warm); the switch changes the Service selectors
   * only; the rollback flips `active` back.
   */
  public static blueGreenSwitch(props: BlueGreenSwitchPlanProps): RolloutPlan {
    const b = resolveBase(props);
    const active = props.activeReplicas;
    const idle = props.idleReplicas;
    const next = props.newVersionReplicas ?? active;
    Check.int(b.where, 'activeReplicas', active, 0);
    Check.int(b.where, 'idleReplicas', idle, 0);
    Check.int(b.where, 'newVersionReplicas', next, 0);
    const svc = props.serviceName ?? b.name;
    const preview = props.previewServiceName ?? `${b.name}-preview`;
    const label = props.colorLabel ?? 'color';
    const from = props.activeColor;
    const to = props.idleColor;
    const idleDeployment = `${b.name}-${to}`;
    const peak = active + Math.max(idle, next);
    const steps: PlanStep[] = [
      {
        name: `deploy ${to}`,
        description: `${idle < next ? `Scale \`${idleDeployment}\` up (drop \`idleReplicas\`) and put` : 'Put'} the new version in \`${to}\`: \`${idleDeployment}\` rolls to ${next} pod(s) without traffic. Test it through \`${preview}\`.`,
        trafficPercent: 0, newPods: next, oldPods: active, peakPods: peak,
      },
      {
        name: 'switch',
        description: `Set \`active\` to ${to}: the selector of \`${svc}\` changes from \`${label}: ${from}\` to \`${label}: ${to}\` and \`${preview}\` the other way. Nothing else changes and no pod restarts.`,
        trafficPercent: 100, newPods: next, oldPods: active, peakPods: active + next,
      },
    ];
    if (idle < active) {
      steps.push({
        name: `scale ${from} down`,
        description: `\`${b.name}-${from}\` is now the idle color and scales to ${idle} pod(s): a rollback then has to wait for its pods again.`,
        trafficPercent: 100, newPods: next, oldPods: idle, peakPods: active + next,
      });
    }
    const notes = [...autoscaledNote(b, active)];
    if (idle >= active) notes.push(`The old color stays warm (${idle} pods) after the switch, so the rollback is instant; that costs ${idle} pod(s) between releases.`);
    return new RolloutPlan({
      kind: RolloutPlanKind.BLUE_GREEN_SWITCH,
      strategy: 'Blue/green switch (Git)',
      summary: `\`${b.name}-${from}\` serves through \`${svc}\`; the next version goes to \`${idleDeployment}\`, which is tested through \`${preview}\` and then gets all traffic at once when \`active\` changes to ${to}. Every step is a commit that Flux applies.`,
      base: b,
      steadyPods: active + idle,
      peakPods: peak,
      minAvailablePods: Math.min(active, next),
      steps,
      timings: [
        { name: 'Time to switch', formula: 'manual: one commit, applied at Flux\'s next reconcile; the Service selectors change at once (requests in flight to the old pods complete)' },
        { name: 'Time to roll back', formula: idle >= active ? 'one commit: the old color is still warm, so traffic returns as soon as Flux applies it' : 'one commit, plus the old color\'s start-up once it has been scaled down' },
        progressDeadline(b, `the Deployments': applies to \`${idleDeployment}\` rolling to the new version`),
      ],
      watchCommands: [
        ...b.flux,
        `${b.kubectl} rollout status deployment/${idleDeployment} --timeout=${b.progressDeadlineSeconds}s`,
        `${b.kubectl} get service ${svc} ${preview} -o wide`,
        `${b.kubectl} get pods -l ${b.selectorLabel}=${b.name} -L ${label} -L app.kubernetes.io/version -w`,
      ],
      rollback: [
        `Set \`active\` back to ${from} (one line, one commit): only the selectors of \`${svc}\` and \`${preview}\` change back.`,
        ...(idle < active ? [`Once \`${b.name}-${from}\` has been scaled down, first drop \`idleReplicas\` and wait for its pods, or the switch back sends the traffic to no pod.`] : []),
      ],
      notes,
    });
  }

  /** A canary by replica ratio: the canary's share of the requests is canary / (stable + canary). */
  public static replicaCanary(props: ReplicaCanaryPlanProps): RolloutPlan {
    const b = resolveBase(props);
    const stable = props.stableReplicas;
    Check.int(b.where, 'stableReplicas', stable, 0);
    Check.int(b.where, 'canaryReplicas', props.canaryReplicas, 0);
    const counts = props.canaryReplicaSteps ?? [Math.max(props.canaryReplicas, 1)];
    if (counts.length === 0) throw propError(b.where, 'canaryReplicaSteps', counts, 'needs at least one step');
    counts.forEach((c, i) => Check.int(b.where, `canaryReplicaSteps[${i}]`, c, 1));
    const canaryName = props.canaryDeploymentName ?? `${b.name}-canary`;
    const last = counts[counts.length - 1];
    const steps: PlanStep[] = counts.map(c => ({
      name: `${c} canary pod(s)`,
      description: `Run ${c} canary pod(s) next to ${stable} stable pod(s): the Service spreads requests over all ${stable + c} pods, so the canary gets ${c}/${stable + c}.`,
      trafficPercent: share(c, stable + c),
      newPods: c, oldPods: stable, peakPods: stable + c,
    }));
    steps.push({
      name: 'promote',
      description: `Move the canary version into \`stable\` and remove \`canary\`: \`${b.name}\` rolls to the new version and Flux prunes \`${canaryName}\`.`,
      trafficPercent: 100, newPods: stable, oldPods: 0, peakPods: stable + last,
    });
    return new RolloutPlan({
      kind: RolloutPlanKind.REPLICA_CANARY,
      strategy: 'Canary by replica ratio (Git)',
      summary: `\`${canaryName}\` runs the new version next to the ${stable} pods of \`${b.name}\`; one Service selects both, so the canary's share of the requests is its share of the pods. Each step is a commit.`,
      base: b,
      steadyPods: stable,
      peakPods: stable + Math.max(...counts),
      minAvailablePods: stable,
      steps,
      timings: [
        { name: 'Time to promote', formula: 'manual: one commit per step, applied at Flux\'s next reconcile; nothing promotes on its own' },
        { name: 'Time to roll back', formula: 'one commit: Flux prunes the canary Deployment and its pods leave the Service as they terminate' },
        progressDeadline(b, 'the Deployments\': applies to the canary starting and to the stable rolling at promotion'),
      ],
      watchCommands: [
        ...b.flux,
        `${b.kubectl} rollout status deployment/${canaryName} --timeout=${b.progressDeadlineSeconds}s`,
        `${b.kubectl} get deployment ${b.name} ${canaryName} -w`,
        `${b.kubectl} get pods -l ${b.selectorLabel}=${b.name} -L track -L app.kubernetes.io/version -w`,
      ],
      rollback: [
        `Remove \`canary\` (one commit): Flux prunes \`${canaryName}\` and all requests go back to the stable pods.`,
        'After promotion, revert the promoting commit: the stable Deployment rolls back.',
      ],
      notes: [
        'The share is per pod, not per request rule: every client may hit the canary, and long-lived connections keep their pod.',
        `At promotion \`${b.name}\` rolls with its own maxSurge and maxUnavailable, which can add pods on top of the peak and take some below ${stable}.`,
        ...autoscaledNote(b, stable, ' The HPA scales the stable pods only, so the canary\'s share falls as the stable track scales up.'),
      ],
    });
  }

  /** An ingress-nginx canary: a canary Ingress by weight, header or cookie, each step a commit. */
  public static nginxCanary(props: NginxCanaryPlanProps): RolloutPlan {
    const b = resolveBase(props);
    const stable = props.stableReplicas;
    const canary = props.canaryReplicas;
    Check.int(b.where, 'stableReplicas', stable, 0);
    Check.int(b.where, 'canaryReplicas', canary, 0);
    Check.int(b.where, 'weight', props.weight, 0, 100);
    const weights = props.weightSteps ?? [props.weight ?? 0];
    if (weights.length === 0) throw propError(b.where, 'weightSteps', weights, 'needs at least one step');
    weights.forEach((w, i) => Check.int(b.where, `weightSteps[${i}]`, w, 0, 100));
    const canaryName = props.canaryDeploymentName ?? `${b.name}-canary`;
    const ingress = props.canaryIngressName ?? `${b.name}-canary`;
    const rules: string[] = [];
    if (props.header !== undefined) {
      rules.push(props.headerPattern !== undefined
        ? `header \`${props.header}\` matching \`${props.headerPattern}\``
        : `header \`${props.header}: ${props.headerValue ?? 'always'}\``);
    }
    if (props.cookie !== undefined) rules.push(`cookie \`${props.cookie}=always\``);
    const matched = rules.length ? `, plus every request with ${rules.join(' or ')}` : '';
    const steps: PlanStep[] = weights.map(w => ({
      name: w === 0 && rules.length ? 'matched requests' : `weight ${w}%`,
      description: `The canary Ingress sends ${w}% of the requests to the canary pods${matched}.`,
      trafficPercent: w, newPods: canary, oldPods: stable, peakPods: stable + canary,
    }));
    steps.push({
      name: 'promote',
      description: `Move the canary version into the stable Deployment \`${b.name}\` and remove the canary: Flux prunes the canary Ingress \`${ingress}\` and Deployment \`${canaryName}\`.`,
      trafficPercent: 100, newPods: stable, oldPods: 0, peakPods: stable + canary,
    });
    const notes = [
      'ingress-nginx checks the header first, then the cookie, then the weight.',
      ...autoscaledNote(b, stable),
    ];
    const top = Math.max(...weights);
    if (top > 0 && top < 100 && canary > 0 && stable > 0) {
      const ratio = (top / canary) / ((100 - top) / stable);
      notes.unshift(`The weight does not follow the pods: at ${top}% each of the ${canary} canary pod(s) takes ${Number(ratio.toFixed(2))}× the requests of a stable pod; size the canary for it.`);
    }
    return new RolloutPlan({
      kind: RolloutPlanKind.NGINX_CANARY,
      strategy: 'ingress-nginx canary (Git)',
      summary: `The canary Ingress \`${ingress}\` sends part of the requests for the same host and path to the canary Deployment \`${canaryName}\` (${canary} pod(s)) next to the ${stable} stable pods of \`${b.name}\`${rules.length ? `: by weight${matched}` : ', by weight'}. Each step is a commit.`,
      base: b,
      steadyPods: stable,
      peakPods: stable + canary,
      minAvailablePods: stable,
      steps,
      timings: [
        { name: 'Time to promote', formula: 'manual: one commit per step, applied at Flux\'s next reconcile; nothing promotes on its own' },
        { name: 'Time to roll back', formula: 'one commit: ingress-nginx reloads its configuration within seconds of the canary Ingress changing' },
        progressDeadline(b, 'the Deployments\''),
      ],
      watchCommands: [
        ...b.flux,
        `${b.kubectl} rollout status deployment/${canaryName} --timeout=${b.progressDeadlineSeconds}s`,
        `${b.kubectl} get ingress ${ingress} -o jsonpath='{.metadata.annotations}'`,
        `${b.kubectl} get deployment ${b.name} ${canaryName} -w`,
      ],
      rollback: [
        `Set the weight to 0 and drop the header and cookie rules, or remove the canary (one commit): Flux prunes the canary Ingress \`${ingress}\` and Deployment \`${canaryName}\`.`,
        'After promotion, revert the promoting commit: the stable Deployment rolls back.',
      ],
      notes,
    });
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
    const f = resolveFlagger(props);
    const b = f.base;
    const where = b.where;
    if ((props.stepWeight === undefined) === (props.stepWeights === undefined)) {
      throw propError(where, 'stepWeight', { stepWeight: props.stepWeight, stepWeights: props.stepWeights }, 'set exactly one of stepWeight and stepWeights');
    }
    let weights: number[];
    let stepsFormula: string;
    if (props.stepWeights !== undefined) {
      const list = props.stepWeights;
      if (props.maxWeight !== undefined) throw propError(where, 'maxWeight', props.maxWeight, 'Flagger ignores maxWeight with stepWeights (the last step is the maximum); leave it unset');
      if (list.length === 0) throw propError(where, 'stepWeights', list, 'needs at least one weight');
      list.forEach((w, i) => Check.int(where, `stepWeights[${i}]`, w, 1, 100));
      list.forEach((w, i) => {
        if (i > 0 && w <= list[i - 1]) throw propError(where, 'stepWeights', list, 'must be strictly increasing (a step that does not increase stalls the canary)');
      });
      weights = [...list];
      stepsFormula = `len(stepWeights) = ${list.length}`;
    } else {
      const step = props.stepWeight!;
      Check.int(where, 'stepWeight', step, 1, 100);
      Check.int(where, 'maxWeight', props.maxWeight, 1, 100);
      const max = props.maxWeight ?? 100;
      const n = Math.ceil(max / step);
      weights = weightSteps(step, max);
      stepsFormula = `ceil(maxWeight ${max} / stepWeight ${step}) = ${n}`;
    }
    Check.int(where, 'stepWeightPromotion', props.stepWeightPromotion, 1, 100);

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

    return new RolloutPlan(f.build({
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
    }));
  }

  /**
   * A Flagger analysis counted in iterations: A/B testing when `match` is
   * given, blue/green otherwise. The minimum time to promote is interval ×
   * iterations; the rollback takes interval × threshold.
   */
  public static flaggerIterations(props: FlaggerIterationsPlanProps): RolloutPlan {
    const f = resolveFlagger(props);
    const b = f.base;
    Check.int(b.where, 'iterations', props.iterations, 1);
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
    for (let i = 1; i <= iterations; i++) {
      steps.push({
        name: `iteration ${i}`, startSeconds: (i - 1) * interval, trafficPercent: 0, newPods: r, oldPods: r, peakPods: 2 * r,
        description: ab
          ? `Requests matching ${props.match!.map(m => `\`${m}\``).join(' or ')} go to the canary; Flagger checks webhooks and metrics (${i}/${iterations}).`
          : `The canary gets ${mirror ? 'a mirror of every request (the primary answers) plus ' : ''}only the test traffic sent to \`${f.svc}-canary\`; Flagger checks webhooks and metrics (${i}/${iterations}).`,
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
    return new RolloutPlan(f.build({
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
    }));
  }

  /** A Markdown index of plans: one row per app with its strategy, pods, resources and timings. */
  public static indexMarkdown(entries: PlanIndexEntry[]): string {
    return renderIndex(entries);
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
    this.notes = data.notes;
  }

  /**
   * How long a GitOps tool should wait for this rollout to finish, in seconds.
   * With Flagger analysis: the minimum time to promote plus five intervals
   * (noticing the new revision, scaling the canary up, promoting, finalising,
   * and one to spare). Otherwise: the Deployment's progress deadline.
   */
  public get completionBudgetSeconds(): number {
    if (this.intervalSeconds !== undefined && this.minTimeToPromoteSeconds !== undefined) {
      return this.minTimeToPromoteSeconds + 5 * this.intervalSeconds;
    }
    return this.progressDeadlineSeconds;
  }

  /** The plan as Markdown (deterministic: no dates), with a Mermaid picture of the timeline. */
  public toMarkdown(): string {
    return renderPlan(this);
  }
}

/** What the Flagger factories share. */
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

const BUILTIN_METRICS: Record<string, string> = {
  'request-success-rate': 'percentage of requests answered without a 5xx',
  'request-duration': 'request duration in milliseconds (P99; a mean on nginx)',
};

/** Flagger's generated routing objects per provider. */
function routingObjects(provider: string | undefined, svc: string, ingress: string): PlanRuntimeObject[] {
  const p = provider ?? '';
  if (p === 'nginx') return [{ kind: 'Ingress', name: `${ingress}-canary`, purpose: `copy of \`${ingress}\` pointing at \`${svc}-canary\`; Flagger moves its canary annotations (weight, header, cookie)` }];
  if (p === 'skipper') return [{ kind: 'Ingress', name: `${ingress}-canary`, purpose: `copy of \`${ingress}\` with the backend weights Flagger moves` }];
  if (p === 'istio') {
    return [
      { kind: 'VirtualService', name: svc, purpose: 'the weights (or match rules) between primary and canary' },
      { kind: 'DestinationRule', name: `${svc}-primary`, purpose: 'traffic policy of the primary' },
      { kind: 'DestinationRule', name: `${svc}-canary`, purpose: 'traffic policy of the canary' },
    ];
  }
  if (p.startsWith('gatewayapi')) return [{ kind: 'HTTPRoute', name: svc, purpose: 'the weights (or match rules) between primary and canary' }];
  if (p === 'linkerd' || p === 'osm' || p.startsWith('smi')) return [{ kind: 'TrafficSplit', name: svc, purpose: 'the weights between primary and canary' }];
  if (p === 'contour') return [{ kind: 'HTTPProxy', name: svc, purpose: 'the weights (or match rules) between primary and canary' }];
  if (p === 'traefik') return [{ kind: 'TraefikService', name: svc, purpose: 'the weights between primary and canary' }];
  if (p === 'kuma') return [{ kind: 'TrafficRoute', name: svc, purpose: 'the weights between primary and canary' }];
  if (p === 'gloo') return [{ kind: 'RouteTable', name: svc, purpose: 'the weights (or match rules) between the primary and canary Upstreams' }];
  return [];
}

function resolveFlagger(props: FlaggerPlanProps): FlaggerParts {
  const b = resolveBase(props);
  const where = b.where;
  Check.int(where, 'replicas', props.replicas, 0);
  Check.int(where, 'intervalSeconds', props.intervalSeconds, 1);
  Check.int(where, 'threshold', props.threshold, 0);
  const notes: string[] = [];
  const replicas = Math.max(props.replicas, 1);
  if (props.replicas === 0) notes.push('replicas 0: Flagger still runs the primary and the canary with 1 pod each.');
  const interval = Math.max(props.intervalSeconds, 10);
  if (props.intervalSeconds < 10) notes.push(`Flagger raises an interval below 10s to 10s: the timings use 10s, not ${props.intervalSeconds}s.`);
  const threshold = Math.max(props.threshold, 1);
  if (props.threshold < 1) notes.push('Flagger treats a threshold of 0 as 1.');
  const svc = props.serviceName ?? b.name;
  const ingress = props.ingressName ?? b.name;
  const hpa = props.autoscalerName ?? b.name;
  const webhooks = props.webhooks ?? [];
  const types = Object.keys(WEBHOOKS);
  webhooks.forEach((w, i) => {
    const type = w.type === undefined || w.type === '' ? 'rollout' : w.type;
    if (!types.includes(type)) throw propError(where, `webhooks[${i}].type`, w.type, `must be one of ${types.join(', ')}`);
    Check.int(where, `webhooks[${i}].timeoutSeconds`, w.timeoutSeconds, 1);
  });
  (props.metrics ?? []).forEach((m, i) => Check.int(where, `metrics[${i}].intervalSeconds`, m.intervalSeconds, 1));
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
    ...routingObjects(props.provider, svc, ingress),
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

function orderGates(webhooks: PlanWebhookProps[]): PlanGate[] {
  const order = Object.keys(WEBHOOKS);
  const typed = webhooks.map((w, i) => ({ w, i, type: w.type === undefined || w.type === '' ? 'rollout' : w.type }));
  typed.sort((a, c) => order.indexOf(a.type) - order.indexOf(c.type) || a.i - c.i);
  return typed.map(({ w, type }) => ({
    name: w.name, type, when: WEBHOOKS[type].when, onFailure: WEBHOOKS[type].onFailure,
    url: w.url, timeoutSeconds: w.timeoutSeconds ?? 10,
  }));
}

function metric(m: PlanMetricProps): PlanMetric {
  const check = m.min !== undefined && m.max !== undefined ? `${m.min} .. ${m.max}`
    : m.min !== undefined ? `>= ${m.min}`
      : m.max !== undefined ? `<= ${m.max}` : 'any value (no threshold)';
  const meaning = m.templateName ? `MetricTemplate \`${m.templateName}\`` : BUILTIN_METRICS[m.name] ?? 'custom metric';
  return { name: m.name, check, meaning, min: m.min, max: m.max, intervalSeconds: m.intervalSeconds ?? 60 };
}

function resolveBase(props: BasePlanProps): Base {
  const where = `rollout plan of ${JSON.stringify(props.name)}`;
  const cpu = props.cpuRequest ?? '100m';
  const memory = props.memoryRequest ?? '128Mi';
  const millis = cpuMillis(cpu);
  if (millis === undefined) throw propError(where, 'cpuRequest', cpu, 'must be a non-negative Kubernetes quantity such as "250m" or "1.5"');
  const bytes = memoryBytes(memory);
  if (bytes === undefined) throw propError(where, 'memoryRequest', memory, 'must be a non-negative Kubernetes quantity such as "128Mi" or "1Gi"');
  Check.int(where, 'maxReplicas', props.maxReplicas, 1);
  const pds = props.progressDeadlineSeconds ?? 600;
  Check.int(where, 'progressDeadlineSeconds', pds, 1);
  const fluxNs = props.fluxNamespace ?? 'flux-system';
  return {
    where,
    name: props.name,
    namespace: props.namespace,
    cpuMillis: millis,
    memoryBytes: bytes,
    maxReplicas: props.maxReplicas,
    progressDeadlineSeconds: pds,
    selectorLabel: props.selectorLabel ?? NAME_LABEL,
    kubectl: props.namespace ? `kubectl -n ${props.namespace}` : 'kubectl',
    flux: props.fluxKustomization ? [
      `flux -n ${fluxNs} reconcile kustomization ${props.fluxKustomization} --with-source`,
      `flux -n ${fluxNs} get kustomizations ${props.fluxKustomization} --watch`,
    ] : [],
  };
}

function autoscaledNote(b: Base, replicas: number, extra = ''): string[] {
  if (b.maxReplicas === undefined) return [];
  return [`An HPA scales the app: pod counts and requests are at its minimum (${replicas}); under load each Deployment it scales may grow to ${b.maxReplicas}.${extra}`];
}

function progressDeadline(b: Base, what: string): PlanTiming {
  return { name: 'Progress deadline', seconds: b.progressDeadlineSeconds, formula: `progressDeadlineSeconds: ${what}` };
}

/** `part` of `whole` in percent, rounded to an integer. */
function percentOf(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((100 * part) / whole);
}

/** `part` of `whole` in percent, to one decimal. */
function share(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((1000 * part) / whole) / 10;
}
