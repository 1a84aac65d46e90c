/**
 * Arbitraries of the Flagger apps (`CanaryApp` on every provider,
 * `FlaggerBlueGreenApp`): providers, analyses of every mode, metrics
 * (builtin and from templates defined in the chart or elsewhere), webhooks
 * (plain, loadtester helpers), alerts and the Flagger-only app props.
 */
import * as fc from 'fast-check';
import { Construct } from 'constructs';
import {
  Alert, AlertProvider, AlertProviderType, AlertSeverity, AnalysisProps, CanaryApp, CanaryProvider, CookieSameSite, FlaggerBlueGreenApp, FlaggerLoadTester,
  LoadTester, Metric, MetricProviderType, MetricTemplate, Webhook, WebhookType,
} from '../../../lib';
import { resources, versionProps } from './containers';
import { gatewayRef, scheduling, serviceAccount } from './exposure';
import { AppScenario, commonProps, trafficMatch } from './strategy-apps';
import { deferred, Deferred, dnsName, duration, edgeNumber, host, image, int, labels, labelValue, list, oneOf, pick, props, record, url, usually } from './values';

/** Something a Flagger analysis references, defined in the app's scope first. */
type Part<T> = Deferred<Construct, T>;

const retries = () => fc.record({ attempts: int(1, 5), perTryTimeout: fc.option(duration(), { nil: undefined }), retryOn: fc.option(oneOf('gateway-error,connect-failure', '5xx'), { nil: undefined }) })
  .map(r => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as any);

/** A provider other than `kubernetes` (the one CanaryApp refuses) usually. */
export const provider = (): fc.Arbitrary<CanaryProvider> => fc.oneof(
  { weight: 3, arbitrary: fc.constant(CanaryProvider.nginx()) },
  { weight: 3, arbitrary: props({ gateways: list(pick(['istio-system/public', 'mesh'], ['bad', 'a/b/c']), 2), hosts: list(host(), 2), retries: retries(), timeout: duration() }, 0.3).map(o => CanaryProvider.istio(o)) },
  { weight: 3, arbitrary: fc.constant(CanaryProvider.linkerd()) },
  { weight: 5, arbitrary: fc.tuple(usually(gatewayRef().map(r => [r]), list(gatewayRef(), 2, 1), 3), props({ hosts: list(host(), 2), timeout: duration() }, 0.3)).map(([gatewayRefs, o]) => CanaryProvider.gatewayApi({ gatewayRefs, ...o })) },
  { weight: 3, arbitrary: props({ retries: retries(), timeout: duration() }, 0.3).map(o => CanaryProvider.contour(o)) },
  { weight: 3, arbitrary: fc.constant(CanaryProvider.traefik()) },
  { weight: 1, arbitrary: fc.constant(CanaryProvider.kubernetes()) },
);

/** A template: mostly Prometheus with its address; sometimes another backend (whose needs the template checks). */
const metricTemplate = (): fc.Arbitrary<Part<MetricTemplate>> => fc.tuple(
  dnsName('error-rate', 'latency'),
  usually(fc.constant(MetricProviderType.PROMETHEUS), fc.constantFrom(...Object.values(MetricProviderType)), 8),
  pick(['sum(rate(x[{{ interval }}]))', 'avg(y{ns="{{ namespace }}"})'], ['']),
  usually(fc.constant('http://prometheus.monitoring:9090'), url()),
  props({ namespace: dnsName('shop', 'flagger-system'), secretName: dnsName('prom-auth'), headers: record(pick(['X-Scope'], ['bad h']), labelValue()), insecureSkipVerify: fc.boolean(), labels: labels(), annotations: labels() }, 0.15),
).map(([name, provider, query, address, o]) => {
  const cloud = provider === MetricProviderType.CLOUDWATCH ? { region: 'eu-west-1' } : ['stackdriver', 'keptn'].includes(provider) ? {} : { address };
  const p = { name, provider, query, ...cloud, ...o };
  return deferred({ MetricTemplate: p }, scope => new MetricTemplate(scope, `template-${scope.node.children.length}`, p));
});

const metricOptions = () => props({ name: dnsName('errors'), min: edgeOr(0, 1), max: edgeOr(1, 500), interval: duration(), variables: record(oneOf('route', 'x'), labelValue()) }, 0.35);
const edgeOr = (...values: number[]) => usually(fc.constantFrom(...values), edgeNumber());

const metric = (): fc.Arbitrary<Part<Metric>> => fc.oneof(
  props({ minPercent: edgeOr(99, 95), interval: duration() }, 0.4).map(o => deferred({ requestSuccessRate: o }, () => Metric.requestSuccessRate(o))),
  props({ maxMilliseconds: edgeOr(500, 1000), interval: duration() }, 0.4).map(o => deferred({ requestDuration: o }, () => Metric.requestDuration(o))),
  fc.tuple(metricTemplate(), metricOptions()).map(([t, o]) => deferred({ fromTemplate: [t.data, o] }, scope => Metric.fromTemplate(t.make(scope), o))),
  fc.tuple(dnsName('error-rate'), metricOptions(), fc.option(dnsName('flagger-system'), { nil: undefined }))
    .map(([n, o, ns]) => deferred({ fromTemplateName: [n, o, ns] }, () => Metric.fromTemplateName(n, ns === undefined ? o : { ...o, templateNamespace: ns }))),
);

const webhookOptions = () => props({ timeout: duration(), retries: int(0, 5), metadata: record(oneOf('type', 'cmd', 'x'), oneOf('bash', 'curl -s http://x/', '')), disableTls: fc.boolean(), muteAlert: fc.boolean() }, 0.3);

/** A loadtester: one defined in the chart (`FlaggerLoadTester`), or one at a URL or in a namespace. */
const loadTester = (): fc.Arbitrary<Part<LoadTester>> => fc.oneof(
  props({ name: dnsName('flagger-loadtester', 'tester'), namespace: dnsName('shop', 'test'), image: image(), replicas: int(1, 3), commandTimeout: duration(), namespaceRegexp: pick(['^shop$'], ['(']), resources: resources(), runAsUser: int(1, 65534), scheduling: scheduling(), serviceAccount: serviceAccount() }, 0.1)
    .map(p => deferred({ FlaggerLoadTester: p }, scope => {
      const existing = scope.node.tryFindChild('loadtester') as FlaggerLoadTester | undefined;
      return (existing ?? new FlaggerLoadTester(scope, 'loadtester', p)).tester;
    })),
  url().map(u => deferred({ LoadTester: u }, () => LoadTester.at(u))),
  fc.tuple(dnsName('test', 'shop'), fc.option(dnsName('flagger-loadtester'), { nil: undefined })).map(([ns, s]) => deferred({ inNamespace: [ns, s] }, () => LoadTester.inNamespace(ns, s))),
);

const webhook = (): fc.Arbitrary<Part<Webhook>> => fc.oneof(
  fc.tuple(fc.constantFrom(...Object.values(WebhookType)), dnsName('smoke', 'gate', 'load-test'), url(), webhookOptions())
    .map(([t, n, u, o]) => deferred({ Webhook: [t, n, u, o] }, () => Webhook.of(t, n, u, o))),
  fc.tuple(loadTester(), fc.oneof(
    props({ name: dnsName('load-test'), duration: duration(), qps: int(1, 100), concurrency: int(1, 10), method: pick(['GET', 'POST'], ['post']), headers: record(pick(['x-a'], ['bad h']), labelValue()), host: host(), timeout: duration(), logCmdOutput: fc.boolean() }, 0.2)
      .chain(o => url().map(u => ['heyLoadTest', { ...o, url: u }] as const)),
    props({ name: dnsName('acceptance'), type: fc.constantFrom(...Object.values(WebhookType)), timeout: duration(), returnCmdOutput: fc.boolean() }, 0.3)
      .chain(o => pick(['curl -s http://web/'], ['', ' ']).map(command => ['bashTest', { ...o, command }] as const)),
    fc.tuple(dnsName('background'), pick(['hey http://web/'], [''])).map(([name, command]) => ['backgroundCommand', { name, command }] as const),
    fc.constantFrom('confirmRolloutGate', 'confirmTrafficIncreaseGate', 'confirmPromotionGate', 'rollbackGate').map(g => [g, undefined] as const),
  )).map(([tester, [method, options]]) => deferred({ [method]: [tester.data, options] }, scope => (tester.make(scope) as any)[method](options))),
);

const alert = (): fc.Arbitrary<Part<Alert>> => fc.oneof(
  fc.tuple(dnsName('slack', 'teams'), fc.constantFrom(...Object.values(AlertProviderType)),
    fc.tuple(
      usually(fc.oneof(url().map((address): { address?: string; secretName?: string } => ({ address })), dnsName('slack-url').map(secretName => ({ secretName }))), fc.constantFrom<{ address?: string; secretName?: string }>({}, { address: 'https://hooks.example.com/x', secretName: 'slack-url' })),
      props({ namespace: dnsName('shop', 'flagger-system'), channel: oneOf('releases'), username: oneOf('flagger'), proxy: url(), labels: labels(), annotations: labels() }, 0.2),
    ).map(([target, rest]) => ({ ...target, ...rest })),
    fc.option(fc.constantFrom(...Object.values(AlertSeverity)), { nil: undefined }))
    .map(([name, type, o, severity]) => {
      const p = { name, type, ...o };
      return deferred({ AlertProvider: p, severity }, scope => Alert.to(new AlertProvider(scope, `alerts-${scope.node.children.length}`, p), severity));
    }),
  fc.tuple(dnsName('slack'), props({ severity: fc.constantFrom(...Object.values(AlertSeverity)), name: dnsName('on-call'), providerNamespace: dnsName('flagger-system') }, 0.3))
    .map(([n, o]) => deferred({ toExisting: [n, o] }, () => Alert.toExisting(n, o))),
);

const analysisCommon = () => fc.tuple(
  props({ interval: duration(), threshold: int(1, 10), primaryReadyThreshold: int(0, 100), canaryReadyThreshold: int(0, 100) }, 0.2),
  usually(fc.constant(true), fc.boolean(), 8),
  list(metric(), 2), list(webhook(), 2), list(alert(), 1),
);

/** An analysis of any mode; `make` defines the templates, providers and loadtesters it uses. */
export const analysis = (blueGreen = false): fc.Arbitrary<Part<AnalysisProps>> => fc.tuple(
  analysisCommon(),
  blueGreen ? usually(int(1, 10).map((iterations): Partial<AnalysisProps> => ({ iterations })), props({ stepWeight: int(1, 100), iterations: int(1, 10) }, 0.5), 2) : fc.oneof(
    { weight: 4, arbitrary: fc.tuple(int(1, 50), props({ maxWeight: int(1, 100), stepWeightPromotion: int(1, 100) }, 0.3)).map(([stepWeight, o]) => ({ stepWeight, ...o })) },
    { weight: 3, arbitrary: fc.tuple(usually(fc.constantFrom<number[]>([10, 20, 50], [5, 25], [100]), list(int(1, 100), 4, 1)), props({ stepWeightPromotion: int(1, 100) }, 0.3)).map(([stepWeights, o]) => ({ stepWeights, ...o })) },
    { weight: 2, arbitrary: fc.tuple(int(1, 10), list(trafficMatch(), 2, 1)).map(([iterations, match]) => ({ iterations, match })) },
    { weight: 1, arbitrary: props({ stepWeight: int(1, 100), stepWeights: list(int(1, 100), 3, 1), iterations: int(1, 10) }, 0.5) },
  ) as fc.Arbitrary<Partial<AnalysisProps>>,
  props({
    mirror: fc.boolean(), mirrorWeight: int(0, 100),
    sessionAffinity: fc.tuple(pick(['canary', 'flagger-cookie'], ['a b']), props({ primaryCookieName: oneOf('primary', 'canary'), maxAgeSeconds: int(1, 86400), domain: host(), path: pick(['/'], ['x']), httpOnly: fc.boolean(), secure: fc.boolean(), sameSite: fc.constantFrom(...Object.values(CookieSameSite)) }, 0.3))
      .map(([cookieName, o]) => ({ cookieName, ...o })),
  }, 0.1),
).map(([[common, steady, metrics, webhooks, alerts], mode, extra]) => deferred({ analysis: { ...common, hasSteadyTraffic: steady, ...mode, ...extra, metrics: metrics.map(m => m.data), webhooks: webhooks.map(w => w.data), alerts: alerts.map(a => a.data) } },
  (scope: Construct) => ({ ...common, hasSteadyTraffic: steady, ...mode, ...extra, metrics: metrics.map(m => m.make(scope)), webhooks: webhooks.map(w => w.make(scope)), alerts: alerts.map(a => a.make(scope)) }) as AnalysisProps));

/** The Ingress a provider that routes through one needs (hosts and class). */
export const ingressForNginx = () => usually(fc.constant({ className: 'nginx', hosts: ['web.example.com'] }), fc.constant({}));

/** The props only Flagger apps have. */
const flaggerProps = () => props({
  primaryScalerReplicas: props({ minReplicas: int(1, 5), maxReplicas: int(1, 10) }, 0.5),
  progressDeadlineSeconds: int(1, 3600), revertOnDeletion: fc.boolean(), skipAnalysis: fc.boolean(), suspend: fc.boolean(), metricsServer: url(), portDiscovery: fc.boolean(),
}, 0.1);

export const canaryApp = (): fc.Arbitrary<AppScenario> => fc.tuple(commonProps(), versionProps(), flaggerProps(), provider(), analysis(), ingressForNginx())
  .map(([common, version, own, p, a, ing]) => {
    const data = { ...common, ...version, ...own, primaryScalerReplicas: common.autoscaling ? own.primaryScalerReplicas : undefined, provider: p, ingress: p.type === 'nginx' ? { ...ing, ...common.ingress } : common.ingress };
    return deferred({ CanaryApp: data, analysis: a.data }, scope => new CanaryApp(scope, 'app', { ...data, analysis: a.make(scope) }));
  });

export const flaggerBlueGreenApp = (): fc.Arbitrary<AppScenario> => fc.tuple(commonProps(), versionProps(), flaggerProps(), fc.option(provider(), { nil: undefined }), analysis(true), ingressForNginx())
  .map(([common, version, own, p, a, ing]) => {
    const data = { ...common, ...version, ...own, primaryScalerReplicas: common.autoscaling ? own.primaryScalerReplicas : undefined, provider: p, ingress: p?.type === 'nginx' ? { ...ing, ...common.ingress } : common.ingress };
    return deferred({ FlaggerBlueGreenApp: data, analysis: a.data }, scope => new FlaggerBlueGreenApp(scope, 'app', { ...data, analysis: a.make(scope) as any }));
  });

/** Any Flagger app. */
export const flaggerApp = (): fc.Arbitrary<AppScenario> => fc.oneof(canaryApp(), flaggerBlueGreenApp());
