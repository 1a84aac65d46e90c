/**
 * The rules of a Flagger analysis: validation against the provider and the
 * mode, and the rendered `spec.analysis`. Internal: not exported from the
 * package (the `Canary` construct calls `resolveAnalysis`).
 */
import { Check, durationSeconds } from '../core/check';
import { propError, Where } from '../core/errors';
import { checkTrafficMatch, HTTP_TOKEN } from '../core/match-rules';
import { MatchOperator, TrafficMatch, TrafficMatchKind } from '../core/traffic-match';
import { checkStepWeights, weightSteps } from '../core/weights';
import { AlertSeverity } from './alert';
import { AlertProvider } from './alert-provider';
import { AnalysisMode, AnalysisProps } from './analysis';
import { BUILTIN_DURATION, BUILTIN_SUCCESS_RATE } from './builtins';
import { Metric } from './metric';
import { MetricTemplate } from './metric-template';
import { cookieRegexMatch, PROVIDERS, providersWith } from './provider-table';
import { CanaryProviderType } from './providers';
import { Webhook, WebhookType } from './webhook';

const WEBHOOK_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The validated analysis, with its rendered spec and the numbers a rollout
 * plan needs.
 */
export interface ResolvedAnalysis {
  /** The Canary's `spec.analysis`. */
  readonly spec: any;
  /** The mode Flagger derives from the props. */
  readonly mode: AnalysisMode;
  /** `interval` in seconds. */
  readonly intervalSeconds: number;
  /** Failed checks before rollback. */
  readonly threshold: number;
  /** Analysis runs (A/B testing and blue/green); undefined for progressive canaries. */
  readonly iterations?: number;
  /** The weight added per step of a stepWeight canary; undefined otherwise. */
  readonly stepWeight?: number;
  /** The explicit weights of a stepWeights canary; undefined otherwise. */
  readonly explicitStepWeights?: number[];
  /** Whether traffic is mirrored to the canary. */
  readonly mirror: boolean;
  /** The A/B match conditions, in words. */
  readonly matchDescriptions: string[];
  /** The weights in order (empty for A/B testing and blue/green). */
  readonly stepWeights: number[];
  /** The highest weight of a stepWeight canary; undefined otherwise. */
  readonly maxWeight?: number;
  /** Traffic moved back to the primary per interval during promotion. */
  readonly stepWeightPromotion: number;
  /** The MetricTemplates referenced by object. */
  readonly metricTemplates: MetricTemplate[];
  /** The AlertProviders referenced by object. */
  readonly alertProviders: AlertProvider[];
}

/**
 * Validates an analysis for `provider` (undefined: the controller's default)
 * and renders its spec. Template and provider namespaces equal to
 * `namespace` are left out of the references.
 */
export function resolveAnalysis(where: Where, props: AnalysisProps, provider: CanaryProviderType | undefined, namespace: string | undefined): ResolvedAnalysis {
  const facts = provider === undefined ? undefined : PROVIDERS[provider];
  const interval = props.interval ?? '1m';
  Check.flaggerDuration(where, 'analysis.interval', interval);
  const intervalSeconds = durationSeconds(interval);
  if (intervalSeconds < 10) throw propError(where, 'analysis.interval', interval, 'must be at least 10s (Flagger raises shorter intervals to 10s)');
  const threshold = props.threshold ?? 5;
  Check.int(where, 'analysis.threshold', threshold, 1);

  const given = [props.iterations, props.stepWeight, props.stepWeights].filter(v => v !== undefined).length;
  if (props.iterations !== undefined && given > 1) {
    throw propError(where, 'analysis', { iterations: props.iterations, stepWeight: props.stepWeight, stepWeights: props.stepWeights },
      'iterations and stepWeight/stepWeights exclude each other: iterations test the new version for a number of intervals (A/B testing with match, blue/green without), stepWeight or stepWeights shift traffic to it step by step (progressive canary); keep one');
  }
  if (given !== 1) {
    throw propError(where, 'analysis', { iterations: props.iterations, stepWeight: props.stepWeight, stepWeights: props.stepWeights },
      'set exactly one of iterations (A/B testing with match, blue/green without), stepWeight or stepWeights (progressive canary)');
  }
  const match = props.match ?? [];
  const weighted = props.iterations === undefined;
  const mode = weighted ? AnalysisMode.CANARY : match.length ? AnalysisMode.AB_TESTING : AnalysisMode.BLUE_GREEN;
  if (weighted && facts && !facts.weights) {
    throw propError(where, props.stepWeight !== undefined ? 'analysis.stepWeight' : 'analysis.stepWeights', props.stepWeight ?? props.stepWeights,
      `the ${provider} provider cannot shift traffic: it runs blue/green only (set analysis.iterations)`);
  }
  Check.int(where, 'analysis.iterations', props.iterations, 1);
  Check.int(where, 'analysis.stepWeight', props.stepWeight, 1, 100);

  if (props.maxWeight !== undefined) {
    if (props.stepWeight === undefined) throw propError(where, 'analysis.maxWeight', props.maxWeight, 'applies only with stepWeight (with stepWeights the last step is the maximum; iterations have no weights)');
    Check.int(where, 'analysis.maxWeight', props.maxWeight, 1, 100);
    if (props.maxWeight < props.stepWeight) throw propError(where, 'analysis.maxWeight', props.maxWeight, `must be >= stepWeight (${props.stepWeight})`);
  }
  if (props.stepWeights !== undefined) checkStepWeights(where, 'analysis.stepWeights', props.stepWeights);
  if (props.stepWeightPromotion !== undefined) {
    if (!weighted) throw propError(where, 'analysis.stepWeightPromotion', props.stepWeightPromotion, 'applies only to progressive canaries (stepWeight or stepWeights)');
    Check.int(where, 'analysis.stepWeightPromotion', props.stepWeightPromotion, 1, 100);
  }

  validateMatch(where, match, props.iterations, provider);
  if (props.mirror && facts && !facts.mirror) {
    throw propError(where, 'analysis.mirror', props.mirror, `traffic mirroring needs the ${providersWith(f => f.mirror)} provider, not ${provider}`);
  }
  if (props.mirrorWeight !== undefined) {
    if (!props.mirror) throw propError(where, 'analysis.mirrorWeight', props.mirrorWeight, 'applies only with mirror: true');
    if (facts && !facts.partialMirror) throw propError(where, 'analysis.mirrorWeight', props.mirrorWeight, `a partial mirror needs the ${providersWith(f => f.partialMirror)} provider, not ${provider}`);
    Check.int(where, 'analysis.mirrorWeight', props.mirrorWeight, 1, 100);
  }
  const affinity = props.sessionAffinity;
  if (affinity) {
    if (facts && !facts.sessionAffinity) {
      throw propError(where, 'analysis.sessionAffinity', affinity.cookieName, `session affinity needs the ${providersWith(f => f.sessionAffinity)} provider, not ${provider}`);
    }
    if (!weighted) throw propError(where, 'analysis.sessionAffinity', affinity.cookieName, 'applies only to progressive canaries (stepWeight or stepWeights)');
    if (!HTTP_TOKEN.test(affinity.cookieName ?? '')) throw propError(where, 'analysis.sessionAffinity.cookieName', affinity.cookieName, 'cookie names are HTTP tokens');
    if (affinity.primaryCookieName !== undefined && !HTTP_TOKEN.test(affinity.primaryCookieName)) throw propError(where, 'analysis.sessionAffinity.primaryCookieName', affinity.primaryCookieName, 'cookie names are HTTP tokens');
    Check.int(where, 'analysis.sessionAffinity.maxAgeSeconds', affinity.maxAgeSeconds, 1);
  }
  Check.int(where, 'analysis.primaryReadyThreshold', props.primaryReadyThreshold, 1, 100);
  Check.int(where, 'analysis.canaryReadyThreshold', props.canaryReadyThreshold, 1, 100);

  const metrics = props.metrics ?? [];
  const webhooks = props.webhooks ?? [];
  const alerts = props.alerts ?? [];
  validateMetrics(where, metrics);
  validateWebhooks(where, webhooks, interval, intervalSeconds, weighted);
  alerts.forEach((a, i) => {
    Check.dns1123Subdomain(where, `analysis.alerts[${i}].providerName`, a.providerName);
    if (typeof a.name !== 'string' || a.name === '') throw propError(where, `analysis.alerts[${i}].name`, a.name, 'alerts need a name');
    if (!Object.values(AlertSeverity).includes(a.severity)) throw propError(where, `analysis.alerts[${i}].severity`, a.severity, `must be one of ${Object.values(AlertSeverity).join(', ')}`);
  });
  const builtins = metrics.filter(m => m.isBuiltin).map(m => m.name);
  if (builtins.length && !props.hasSteadyTraffic && !webhooks.some(w => w.type === WebhookType.ROLLOUT)) {
    throw propError(where, 'analysis.metrics', builtins,
      'builtin metrics need traffic to the canary, or every check fails with "no values found": add a rollout webhook that generates load '
      + '(e.g. LoadTester.heyLoadTest) or set analysis.hasSteadyTraffic: true when real traffic reaches the canary');
  }

  const maxWeight = props.stepWeight !== undefined ? props.maxWeight ?? 100 : undefined;
  const stepWeights = props.stepWeights ? [...props.stepWeights] : props.stepWeight !== undefined ? weightSteps(props.stepWeight, maxWeight!) : [];
  const ns = (other: string | undefined) => (other !== undefined && other !== namespace ? other : undefined);
  const spec = {
    interval,
    threshold,
    iterations: props.iterations,
    stepWeight: props.stepWeight,
    maxWeight,
    stepWeights: props.stepWeights,
    stepWeightPromotion: props.stepWeightPromotion,
    match: match.length ? match.map(m => renderMatch(m, provider)) : undefined,
    mirror: props.mirror,
    mirrorWeight: props.mirrorWeight,
    sessionAffinity: affinity ? {
      cookieName: affinity.cookieName,
      primaryCookieName: affinity.primaryCookieName,
      maxAge: affinity.maxAgeSeconds,
      domain: affinity.domain,
      path: affinity.path,
      httpOnly: affinity.httpOnly,
      secure: affinity.secure,
      sameSite: affinity.sameSite,
    } : undefined,
    primaryReadyThreshold: props.primaryReadyThreshold,
    canaryReadyThreshold: props.canaryReadyThreshold,
    metrics: metrics.length ? metrics.map(m => ({
      name: m.name,
      interval: m.interval ?? '1m',
      templateRef: m.isBuiltin ? undefined : { name: m.templateName, namespace: ns(m.templateNamespace) },
      thresholdRange: { min: m.min, max: m.max },
      templateVariables: m.variables && Object.keys(m.variables).length ? m.variables : undefined,
    })) : undefined,
    webhooks: webhooks.length ? webhooks.map(w => ({
      name: w.name,
      type: w.type,
      url: w.url,
      timeout: w.options.timeout,
      retries: w.options.retries,
      metadata: w.options.metadata && Object.keys(w.options.metadata).length ? w.options.metadata : undefined,
      disableTLS: w.options.disableTls,
      muteAlert: w.options.muteAlert,
    })) : undefined,
    alerts: alerts.length ? alerts.map(a => ({ name: a.name, severity: a.severity, providerRef: { name: a.providerName, namespace: ns(a.providerNamespace) } })) : undefined,
  };
  return {
    spec,
    mode,
    intervalSeconds,
    threshold,
    iterations: props.iterations,
    stepWeight: props.stepWeight,
    explicitStepWeights: props.stepWeights ? [...props.stepWeights] : undefined,
    mirror: props.mirror ?? false,
    matchDescriptions: match.map(m => m._describe()),
    stepWeights,
    maxWeight,
    stepWeightPromotion: props.stepWeightPromotion ?? 100,
    metricTemplates: unique(metrics.map(m => m.template)),
    alertProviders: unique(alerts.map(a => a.provider)),
  };
}

function unique<T>(items: Array<T | undefined>): T[] {
  return [...new Set(items.filter((i): i is T => i !== undefined))];
}

function validateMatch(where: Where, match: TrafficMatch[], iterations: number | undefined, provider: CanaryProviderType | undefined) {
  if (match.length === 0) return;
  if (iterations === undefined) {
    throw propError(where, 'analysis.match', match.map(m => m._describe()), 'A/B testing runs for a number of intervals: set analysis.iterations instead of stepWeight/stepWeights');
  }
  const facts = provider === undefined ? undefined : PROVIDERS[provider];
  const operators = facts ? facts.matchOperators : Object.values(MatchOperator);
  if (!operators) throw propError(where, 'analysis.match', match.map(m => m._describe()), `the ${provider} provider cannot route by header or cookie; A/B testing needs ${providersWith(f => f.matchOperators !== undefined)}`);
  match.forEach((m, i) => {
    const prop = `analysis.match[${i}]`;
    checkTrafficMatch(where, prop, m);
    if (m.kind === TrafficMatchKind.QUERY_PARAM && facts && !facts.queryParams) {
      throw propError(where, prop, m._describe(), `query parameter matches need the ${providersWith(f => f.queryParams)} provider, not ${provider}`);
    }
    if (m.kind !== TrafficMatchKind.COOKIE && !operators.includes(m.matchOperator!)) {
      throw propError(where, prop, m._describe(), `the ${provider} provider matches ${m.kind === TrafficMatchKind.HEADER ? 'headers' : 'query parameters'} with ${operators.join(' or ')} only`);
    }
    facts?.checkMatch?.(where, prop, m);
  });
  facts?.checkMatches?.(where, match);
}

function renderMatch(m: TrafficMatch, provider: CanaryProviderType | undefined): any {
  if (m.kind === TrafficMatchKind.HEADER) return { headers: { [m.name]: { [m.matchOperator!]: m.value } } };
  if (m.kind === TrafficMatchKind.QUERY_PARAM) return { queryParams: { [m.name]: { [m.matchOperator!]: m.value } } };
  return (provider === undefined ? cookieRegexMatch : PROVIDERS[provider].cookieMatch)(m.name, m.value);
}

function validateMetrics(where: Where, metrics: Metric[]) {
  const seen = new Set<string>();
  metrics.forEach((m, i) => {
    const prop = `analysis.metrics[${i}]`;
    if (!WEBHOOK_NAME.test(m.name ?? '')) throw propError(where, `${prop}.name`, m.name, 'metric names are letters, digits, \'-\', \'_\' and \'.\'');
    if (seen.has(m.name)) throw propError(where, `${prop}.name`, m.name, 'metric names must be unique within the analysis (give template metrics a name)');
    seen.add(m.name);
    Check.flaggerDuration(where, `${prop}.interval`, m.interval);
    if (m.isBuiltin) {
      if (m.name === BUILTIN_SUCCESS_RATE && !(Number.isFinite(m.min) && m.min! >= 0 && m.min! <= 100)) throw propError(where, `${prop}.minPercent`, m.min, 'must be a percentage from 0 to 100');
      if (m.name === BUILTIN_DURATION && !(Number.isFinite(m.max) && m.max! > 0)) throw propError(where, `${prop}.maxMilliseconds`, m.max, 'must be a positive number of milliseconds (finite)');
      return;
    }
    Check.dns1123Subdomain(where, `${prop}.templateName`, m.templateName!);
    if (m.templateNamespace !== undefined) Check.dns1123Label(where, `${prop}.templateNamespace`, m.templateNamespace);
    if (m.min === undefined && m.max === undefined) throw propError(where, prop, m.name, 'give the acceptable range of a template metric: min, max or both');
    for (const bound of ['min', 'max'] as const) {
      const v = m[bound];
      if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) throw propError(where, `${prop}.${bound}`, v, 'must be a finite number');
    }
    if (m.min !== undefined && m.max !== undefined && m.min > m.max) throw propError(where, `${prop}.min`, m.min, `must be <= max (${m.max})`);
    for (const key of Object.keys(m.variables ?? {})) {
      if (!VARIABLE.test(key)) throw propError(where, `${prop}.variables.${key}`, key, 'variable names are identifiers (letters, digits and \'_\'), used as {{ variables.<name> }}');
    }
  });
}

function validateWebhooks(where: Where, webhooks: Webhook[], interval: string, intervalSeconds: number, weighted: boolean) {
  const seen = new Set<string>();
  webhooks.forEach((w, i) => {
    const prop = `analysis.webhooks[${i}]`;
    if (!WEBHOOK_NAME.test(w.name ?? '')) throw propError(where, `${prop}.name`, w.name, 'webhook names are letters, digits, \'-\', \'_\' and \'.\'');
    if (seen.has(w.name)) throw propError(where, `${prop}.name`, w.name, 'webhook names must be unique within the analysis');
    seen.add(w.name);
    if (typeof w.url !== 'string' || !/^https?:\/\/[^\s/]+(\/\S*)?$/.test(w.url)) throw propError(where, `${prop}.url`, w.url, 'must be an http:// or https:// URL');
    Check.flaggerDuration(where, `${prop}.timeout`, w.options.timeout);
    Check.int(where, `${prop}.retries`, w.options.retries, 0);
    if (w.type === WebhookType.CONFIRM_TRAFFIC_INCREASE && !weighted) {
      throw propError(where, `${prop}.type`, w.type, 'confirm-traffic-increase gates weight increases and only runs in progressive canaries (stepWeight or stepWeights)');
    }
  });
  const rollout = webhooks.filter(w => w.type === WebhookType.ROLLOUT);
  const total = rollout.reduce((sum, w) => sum + w.timeoutSeconds, 0);
  if (rollout.length && total >= intervalSeconds) {
    throw propError(where, 'analysis.webhooks', rollout.map(w => `${w.name}: ${w.options.timeout ?? `${w.timeoutSeconds}s (default)`}`),
      `the rollout webhooks' timeouts add up to ${total}s, which must stay below the interval (${interval}); shorten the timeouts or lengthen the interval`);
  }
}
