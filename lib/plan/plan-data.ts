/**
 * What the per-strategy plan builders compute, and the helpers they share.
 * Internal: not exported from the package.
 */
import { Check } from '../core/check';
import { propError } from '../core/errors';
import { NAME_LABEL } from '../core/labels';
import { cpuMillis, memoryBytes } from '../core/quantity';
import { PlanGate, PlanMetric, PlanRuntimeObject, PlanStep, PlanTiming } from './plan-parts';
import { BasePlanProps } from './plan-props';
import { RolloutPlanKind } from './rollout-plan-kind';

/** Everything a plan builder computes. */
export interface PlanData {
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
  /** How long a GitOps tool should wait for the rollout, when the plan knows better than the default rule. */
  readonly completionBudgetSeconds?: number;
  readonly timings: PlanTiming[];
  readonly runtimeObjects?: PlanRuntimeObject[];
  readonly gates?: PlanGate[];
  readonly metrics?: PlanMetric[];
  readonly watchCommands: string[];
  readonly rollback: string[];
  readonly notes: string[];
}

/** The resolved common props. */
export interface Base {
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
  /** The app's notes, listed first. */
  readonly notes: string[];
}

/** Resolves and checks the props every plan shares. */
export function resolveBase(props: BasePlanProps): Base {
  const where = `rollout plan of ${JSON.stringify(props.name)}`;
  // the names go into the kubectl and flux commands of the plan
  Check.dns1123Subdomain(where, 'name', props.name);
  if (props.namespace !== undefined) Check.dns1123Label(where, 'namespace', props.namespace);
  if (props.fluxKustomization !== undefined) Check.dns1123Subdomain(where, 'fluxKustomization', props.fluxKustomization);
  if (props.fluxNamespace !== undefined) Check.dns1123Label(where, 'fluxNamespace', props.fluxNamespace);
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
    notes: props.notes ?? [],
  };
}

/** The note of an autoscaled app: counts are at the HPA's minimum. */
export function autoscaledNote(b: Base, replicas: number, extra = ''): string[] {
  if (b.maxReplicas === undefined) return [];
  return [`An HPA scales the app: pod counts and requests are at its minimum (${replicas}); under load each Deployment it scales may grow to ${b.maxReplicas}.${extra}`];
}

/** The progress-deadline timing, with what the deadline applies to. */
export function progressDeadline(b: Base, what: string): PlanTiming {
  return { name: 'Progress deadline', seconds: b.progressDeadlineSeconds, formula: `progressDeadlineSeconds: ${what}` };
}

/** `part` of `whole` in percent, rounded to an integer. */
export function percentOf(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((100 * part) / whole);
}

/** `part` of `whole` in percent, to one decimal. */
export function share(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((1000 * part) / whole) / 10;
}

/** How many steps of one kind a plan lists one by one before it sums up the middle ones. */
const MAX_LISTED_STEPS = 10;

/** A run of similar steps: one step (`from === to`) or the ones between, summed up in one row. */
export interface StepRun {
  readonly from: number;
  readonly to: number;
}

/**
 * The runs a plan lists for `count` similar steps (waves, iterations): each
 * of them up to ten; else the first three, one row for the ones between, and
 * the last. Plans stay small (and their arithmetic closed-form) whatever the
 * replicas or iterations.
 */
export function stepRuns(count: number): StepRun[] {
  if (count <= MAX_LISTED_STEPS) return Array.from({ length: count }, (_, i) => ({ from: i + 1, to: i + 1 }));
  return [{ from: 1, to: 1 }, { from: 2, to: 2 }, { from: 3, to: 3 }, { from: 4, to: count - 1 }, { from: count, to: count }];
}
