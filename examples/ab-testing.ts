/**
 * CanaryApp in A/B testing mode on ingress-nginx: for 10 one-minute
 * iterations, only requests with the header `x-canary: insider` or the cookie
 * `canary=always` reach the new version, while Flagger checks its success
 * rate and duration; then it is promoted (or rolled back after 5 failures).
 *
 * Run alone: node --import tsx examples/ab-testing.ts (writes out-examples/ab-testing)
 */
import {
  CanaryApp, CanaryProvider, DeliveryEnvironment, FlaggerLoadTester, GitOpsLayout, Metric, Probe, TrafficMatch,
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
    ingress: { className: 'nginx', hosts: ['podinfo-ab.demo.example.com'] },
    networkPolicy: { ingressNamespaces: ['ingress-nginx'] }, // default-deny; the ingress-nginx controller may reach the pods
    provider: CanaryProvider.nginx(),
    analysis: {
      interval: '1m',
      threshold: 5,
      iterations: 10,
      // ingress-nginx: at most one header (exact or regex) and one cookie (value "always").
      match: [TrafficMatch.headerExact('x-canary', 'insider'), TrafficMatch.cookie('canary')],
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
