/**
 * Where the pods run: checks of the scheduling props and the pod spec
 * fields they give, merged with the `spread` preset. Internal.
 */
import { k8s } from 'cdk8s-plus-28';
import { Check } from './check';
import { propError, Where } from './errors';
import { PodSpread } from './scaling-props';
import { LabelExpression, LabelOperator, NodeAffinityProps, PodAffinityProps, SchedulingProps, TaintEffect, Toleration, TolerationOperator, TopologySpreadProps, WhenUnsatisfiable } from './scheduling-props';

/** The `spread` preset in effect: custom topology spread replaces the default one. */
export function spreadPreset(spread: PodSpread | undefined, scheduling: SchedulingProps | undefined): PodSpread {
  return spread ?? (scheduling?.topologySpread?.length ? PodSpread.NONE : PodSpread.HOSTNAME);
}

/** The pod spec fields of `scheduling`, merged with those of the preset (`preset`). */
export function schedulingSpec(scheduling: SchedulingProps = {}, preset: Partial<k8s.PodSpec>, selector: Record<string, string>): Partial<k8s.PodSpec> {
  const s = scheduling;
  const nodeTerm = (a: NodeAffinityProps): k8s.NodeSelectorTerm => ({ matchExpressions: a.expressions.map(requirement) });
  const required = (s.nodeAffinity ?? []).filter(a => a.weight === undefined);
  const preferred = (s.nodeAffinity ?? []).filter(a => a.weight !== undefined);
  const nodeAffinity: k8s.NodeAffinity | undefined = s.nodeAffinity?.length ? {
    requiredDuringSchedulingIgnoredDuringExecution: required.length ? { nodeSelectorTerms: required.map(nodeTerm) } : undefined,
    preferredDuringSchedulingIgnoredDuringExecution: preferred.length ? preferred.map(a => ({ weight: a.weight!, preference: nodeTerm(a) })) : undefined,
  } : undefined;
  const presetAnti = preset.affinity?.podAntiAffinity;
  const podAntiAffinity = podAffinity(s.podAntiAffinity, presetAnti?.preferredDuringSchedulingIgnoredDuringExecution);
  const affinity: k8s.Affinity = { nodeAffinity, podAffinity: podAffinity(s.podAffinity, undefined), podAntiAffinity };
  const spread = [...preset.topologySpreadConstraints ?? [], ...(s.topologySpread ?? []).map(t => constraint(t, selector))];
  return {
    nodeSelector: s.nodeSelector && Object.keys(s.nodeSelector).length ? s.nodeSelector : undefined,
    tolerations: s.tolerations?.length ? s.tolerations.map(toleration) : undefined,
    affinity: affinity.nodeAffinity || affinity.podAffinity || affinity.podAntiAffinity ? affinity : undefined,
    topologySpreadConstraints: spread.length ? spread : undefined,
    priorityClassName: s.priorityClassName,
    runtimeClassName: s.runtimeClassName,
  };
}

function podAffinity(rules: PodAffinityProps[] = [], presetPreferred: k8s.WeightedPodAffinityTerm[] | undefined): k8s.PodAffinity | undefined {
  const term = (r: PodAffinityProps): k8s.PodAffinityTerm => ({
    topologyKey: r.topologyKey,
    labelSelector: { matchLabels: r.labels && Object.keys(r.labels).length ? r.labels : undefined, matchExpressions: r.expressions?.length ? r.expressions.map(requirement) : undefined },
    namespaces: r.namespaces?.length ? r.namespaces : undefined,
  });
  const required = rules.filter(r => r.weight === undefined).map(term);
  const preferred = [...presetPreferred ?? [], ...rules.filter(r => r.weight !== undefined).map(r => ({ weight: r.weight!, podAffinityTerm: term(r) }))];
  if (!required.length && !preferred.length) return undefined;
  return {
    requiredDuringSchedulingIgnoredDuringExecution: required.length ? required : undefined,
    preferredDuringSchedulingIgnoredDuringExecution: preferred.length ? preferred : undefined,
  };
}

function requirement(e: LabelExpression): k8s.NodeSelectorRequirement {
  return { key: e.key, operator: e.operator, values: e.values.length ? e.values : undefined };
}

function toleration(t: Toleration): k8s.Toleration {
  return { key: t.key, operator: t.operator, value: t.value, effect: t.options.effect, tolerationSeconds: t.options.tolerationSeconds };
}

function constraint(t: TopologySpreadProps, selector: Record<string, string>): k8s.TopologySpreadConstraint {
  return {
    maxSkew: t.maxSkew ?? 1,
    topologyKey: t.topologyKey,
    whenUnsatisfiable: t.whenUnsatisfiable ?? WhenUnsatisfiable.SCHEDULE_ANYWAY,
    minDomains: t.minDomains,
    labelSelector: { matchLabels: selector },
  };
}

/**
 * The PriorityClasses of the cluster's own components. Clusters that limit
 * their use (GKE by default; any with the ResourceQuota admission's
 * `limitedResources`) refuse their pods outside kube-system unless the
 * namespace has a ResourceQuota scoped to them.
 */
const SYSTEM_PRIORITY_CLASSES = ['system-node-critical', 'system-cluster-critical'];

/** Checks the scheduling props of pods in `namespace`; `preset` is the spread preset in effect. */
export function checkScheduling(scope: Where, s: SchedulingProps | undefined, preset: PodSpread, namespace: string | undefined) {
  if (!s) return;
  Check.labels(scope, 'scheduling.nodeSelector', s.nodeSelector);
  (s.tolerations ?? []).forEach((t, i) => {
    const prop = `scheduling.tolerations[${i}]`;
    if (!(t instanceof Toleration)) throw propError(scope, prop, t, 'must be a Toleration such as Toleration.exists("dedicated")');
    Check.labelKey(scope, `${prop}.key`, t.key);
    if (t.operator === TolerationOperator.EQUAL) Check.labelValue(scope, `${prop}.value`, t.value!);
    Check.int(scope, `${prop}.tolerationSeconds`, t.options.tolerationSeconds, 0);
    if (t.options.tolerationSeconds !== undefined && t.options.effect !== TaintEffect.NO_EXECUTE) {
      throw propError(scope, `${prop}.tolerationSeconds`, t.options.tolerationSeconds, 'applies only to the NoExecute effect (set effect: TaintEffect.NO_EXECUTE)');
    }
  });
  (s.nodeAffinity ?? []).forEach((a, i) => checkNodeAffinity(scope, `scheduling.nodeAffinity[${i}]`, a));
  for (const key of ['podAffinity', 'podAntiAffinity'] as const) (s[key] ?? []).forEach((a, i) => checkPodAffinity(scope, `scheduling.${key}[${i}]`, a));
  const seen = new Set<string>(preset === PodSpread.HOSTNAME ? ['kubernetes.io/hostname ScheduleAnyway']
    : preset === PodSpread.ZONE_AND_HOSTNAME ? ['topology.kubernetes.io/zone ScheduleAnyway', 'kubernetes.io/hostname ScheduleAnyway'] : []);
  (s.topologySpread ?? []).forEach((t, i) => {
    const prop = `scheduling.topologySpread[${i}]`;
    Check.labelKey(scope, `${prop}.topologyKey`, t.topologyKey);
    Check.int(scope, `${prop}.maxSkew`, t.maxSkew, 1);
    Check.int(scope, `${prop}.minDomains`, t.minDomains, 1);
    const when = t.whenUnsatisfiable ?? WhenUnsatisfiable.SCHEDULE_ANYWAY;
    if (t.minDomains !== undefined && when !== WhenUnsatisfiable.DO_NOT_SCHEDULE) {
      throw propError(scope, `${prop}.minDomains`, t.minDomains, 'applies only with whenUnsatisfiable: WhenUnsatisfiable.DO_NOT_SCHEDULE');
    }
    const key = `${t.topologyKey} ${when}`;
    if (seen.has(key)) throw propError(scope, `${prop}.topologyKey`, t.topologyKey, `another constraint (or the spread preset "${preset}") already spreads on this key with ${when}; the API server refuses duplicates`);
    seen.add(key);
  });
  if (s.priorityClassName !== undefined) Check.dns1123Subdomain(scope, 'scheduling.priorityClassName', s.priorityClassName);
  if (SYSTEM_PRIORITY_CLASSES.includes(s.priorityClassName!) && namespace !== 'kube-system') {
    throw propError(scope, 'scheduling.priorityClassName', s.priorityClassName, `the system-* priority classes are for the cluster's components in kube-system: clusters that limit them (GKE by default) refuse the pods in "${namespace ?? 'default'}" with "insufficient quota to match these scopes", and an app at that priority preempts node and cluster components; give the app a PriorityClass of its own`);
  }
  if (s.runtimeClassName !== undefined) Check.dns1123Subdomain(scope, 'scheduling.runtimeClassName', s.runtimeClassName);
}

function checkNodeAffinity(scope: Where, prop: string, a: NodeAffinityProps) {
  if (!a.expressions?.length) throw propError(scope, `${prop}.expressions`, a.expressions, 'give at least one condition on node labels');
  a.expressions.forEach((e, i) => checkExpression(scope, `${prop}.expressions[${i}]`, e, true));
  Check.int(scope, `${prop}.weight`, a.weight, 1, 100);
}

function checkPodAffinity(scope: Where, prop: string, a: PodAffinityProps) {
  Check.labelKey(scope, `${prop}.topologyKey`, a.topologyKey);
  if (!(a.labels && Object.keys(a.labels).length) && !a.expressions?.length) {
    throw propError(scope, `${prop}.labels`, a.labels, 'select the other pods with labels or expressions (without either the rule matches no pod)');
  }
  Check.labels(scope, `${prop}.labels`, a.labels);
  (a.expressions ?? []).forEach((e, i) => checkExpression(scope, `${prop}.expressions[${i}]`, e, false));
  (a.namespaces ?? []).forEach((n, i) => Check.dns1123Label(scope, `${prop}.namespaces[${i}]`, n));
  Check.int(scope, `${prop}.weight`, a.weight, 1, 100);
}

function checkExpression(scope: Where, prop: string, e: LabelExpression, onNodes: boolean) {
  if (!(e instanceof LabelExpression)) throw propError(scope, prop, e, 'must be a LabelExpression such as LabelExpression.in("topology.kubernetes.io/zone", ["eu-west-1a"])');
  Check.labelKey(scope, `${prop}.key`, e.key);
  const numeric = e.operator === LabelOperator.GT || e.operator === LabelOperator.LT;
  if (numeric && !onNodes) throw propError(scope, `${prop}.operator`, e.operator, 'Gt and Lt compare node labels only');
  if (numeric && !/^-?[0-9]+$/.test(e.values[0])) throw propError(scope, `${prop}.values`, e.values, 'Gt and Lt compare with an integer');
  if ((e.operator === LabelOperator.IN || e.operator === LabelOperator.NOT_IN) && !e.values.length) {
    throw propError(scope, `${prop}.values`, e.values, `${e.operator} needs at least one value`);
  }
  if (!numeric) e.values.forEach((v, i) => Check.labelValue(scope, `${prop}.values[${i}]`, v));
}
