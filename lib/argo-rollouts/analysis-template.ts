/**
 * AnalysisTemplates built from the app's metrics: one template per place the
 * Rollout runs an analysis (background, a step, before or after a blue/green
 * switch), so every reference in the Rollout names a template of the app.
 * Internal: not exported from the package.
 */
import { ApiObject } from 'cdk8s';
import { AppModel } from '../core/app-model';
import { jobProvider } from './job-metric';
import { BuiltinQueries, CANARY_HASH_ARG, MetricContext, STABLE_HASH_ARG } from './router-table';
import { RolloutMetric, RolloutMetricKind } from './rollout-metric';

/** One place the Rollout runs an analysis. */
export interface AnalysisSite {
  /** The template name, `<app>-<site>`. */
  readonly name: string;
  readonly metrics: RolloutMetric[];
  /** Measurements per metric; undefined runs until the release ends (background analysis only). */
  readonly count?: number;
  readonly failureLimit: number;
  /**
   * Arguments the Rollout passes with a value, by name (an experiment's
   * `{{templates.<name>.podTemplateHash}}`), for the metrics that use them.
   */
  readonly passedArgs?: Record<string, string>;
}

/** What the metric specs need beyond the metrics. */
export interface TemplateContext {
  readonly model: AppModel;
  readonly queries: BuiltinQueries;
  readonly metricContext: Omit<MetricContext, 'window'>;
  /** The analysis interval (a Go duration). */
  readonly interval: string;
  readonly prometheusAddress?: string;
}

/** A Rollout analysis argument: a pod-template hash, or a value. */
export interface RolloutArg {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: { readonly podTemplateHashValue: string };
}

/** The AnalysisTemplate reference of an analysis, as the Rollout writes it. */
export interface AnalysisRef {
  readonly templates: Array<{ readonly templateName: string }>;
  readonly args?: RolloutArg[];
}

/** An AnalysisTemplate and the arguments the Rollout must pass to it. */
export interface DefinedTemplate {
  readonly template: ApiObject;
  readonly args: RolloutArg[];
}

/** The hash arguments the Rollout supplies: the new and the stable version's pod-template hash. */
const HASH_ARGS: Record<string, string> = { [CANARY_HASH_ARG]: 'Latest', [STABLE_HASH_ARG]: 'Stable' };

/** The text of a metric whose `{{args.<name>}}` placeholders Argo Rollouts resolves (URL, command). */
export function metricText(metric: RolloutMetric): string | undefined {
  return metric.kind === RolloutMetricKind.WEB ? metric.url : metric.kind === RolloutMetricKind.JOB ? metric.jobOptions?.command.join(' ') : metric.query;
}

/** The `{{args.<name>}}` placeholders of a text. */
export function argsIn(text: string | undefined): string[] {
  return [...(text ?? '').matchAll(/\{\{\s*args\.([-\w.]+)\s*\}\}/g)].map(m => m[1]);
}

/** The PromQL query of a Prometheus-backed metric. */
export function queryOf(metric: RolloutMetric, ctx: TemplateContext): string | undefined {
  const window = metric.interval ?? ctx.interval;
  switch (metric.kind) {
    case RolloutMetricKind.REQUEST_SUCCESS_RATE: return ctx.queries.successRate({ ...ctx.metricContext, window });
    case RolloutMetricKind.REQUEST_DURATION: return ctx.queries.duration({ ...ctx.metricContext, window });
    case RolloutMetricKind.PROMETHEUS: return metric.query;
    default: return undefined;
  }
}

/** The Argo Rollouts condition of a bounded Prometheus result (no data, or NaN, fails). */
function boundsCondition(min: number | undefined, max: number | undefined): string {
  return ['len(result) > 0', ...(min !== undefined ? [`result[0] >= ${min}`] : []), ...(max !== undefined ? [`result[0] <= ${max}`] : [])].join(' && ');
}

function metricSpec(metric: RolloutMetric, site: AnalysisSite, ctx: TemplateContext): Record<string, unknown> {
  const interval = metric.interval ?? ctx.interval;
  const repeats = site.count === undefined || site.count > 1;
  const provider = metric.kind === RolloutMetricKind.WEB ? { web: { url: metric.url, jsonPath: metric.jsonPath, timeoutSeconds: metric.timeoutSeconds } }
    : metric.kind === RolloutMetricKind.JOB ? jobProvider(metric, ctx.model.props.name)
      : { prometheus: { address: ctx.prometheusAddress, query: queryOf(metric, ctx) } };
  const condition = metric.kind === RolloutMetricKind.WEB ? metric.successCondition : metric.kind === RolloutMetricKind.JOB ? undefined : boundsCondition(metric.min, metric.max);
  return {
    name: metric.name,
    interval: repeats ? interval : undefined,
    count: site.count,
    failureLimit: site.failureLimit,
    successCondition: condition,
    provider,
  };
}

/** Defines the AnalysisTemplate of `site` in the app's scope. */
export function defineAnalysisTemplate(id: string, site: AnalysisSite, ctx: TemplateContext): DefinedTemplate {
  const model = ctx.model;
  const metrics = site.metrics.map(m => metricSpec(m, site, ctx));
  const used = new Set(site.metrics.flatMap(m => argsIn(queryOf(m, ctx) ?? metricText(m))));
  const passed = Object.keys(site.passedArgs ?? {}).filter(a => used.has(a)).sort();
  // an experiment template named `canary` or `stable` gives the hash of its own pods
  const hashArgs = Object.keys(HASH_ARGS).filter(a => used.has(a) && !passed.includes(a));
  const valued = new Map<string, string>();
  for (const m of site.metrics) for (const [k, v] of Object.entries(m.args ?? {})) valued.set(k, v);
  const args = [...hashArgs.map(name => ({ name })), ...passed.map(name => ({ name })), ...[...valued.keys()].sort().map(name => ({ name, value: valued.get(name) }))];
  const template = new ApiObject(model.scope, id, {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisTemplate',
    metadata: model.metadata(site.name),
    spec: {
      args: args.length ? args : undefined,
      metrics,
    },
  });
  return {
    template,
    args: [...hashArgs.map(name => ({ name, valueFrom: { podTemplateHashValue: HASH_ARGS[name] } })), ...passed.map(name => ({ name, value: site.passedArgs![name] }))],
  };
}

/** Whether any of `metrics` is a builtin one (its query chosen by the router). */
export function usesBuiltins(metrics: RolloutMetric[]): boolean {
  return metrics.some(m => m.kind === RolloutMetricKind.REQUEST_SUCCESS_RATE || m.kind === RolloutMetricKind.REQUEST_DURATION);
}
