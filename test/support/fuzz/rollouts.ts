/**
 * Arbitraries of the Argo Rollouts apps (`RolloutCanaryApp` on every
 * traffic router, `RolloutBlueGreenApp`): routers, steps, metrics, gates and
 * the analysis of each.
 */
import * as fc from 'fast-check';
import { ManualGate, RolloutBlueGreenApp, RolloutCanaryApp, RolloutMetric, RolloutStep, RolloutTrafficRouter } from '../../../lib';
import { versionProps } from './containers';
import { countOrPercent } from './exposure';
import { AppScenario, commonProps } from './strategy-apps';
import { deferred, dnsName, duration, edgeNumber, host, int, labelValue, list, oneOf, pick, props, record, url, usually } from './values';

export const trafficRouter = (): fc.Arbitrary<RolloutTrafficRouter> => fc.oneof(
  fc.tuple(list(fc.tuple(dnsName('public'), props({ namespace: dnsName('gateway-system'), sectionName: oneOf('https') }, 0.4)).map(([name, o]) => ({ name, ...o })), 2, 1),
    props({ hosts: list(host(), 2), pluginName: pick(['argoproj-labs/gatewayAPI'], ['other']) }, 0.3))
    .map(([gatewayRefs, o]) => RolloutTrafficRouter.gatewayApi({ gatewayRefs, ...o })),
  fc.constant(RolloutTrafficRouter.nginx()),
  fc.tuple(dnsName('web-vs'), fc.option(list(oneOf('primary', 'http-primary'), 2), { nil: undefined }))
    .map(([virtualService, routes]) => RolloutTrafficRouter.istio(routes === undefined ? { virtualService } : { virtualService, routes })),
  fc.constant(RolloutTrafficRouter.replicas()),
);

const bound = (...values: number[]) => usually(fc.constantFrom(...values), edgeNumber());

export const rolloutMetric = (): fc.Arbitrary<RolloutMetric> => fc.oneof(
  props({ minPercent: bound(99, 95), interval: duration() }, 0.4).map(o => RolloutMetric.requestSuccessRate(o)),
  props({ maxMilliseconds: bound(500), interval: duration() }, 0.4).map(o => RolloutMetric.requestDuration(o)),
  fc.tuple(dnsName('errors', 'latency'), pick(['sum(rate(x[5m]))'], ['']), props({ min: bound(0), max: bound(1, 100), interval: duration(), args: record(pick(['service'], ['x y']), labelValue()) }, 0.3))
    .map(([name, query, o]) => RolloutMetric.prometheus({ name, query, ...o })),
  fc.tuple(dnsName('smoke'), url(), props({ jsonPath: pick(['{$.ok}'], ['x']), successCondition: pick(['result == true'], ['']), timeoutSeconds: int(1, 60), interval: duration(), args: record(oneOf('a'), labelValue()) }, 0.3))
    .map(([name, u, o]) => RolloutMetric.web({ name, url: u, ...o })),
);

export const rolloutStep = (): fc.Arbitrary<RolloutStep> => fc.oneof(
  int(0, 100).map(RolloutStep.trafficWeight),
  fc.option(duration(), { nil: undefined }).map(RolloutStep.pause),
  fc.tuple(list(rolloutMetric(), 2, 1), props({ iterations: int(1, 5), failureLimit: int(0, 3) }, 0.4)).map(([m, o]) => RolloutStep.analysis(m, o)),
  int(0, 10).map(RolloutStep.scaleCanaryTo),
  int(0, 100).map(RolloutStep.scaleCanaryPercent),
);

const analysisCommon = () => ({
  interval: duration(), threshold: int(1, 3), gates: list(fc.constantFrom(...Object.values(ManualGate)), 2), prometheusAddress: url(),
});
/** The Prometheus address the builtin metrics need, usually given. */
const prometheus = () => usually(fc.constant({ prometheusAddress: 'http://prometheus.monitoring:9090' }), fc.constant({}), 3);

const appCommon = () => props({ progressDeadlineSeconds: int(1, 3600), progressDeadlineAbort: fc.boolean(), scaleDownDelaySeconds: int(0, 600), abortScaleDownDelaySeconds: int(0, 600) }, 0.15);

export const rolloutCanaryApp = (): fc.Arbitrary<AppScenario> => fc.tuple(
  commonProps(), versionProps(), appCommon(),
  props({
    trafficRouter: trafficRouter(),
    steps: list(rolloutStep(), 5, 1),
    canaryServiceName: dnsName('web-canary', 'web-preview'),
    dynamicStableScale: fc.boolean(),
    maxSurge: countOrPercent(),
    maxUnavailable: countOrPercent(),
  }, 0.3),
  fc.tuple(
    fc.oneof(int(1, 50).map(stepWeight => ({ stepWeight })), list(int(1, 100), 4, 1).map(stepWeights => ({ stepWeights })), props({ stepWeight: int(1, 100), stepWeights: list(int(1, 100), 4, 1) }, 0.5)),
    props({ ...analysisCommon(), maxWeight: int(1, 100), metrics: list(rolloutMetric(), 2), preRolloutChecks: list(rolloutMetric(), 1) }, 0.2),
  ).chain(([weights, o]) => prometheus().map(address => ({ ...address, ...weights, ...o }))),
).map(([common, version, base, own, analysis]) => {
  const nginx = own.trafficRouter?.type === 'nginx';
  const p = { ...common, ...version, ...base, ...own, analysis: own.steps ? undefined : analysis, ingress: nginx ? { className: 'nginx', hosts: ['web.example.com'], ...common.ingress } : common.ingress };
  return deferred({ RolloutCanaryApp: p }, scope => new RolloutCanaryApp(scope, 'app', p));
});

export const rolloutBlueGreenApp = (): fc.Arbitrary<AppScenario> => fc.tuple(
  commonProps(), versionProps(), appCommon(),
  fc.tuple(int(1, 10), props({ ...analysisCommon(), metrics: list(rolloutMetric(), 2), postPromotionMetrics: list(rolloutMetric(), 1) }, 0.25), prometheus()).map(([iterations, o, address]) => ({ iterations, ...address, ...o })),
  props({ previewServiceName: dnsName('web-preview'), autoPromotionSeconds: int(0, 3600), previewReplicaCount: int(1, 5) }, 0.3),
).map(([common, version, base, analysis, own]) => {
  const p = { ...common, ...version, ...base, analysis, ...own };
  return deferred({ RolloutBlueGreenApp: p }, scope => new RolloutBlueGreenApp(scope, 'app', p));
});

/** Any Argo Rollouts app. */
export const rolloutApp = (): fc.Arbitrary<AppScenario> => fc.oneof(rolloutCanaryApp(), rolloutBlueGreenApp());
