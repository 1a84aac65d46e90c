/**
 * CanaryApp in A/B testing mode on Gateway API: for 10 one-minute iterations,
 * only requests with the header `x-canary: insider`, the cookie
 * `canary=always` or the query parameter `canary=insider` reach the new
 * version (rules of the HTTPRoute Flagger generates), while Flagger checks its
 * success rate and duration (from podinfo's own metrics, which a
 * ServiceMonitor has Prometheus scrape); then it is promoted (or rolled back
 * after 5 failures).
 *
 * Run alone: node --import tsx examples/ab-testing.ts (writes out-examples/ab-testing)
 */
import {
  CanaryApp, CanaryProvider, DeliveryEnvironment, FlaggerLoadTester, GitOpsLayout, Metric, MonitorKind, Probe, TrafficMatch,
} from '../lib';

export function abTestingExample(env: DeliveryEnvironment): CanaryApp {
  // Flux waits for the Canary to be promoted; the layout sizes the timeout from the rollout plan.
  const chart = env.addApp('podinfo-ab');
  const loadtester = new FlaggerLoadTester(chart, 'loadtester');
  return new CanaryApp(chart, 'podinfo-ab', {
    name: 'podinfo-ab',
    image: 'ghcr.io/stefanprodan/podinfo:6.7.1',
    port: 9898,
    readiness: Probe.http('/readyz'),
    liveness: Probe.http('/healthz'),
    security: { runAsUser: 10001, runAsGroup: 10001, writablePaths: ['/tmp', '/data'] },
    autoscaling: { minReplicas: 2, maxReplicas: 4 },
    provider: CanaryProvider.gatewayApi({ gatewayRefs: [{ name: 'public', namespace: 'gateway-system' }], hosts: ['podinfo-ab.demo.example.com'] }),
    // Flagger's builtin metrics on gatewayapi read podinfo's own http_request_duration_seconds (not the Gateway's series):
    // the ServiceMonitor has the cluster's Prometheus scrape it, and the Canary queries that Prometheus.
    monitoring: { kind: MonitorKind.POD_ANNOTATIONS }, // the cluster's Prometheus (infrastructure.prometheus) scrapes annotated pods
    networkPolicy: { ingressNamespaces: ['gateway-system'], prometheusNamespace: 'flagger-system' }, // default-deny; the Gateway's data plane and Prometheus may reach the pods
    analysis: {
      interval: '1m',
      threshold: 5,
      iterations: 10,
      // Gateway API: headers and query parameters, exact or regex; the cookie is a regex over the Cookie header.
      match: [TrafficMatch.headerExact('x-canary', 'insider'), TrafficMatch.cookie('canary'), TrafficMatch.queryParam('canary', 'insider')],
      metrics: [Metric.requestSuccessRate({ minPercent: 99 }), Metric.requestDuration({ maxMilliseconds: 500 })],
      webhooks: [
        loadtester.tester.heyLoadTest({ url: 'http://podinfo-ab.demo.example.com/', headers: { 'X-Canary': 'insider' } }),
      ],
    },
  });
}

if (require.main === module) {
  const layout = new GitOpsLayout({ outdir: process.env.CDK8S_OUTDIR ?? 'out-examples/ab-testing' });
  abTestingExample(layout.addEnvironment('demo'));
  layout.synth();
}
