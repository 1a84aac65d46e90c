/**
 * The rollout rules of apps whose release is a sequence of commits: a
 * blue/green switch, and canaries by replicas, ingress-nginx weight or
 * HTTPRoute weight. The commit under review is one of those steps: which one
 * is read from the objects (the active color, the canary's share of the
 * requests before and after). Internal.
 */
import { PlanRecord } from '../plan/plan-record';
import { RolloutPlanKind } from '../plan/rollout-plan-kind';
import { FolderView, Side } from './folder-view';
import { oneStep, PlanRule, Rollout } from './rollout';

/** The pod label of the colors (`BlueGreenApp.COLOR_LABEL`; not imported, so the CLI does not load cdk8s). */
const COLOR_LABEL = 'color';
const COLORS = ['blue', 'green'];
/** ingress-nginx's canary annotations. */
const NGINX = 'nginx.ingress.kubernetes.io/';

/** The color that gets the requests of `name`: the backend of its HTTPRoute, or its Service's selector. */
function activeColor(view: FolderView, side: Side, name: string): string | undefined {
  for (const rule of view.find(side, 'HTTPRoute', name)?.spec?.rules ?? []) {
    for (const ref of rule.backendRefs ?? []) {
      const color = COLORS.find(c => ref.name === `${name}-${c}`);
      if (color) return color;
    }
  }
  return view.find(side, 'Service', name)?.spec?.selector?.[COLOR_LABEL];
}

/** Whether the workload gets new pods (a new version, or created). */
function getsNewPods(view: FolderView, kind: string, name: string): boolean {
  return view.podsReplaced(kind, name) || view.change(kind, name)?.change === 'added';
}

/**
 * `BlueGreenApp`: a switch of the active color moves every request at once
 * (risky when the target color runs no pods, or gets a new version in the
 * same commit); a new version in the idle color moves none; a new version
 * in the active color rolls it in place under live traffic.
 */
export const blueGreenRule: PlanRule = (view, plan) => {
  const name = plan.appName;
  const from = activeColor(view, 'before', name);
  const to = activeColor(view, 'after', name) ?? from;
  const pods = (side: Side, color: string) => view.replicas(side, 'Deployment', `${name}-${color}`);
  const total = (side: Side) => COLORS.reduce((n, c) => n + pods(side, c), 0);
  const rollouts: Rollout[] = [];
  const handled: string[] = [];
  if (from && to && from !== to) {
    const risks: string[] = [];
    if (pods('before', to) === 0 || pods('after', to) === 0) {
      const now = pods('after', to) === 0 ? 'runs 0 pods' : `runs 0 pods until ${view.tool} scales it to ${pods('after', to)}`;
      risks.push(`the switch sends every request of \`${name}\` to ${to}, which ${now}: requests fail until its pods are ready; scale ${to} up (drop idleReplicas: 0) in one commit, switch in the next`);
    }
    if (getsNewPods(view, 'Deployment', `${name}-${to}`)) {
      risks.push(`${to} gets new pods in the same commit as the switch: ${view.tool} applies both at once, so the requests move to ${to} while its pods are replaced; deploy first, switch in a second commit`);
    }
    const notes = [`roll back: set \`active\` back to ${from}`];
    if (pods('after', from) === 0) notes.push(`${from} scales to 0 with the switch: a rollback is no longer instant`);
    rollouts.push(oneStep(`app ${name}`, `${plan.strategy}: switch`, {
      name: `switch to ${to}`, description: `every request of \`${name}\` moves from ${from} to ${to} at once (${pods('after', to)} pod(s))`,
      trafficPercent: 100, newPods: pods('after', to), totalPods: total('after'),
    }, { trafficPercent: 0, totalPods: total('before'), newPods: pods('before', to) }, plan.progressDeadlineSeconds, risks, notes));
    handled.push(`Deployment/${name}-${to}`);
  }
  for (const color of COLORS.filter(c => c !== to && view.change('Deployment', `${name}-${c}`)?.change === 'removed')) {
    // a color without a version emits nothing: the idle one may go
    handled.push(`Deployment/${name}-${color}`, `Service/${name}-${color}`);
  }
  for (const color of COLORS.filter(c => !handled.includes(`Deployment/${name}-${c}`))) {
    const deployment = `${name}-${color}`;
    if (!getsNewPods(view, 'Deployment', deployment)) continue;
    handled.push(`Deployment/${deployment}`);
    const before = { trafficPercent: 0, totalPods: total('before'), newPods: 0 };
    if (color === to) {
      rollouts.push(oneStep(`Deployment ${deployment}`, `${plan.strategy}: rolling update of the live color`, {
        name: 'rolling update', description: `${color} serves the requests and is replaced in place: a rolling update under live traffic, not a blue/green release`,
        trafficPercent: 100, newPods: pods('after', color), totalPods: total('after'),
      }, before, plan.progressDeadlineSeconds, [`${color} is the active color: its new version rolls under live traffic; put it in the idle color and switch instead`]));
    } else {
      rollouts.push(oneStep(`Deployment ${deployment}`, `${plan.strategy}: new version in the idle color`, {
        name: `deploy ${color}`, description: `${color} gets the new version while ${to ?? 'the active color'} keeps every request; test it through the preview, then switch`,
        trafficPercent: 0, newPods: pods('after', color), totalPods: total('after'),
      }, before, plan.progressDeadlineSeconds, [], [`next commit: set \`active\` to ${color}`]));
    }
  }
  return { rollouts, workloads: handled };
};

/** The canary's share of the requests on `side`, in percent (its matches aside). */
function canaryShare(view: FolderView, side: Side, plan: PlanRecord): number {
  const name = plan.appName;
  const canary = `${name}-canary`;
  if (plan.kind === RolloutPlanKind.REPLICA_CANARY) {
    const c = view.replicas(side, 'Deployment', canary);
    const all = c + view.replicas(side, 'Deployment', name);
    return all === 0 ? 0 : Math.round((100 * c) / all);
  }
  if (plan.kind === RolloutPlanKind.NGINX_CANARY) {
    const annotations = view.find(side, 'Ingress', canary)?.metadata?.annotations ?? {};
    if (annotations[`${NGINX}canary`] !== 'true') return 0;
    return Math.round((100 * Number(annotations[`${NGINX}canary-weight`] ?? 0)) / Number(annotations[`${NGINX}canary-weight-total`] ?? 100));
  }
  const rules: any[] = view.find(side, 'HTTPRoute', name)?.spec?.rules ?? [];
  const rule = rules.find(r => (r.backendRefs ?? []).some((b: any) => b.name === canary) && !(r.matches ?? []).some((m: any) => m.headers || m.queryParams));
  if (!rule) return 0;
  const weight = (b: any) => (typeof b.weight === 'number' ? b.weight : 1);
  const all = rule.backendRefs.reduce((n: number, b: any) => n + weight(b), 0);
  return all === 0 ? 0 : Math.round((100 * rule.backendRefs.filter((b: any) => b.name === canary).reduce((n: number, b: any) => n + weight(b), 0)) / all);
}

/**
 * Canaries by replicas, ingress-nginx weight or HTTPRoute weight: a new
 * stable version is the promotion, a new canary version gets the canary's
 * share at once, and a change of the share is a traffic step.
 */
export const manualCanaryRule: PlanRule = (view, plan) => {
  const name = plan.appName;
  const canary = `${name}-canary`;
  const from = canaryShare(view, 'before', plan);
  const to = canaryShare(view, 'after', plan);
  const pods = (side: Side, d: string) => view.replicas(side, 'Deployment', d);
  const total = (side: Side) => pods(side, name) + pods(side, canary);
  const before = { trafficPercent: from, totalPods: total('before'), newPods: pods('before', canary) };
  const next = plan.steps.find(s => s.trafficPercent > to);
  const nextNote = next && to < 100 ? [`next commit: ${next.name} (${next.trafficPercent}% of the requests)`] : [];
  const shift = from === to ? `${to}%` : `${from}% → ${to}%`;
  const handled = [`Deployment/${name}`, `Deployment/${canary}`];
  if (getsNewPods(view, 'Deployment', name)) {
    return {
      rollouts: [oneStep(`Deployment ${name}`, `${plan.strategy}: promote`, {
        name: 'promote', description: `the stable Deployment \`${name}\` rolls to the new version; the canary's share of the requests: ${shift}`,
        trafficPercent: 100, newPods: pods('after', name), totalPods: total('after'),
      }, { ...before, newPods: 0 }, plan.progressDeadlineSeconds, [], view.change('Deployment', canary)?.change === 'removed' ? ['the canary Deployment is removed'] : [])],
      workloads: handled,
    };
  }
  if (getsNewPods(view, 'Deployment', canary)) {
    return {
      rollouts: [oneStep(`Deployment ${canary}`, `${plan.strategy}: new canary version`, {
        name: 'canary', description: `the canary \`${canary}\` runs the new version and gets ${shift} of the requests at once`,
        trafficPercent: to, newPods: pods('after', canary), totalPods: total('after'),
      }, { ...before, trafficPercent: 0, newPods: 0 }, plan.progressDeadlineSeconds, to === 100 ? ['the new canary version gets every request at once'] : [], nextNote)],
      workloads: handled,
    };
  }
  if (from !== to) {
    return {
      rollouts: [oneStep(`app ${name}`, `${plan.strategy}: traffic step`, {
        name: `${to}%`, description: `the canary's share of the requests of \`${name}\` moves from ${from}% to ${to}%`,
        trafficPercent: to, newPods: pods('after', canary), totalPods: total('after'),
      }, before, plan.progressDeadlineSeconds, [], nextNote)],
      workloads: view.change('Deployment', canary)?.change === 'removed' ? handled : [],
    };
  }
  return { rollouts: [], workloads: [] };
};
