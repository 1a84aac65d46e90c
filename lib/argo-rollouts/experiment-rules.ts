/**
 * The rules of an experiment step, checked at synth time as Argo Rollouts
 * checks them when it creates the Experiment (a refused one aborts the
 * release), and its form in the Rollout. The metrics of its analyses are
 * checked with the other metrics. Internal: not exported from the package.
 */
import { Check, durationSeconds } from '../core/check';
import { propError } from '../core/errors';
import { ArgoPlanStep } from '../plan/argo-rollouts-plan-props';
import { AnalysisRef } from './analysis-template';
import { ExperimentSpecRef, RolloutExperimentOptions } from './rollout-experiment';

/** Where errors are reported. */
type Scope = Parameters<typeof propError>[0];

/** What an experiment step's checks need beyond the step. */
export interface ExperimentContext {
  /** A traffic router sets the weights. */
  readonly routed: boolean;
  /** The router can send requests to experiment pods. */
  readonly experimentWeights: boolean;
  /** The weight of the new version when the experiment starts. */
  readonly weightBefore: number;
  readonly rolloutName: string;
  /** The step's index (part of the Experiment's name). */
  readonly stepIndex: number;
}

/** Characters of a pod-template hash and of a revision (up to 99999) in the name of an experiment template's Service. */
const HASH_AND_REVISION = 10 + 5;

/** A placeholder `{{templates.<name>.podTemplateHash}}`: the pod-template hash of an experiment template. */
const TEMPLATE_HASH = /\{\{\s*templates\.([^.}\s]+)\.podTemplateHash\s*\}\}/g;

/** The `{{args.<template>-hash}}` arguments an experiment's metrics may use, with the values the Rollout passes. */
export function templateHashArgs(e: RolloutExperimentOptions): Record<string, string> {
  return Object.fromEntries((e.templates ?? []).map(t => [`${t.name}-hash`, `{{templates.${t.name}.podTemplateHash}}`]));
}

/** Checks an experiment step at `at` (e.g. `steps[3].experiment`). */
export function checkExperiment(scope: Scope, at: string, e: RolloutExperimentOptions, ctx: ExperimentContext) {
  if (typeof e !== 'object' || e === null) throw propError(scope, at, e, 'give the experiment\'s templates (and a duration or analyses)');
  if (!ctx.routed) {
    throw propError(scope, at, (e.templates ?? []).map(t => t?.name), 'needs a traffic router: without one the Service of the app selects every pod with its labels, so the experiment\'s pods would get requests too');
  }
  if (!Array.isArray(e.templates) || e.templates.length === 0) throw propError(scope, `${at}.templates`, e.templates, 'an experiment runs at least one template (RolloutExperimentTemplate)');
  const names = new Set<string>();
  let weights = 0;
  e.templates.forEach((t, j) => {
    const p = `${at}.templates[${j}]`;
    Check.dns1123Label(scope, `${p}.name`, t.name);
    if (names.has(t.name)) throw propError(scope, `${p}.name`, t.name, 'template names must be unique within the experiment (each is a ReplicaSet <experiment>-<name>)');
    names.add(t.name);
    if (!Object.values(ExperimentSpecRef).includes(t.specRef)) throw propError(scope, `${p}.specRef`, t.specRef, `must be one of ${Object.values(ExperimentSpecRef).join(', ')}`);
    Check.int(scope, `${p}.replicas`, t.replicas, 1);
    if (t.weight === undefined) return;
    if (!ctx.experimentWeights) throw propError(scope, `${p}.weight`, t.weight, 'Argo Rollouts sends requests to experiment pods with the Istio router only (of the routers of this library)');
    Check.int(scope, `${p}.weight`, t.weight, 1, 100);
    weights += t.weight;
    const service = ctx.rolloutName.length + HASH_AND_REVISION + String(ctx.stepIndex).length + t.name.length + 4;
    if (service > 63) {
      throw propError(scope, `${p}.name`, t.name, `a weighted template gets a Service "<rollout>-<pod hash>-<revision>-<step>-<name>", up to ${service} characters here: shorten it (or the app name) to fit 63`);
    }
  });
  if (ctx.weightBefore + weights > 100) {
    throw propError(scope, `${at}.templates`, e.templates.map(t => t.weight ?? 0), `the weights add up to ${weights}, and the new version already has ${ctx.weightBefore}%: together at most 100 (the experiment's share comes out of the stable version's)`);
  }
  Check.fluxDuration(scope, `${at}.duration`, e.duration);
  const analyses = e.analyses ?? [];
  const analysisNames = new Set<string>();
  analyses.forEach((a, j) => {
    const p = `${at}.analyses[${j}]`;
    Check.dns1123Label(scope, `${p}.name`, a.name);
    if (analysisNames.has(a.name)) throw propError(scope, `${p}.name`, a.name, 'analysis names must be unique within the experiment (each is an AnalysisRun <experiment>-<name>)');
    analysisNames.add(a.name);
    if (a.templateName === undefined) return;
    Check.dns1123Subdomain(scope, `${p}.templateName`, a.templateName);
    for (const [arg, value] of Object.entries(a.args ?? {})) {
      if (arg === '' || typeof value !== 'string') throw propError(scope, `${p}.args`, a.args, 'arguments are names with string values');
      const unknown = [...value.matchAll(TEMPLATE_HASH)].map(m => m[1]).find(n => !names.has(n));
      if (unknown !== undefined) throw propError(scope, `${p}.args.${arg}`, value, `the experiment has no template "${unknown}" (it has ${[...names].join(', ')})`);
    }
  });
  if (e.duration === undefined && !analyses.some(a => a.requiredForCompletion)) {
    throw propError(scope, `${at}.duration`, undefined, 'give a duration, or mark an analysis requiredForCompletion: otherwise the experiment never ends and the release waits until its progress deadline');
  }
}

/** The Rollout's `experiment` step; `refs` are the AnalysisTemplates the app defined for the analyses of metrics. */
export function experimentSpec(e: RolloutExperimentOptions, refs: Array<AnalysisRef | undefined>): Record<string, unknown> {
  return {
    duration: e.duration,
    templates: e.templates.map(t => ({ name: t.name, specRef: t.specRef, replicas: t.replicas, weight: t.weight })),
    analyses: e.analyses?.length ? e.analyses.map((a, j) => {
      const ref = refs[j];
      const args = ref ? ref.args ?? [] : Object.keys(a.args ?? {}).sort().map(name => ({ name, value: a.args![name] }));
      return {
        name: a.name,
        templateName: ref ? ref.templates[0].templateName : a.templateName,
        clusterScope: a.clusterScope || undefined,
        requiredForCompletion: a.requiredForCompletion || undefined,
        args: args.length ? args : undefined,
      };
    }) : undefined,
  };
}

/** An experiment step as the plan reads it; `templatePrefix` names the AnalysisTemplates of its metrics (`<prefix>-<analysis>`). */
export function experimentPlan(e: RolloutExperimentOptions, templatePrefix: string): Pick<ArgoPlanStep, 'experimentTemplates' | 'experimentSeconds' | 'experimentAnalyses'> {
  return {
    experimentTemplates: e.templates.map(t => ({ name: t.name, version: t.specRef, replicas: t.replicas ?? 1, weight: t.weight })),
    experimentSeconds: e.duration !== undefined ? durationSeconds(e.duration) : undefined,
    experimentAnalyses: (e.analyses ?? []).map(a => a.templateName ?? `${templatePrefix}-${a.name}`),
  };
}
