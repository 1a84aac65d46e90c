/**
 * Plans of the strategies whose every step is a commit (no controller): the
 * blue/green switch, the canary by replica ratio, and the canaries by router
 * weights (ingress-nginx, Gateway API route).
 * Internal: the `RolloutPlan` factories of the same names call them.
 */
import { Check } from '../core/check';
import { propError } from '../core/errors';
import { autoscaledNote, Base, PlanData, progressDeadline, resolveBase, share } from './plan-data';
import { PlanStep, PlanTiming } from './plan-parts';
import { BasePlanProps, BlueGreenSwitchPlanProps, NginxCanaryPlanProps, ReplicaCanaryPlanProps } from './plan-props';
import { RouteCanaryPlanProps } from './route-plan-props';
import { RolloutPlanKind } from './rollout-plan-kind';

/** The promotion of a strategy whose every step is a commit. */
const COMMIT_PER_STEP: PlanTiming = { name: 'Time to promote', formula: 'manual: one commit per step, applied at Flux\'s next reconcile; nothing promotes on its own' };

/**
 * A blue/green switch in Git: steady pods = active + idle replicas (2× when
 * the idle color is kept warm); the switch changes the Service selectors
 * only; the rollback flips `active` back.
 */
export function blueGreenSwitchPlan(props: BlueGreenSwitchPlanProps): PlanData {
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
  const route = props.routeName;
  const peak = active + Math.max(idle, next);
  const steps: PlanStep[] = [
    {
      name: `deploy ${to}`,
      description: `${idle < next ? `Scale \`${idleDeployment}\` up (drop \`idleReplicas\`) and put` : 'Put'} the new version in \`${to}\`: \`${idleDeployment}\` rolls to ${next} pod(s) without traffic. Test it through \`${preview}\`.`,
      trafficPercent: 0, newPods: next, oldPods: active, peakPods: peak,
    },
    {
      name: 'switch',
      description: route
        ? `Set \`active\` to ${to}: the backendRef of the HTTPRoute \`${route}\` changes from \`${svc}\` to \`${preview}\` (a preview route the other way). Nothing else changes and no pod restarts.`
        : `Set \`active\` to ${to}: the selector of \`${svc}\` changes from \`${label}: ${from}\` to \`${label}: ${to}\` and \`${preview}\` the other way. Nothing else changes and no pod restarts.`,
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
  return {
    kind: RolloutPlanKind.BLUE_GREEN_SWITCH,
    strategy: 'Blue/green switch (Git)',
    summary: `\`${b.name}-${from}\` serves through \`${route ? `${svc}\` and the HTTPRoute \`${route}` : svc}\`; the next version goes to \`${idleDeployment}\`, which is tested through \`${preview}\` and then gets all traffic at once when \`active\` changes to ${to}. Every step is a commit that Flux applies.`,
    base: b,
    steadyPods: active + idle,
    peakPods: peak,
    minAvailablePods: Math.min(active, next),
    steps,
    timings: [
      { name: 'Time to switch', formula: `manual: one commit, applied at Flux's next reconcile; ${route ? 'the Gateway reprograms the route within seconds' : 'the Service selectors change at once'} (requests in flight to the old pods complete)` },
      { name: 'Time to roll back', formula: idle >= active ? 'one commit: the old color is still warm, so traffic returns as soon as Flux applies it' : 'one commit, plus the old color\'s start-up once it has been scaled down' },
      progressDeadline(b, `the Deployments': applies to \`${idleDeployment}\` rolling to the new version`),
    ],
    watchCommands: [
      ...b.flux,
      `${b.kubectl} rollout status deployment/${idleDeployment} --timeout=${b.progressDeadlineSeconds}s`,
      route ? `${b.kubectl} get httproute ${route} -o jsonpath='{.spec.rules[*].backendRefs[*].name}'` : `${b.kubectl} get service ${svc} ${preview} -o wide`,
      `${b.kubectl} get pods -l ${b.selectorLabel}=${b.name} -L ${label} -L app.kubernetes.io/version -w`,
    ],
    rollback: [
      `Set \`active\` back to ${from} (one line, one commit): only ${route ? `the backendRef of the HTTPRoute \`${route}\` changes` : `the selectors of \`${svc}\` and \`${preview}\` change`} back.`,
      ...(idle < active ? [`Once \`${b.name}-${from}\` has been scaled down, first drop \`idleReplicas\` and wait for its pods, or the switch back sends the traffic to no pod.`] : []),
    ],
    notes,
  };
}

/** A canary by replica ratio: the canary's share of the requests is canary / (stable + canary). */
export function replicaCanaryPlan(props: ReplicaCanaryPlanProps): PlanData {
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
  return {
    kind: RolloutPlanKind.REPLICA_CANARY,
    strategy: 'Canary by replica ratio (Git)',
    summary: `\`${canaryName}\` runs the new version next to the ${stable} pods of \`${b.name}\`; one Service selects both, so the canary's share of the requests is its share of the pods. Each step is a commit.`,
    base: b,
    steadyPods: stable,
    peakPods: stable + Math.max(...counts),
    minAvailablePods: stable,
    steps,
    timings: [
      COMMIT_PER_STEP,
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
  };
}

/** The props every canary by router weights shares. */
interface RouterCanaryPlanProps extends BasePlanProps {
  readonly stableReplicas: number;
  readonly canaryReplicas: number;
  readonly weight?: number;
  readonly weightSteps?: number[];
  readonly canaryDeploymentName?: string;
}

/** What a router (ingress-nginx, a Gateway) adds to a canary plan by weights: its objects, in words. */
interface RouterWords {
  readonly kind: RolloutPlanKind;
  readonly strategy: string;
  /** The object that splits the requests, as the subject of a sentence. */
  readonly router: string;
  /** The start of the summary: the router and the requests it splits. */
  readonly summarySubject: string;
  /** The rules that send a request to the canary whatever the weight, in words. */
  readonly rules: string[];
  /** What Flux prunes when the canary is removed. */
  readonly pruned: string;
  /** How fast a rollback commit takes effect. */
  readonly rollbackFormula: string;
  /** The command that shows the split. */
  readonly watch: string;
  /** How to take the traffic away from the canary. */
  readonly rollback: string;
  /** What holds for this router only. */
  readonly notes: string[];
}

/** A canary whose router splits the requests by weight (plus request rules), each step a commit. */
function routerCanaryPlan(props: RouterCanaryPlanProps, words: (b: Base, canaryName: string) => RouterWords): PlanData {
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
  const r = words(b, canaryName);
  const matched = r.rules.length ? `, plus every request with ${r.rules.join(' or ')}` : '';
  const steps: PlanStep[] = weights.map(w => ({
    name: w === 0 && r.rules.length ? 'matched requests' : `weight ${w}%`,
    description: `${r.router} sends ${w}% of the requests to the canary pods${matched}.`,
    trafficPercent: w, newPods: canary, oldPods: stable, peakPods: stable + canary,
  }));
  steps.push({
    name: 'promote',
    description: `Move the canary version into the stable Deployment \`${b.name}\` and remove the canary: Flux prunes ${r.pruned}.`,
    trafficPercent: 100, newPods: stable, oldPods: 0, peakPods: stable + canary,
  });
  const notes = [...r.notes, ...autoscaledNote(b, stable)];
  const top = Math.max(...weights);
  if (top > 0 && top < 100 && canary > 0 && stable > 0) {
    const ratio = (top / canary) / ((100 - top) / stable);
    notes.unshift(`The weight does not follow the pods: at ${top}% each of the ${canary} canary pod(s) takes ${Number(ratio.toFixed(2))}× the requests of a stable pod; size the canary for it.`);
  }
  return {
    kind: r.kind,
    strategy: r.strategy,
    summary: `${r.summarySubject} to the canary Deployment \`${canaryName}\` (${canary} pod(s)) next to the ${stable} stable pods of \`${b.name}\`${r.rules.length ? `: by weight${matched}` : ', by weight'}. Each step is a commit.`,
    base: b,
    steadyPods: stable,
    peakPods: stable + canary,
    minAvailablePods: stable,
    steps,
    timings: [
      COMMIT_PER_STEP,
      { name: 'Time to roll back', formula: r.rollbackFormula },
      progressDeadline(b, 'the Deployments\''),
    ],
    watchCommands: [
      ...b.flux,
      `${b.kubectl} rollout status deployment/${canaryName} --timeout=${b.progressDeadlineSeconds}s`,
      r.watch,
      `${b.kubectl} get deployment ${b.name} ${canaryName} -w`,
    ],
    rollback: [
      r.rollback,
      'After promotion, revert the promoting commit: the stable Deployment rolls back.',
    ],
    notes,
  };
}

/** An ingress-nginx canary: a canary Ingress by weight, header or cookie, each step a commit. */
export function nginxCanaryPlan(props: NginxCanaryPlanProps): PlanData {
  const rules: string[] = [];
  if (props.header !== undefined) {
    rules.push(props.headerPattern !== undefined
      ? `header \`${props.header}\` matching \`${props.headerPattern}\``
      : `header \`${props.header}: ${props.headerValue ?? 'always'}\``);
  }
  if (props.cookie !== undefined) rules.push(`cookie \`${props.cookie}=always\``);
  return routerCanaryPlan(props, (b, canaryName) => {
    const ingress = props.canaryIngressName ?? `${b.name}-canary`;
    const pruned = `the canary Ingress \`${ingress}\` and Deployment \`${canaryName}\``;
    return {
      kind: RolloutPlanKind.NGINX_CANARY,
      strategy: 'ingress-nginx canary (Git)',
      router: 'The canary Ingress',
      summarySubject: `The canary Ingress \`${ingress}\` sends part of the requests for the same host and path`,
      rules,
      pruned,
      rollbackFormula: 'one commit: ingress-nginx reloads its configuration within seconds of the canary Ingress changing',
      watch: `${b.kubectl} get ingress ${ingress} -o jsonpath='{.metadata.annotations}'`,
      rollback: `Set the weight to 0 and drop the header and cookie rules, or remove the canary (one commit): Flux prunes ${pruned}.`,
      notes: ['ingress-nginx checks the header first, then the cookie, then the weight.'],
    };
  });
}

/** A canary by Gateway API route weights: one HTTPRoute splits by weight and sends A/B matches to the canary, each step a commit. */
export function routeCanaryPlan(props: RouteCanaryPlanProps): PlanData {
  const rules = (props.matches ?? []).map(m => `\`${m}\``);
  return routerCanaryPlan(props, (b, canaryName) => {
    const route = props.routeName ?? b.name;
    const pruned = `the canary Service and Deployment \`${canaryName}\`, and the HTTPRoute \`${route}\` sends every request to \`${b.name}\``;
    return {
      kind: RolloutPlanKind.ROUTE_CANARY,
      strategy: 'Gateway API canary by route weights (Git)',
      router: `The HTTPRoute \`${route}\``,
      summarySubject: `The HTTPRoute \`${route}\` sends part of the requests`,
      rules,
      pruned,
      rollbackFormula: 'one commit: the Gateway reprograms the route within seconds of the HTTPRoute changing',
      watch: `${b.kubectl} get httproute ${route} -o jsonpath='{.spec.rules[*].backendRefs}'`,
      rollback: `Set \`canaryWeight\` to 0 and drop \`canaryMatches\`, or remove the canary (one commit): Flux prunes ${pruned}.`,
      notes: [
        'Weights are per request: a client is not pinned to one version, so it may see both during a step.',
        ...(rules.length ? ['A request that meets an A/B match goes to the canary whatever the weight. Regular expressions (and the cookie match, a regular expression over the Cookie header) are implementation-specific: check that your Gateway supports them.'] : []),
      ],
    };
  });
}
