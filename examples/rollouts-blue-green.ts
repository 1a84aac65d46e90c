/**
 * RolloutBlueGreenApp: podinfo released blue/green by Argo Rollouts. The
 * HTTPRoute `podinfo-bg` sends the host to the active Service. A new version
 * starts behind the preview Service and is measured 5 times, one minute
 * apart, before the switch (pre-promotion analysis): a smoke test on the
 * preview Service must answer and its success rate must stay >= 99%; 2
 * failed measurements abort, otherwise the active Service switches at once.
 * A PodMonitor has Prometheus scrape podinfo's metrics with the pods'
 * `rollouts-pod-template-hash`; a default-deny NetworkPolicy lets in the
 * Gateway, Prometheus and the Argo Rollouts controller (it runs the smoke test).
 *
 * Run alone: node --import tsx examples/rollouts-blue-green.ts (writes out-examples/rollouts-blue-green)
 */
import { DeliveryEnvironment, GitOpsLayout, MonitorKind, NetworkPolicyPeer, NetworkPolicyPort, Probe, RolloutBlueGreenApp, RolloutMetric } from '../lib';

export function rolloutsBlueGreenExample(env: DeliveryEnvironment): RolloutBlueGreenApp {
  // Flux waits for the Rollout to be promoted; the layout sizes the timeout from the rollout plan.
  const chart = env.addApp('rollouts-blue-green');
  return new RolloutBlueGreenApp(chart, 'podinfo-bg', {
    name: 'podinfo-bg',
    image: 'ghcr.io/stefanprodan/podinfo:6.7.1',
    port: 9898,
    replicas: 3,
    readiness: Probe.http('/readyz'),
    liveness: Probe.http('/healthz'),
    security: { runAsUser: 10001, runAsGroup: 10001, writablePaths: ['/tmp', '/data'] },
    route: { parentRefs: [{ name: 'public', namespace: 'gateway-system' }], hostnames: ['podinfo-bg-rollouts.demo.example.com'] },
    monitoring: { kind: MonitorKind.POD_ANNOTATIONS },
    networkPolicy: {
      ingressNamespaces: ['gateway-system'],
      prometheusNamespace: 'flagger-system',
      // the web metric (smoke test) runs in the Argo Rollouts controller
      ingress: [{ peers: [NetworkPolicyPeer.podsInNamespace('argo-rollouts', { 'app.kubernetes.io/name': 'argo-rollouts' })], ports: [NetworkPolicyPort.named('http')] }],
    },
    analysis: {
      interval: '1m',
      threshold: 2,
      iterations: 5,
      prometheusAddress: 'http://flagger-prometheus.flagger-system:9090',
      metrics: [
        RolloutMetric.web({
          name: 'smoke-test',
          url: `http://podinfo-bg-preview.${chart.appNamespace}/readyz`,
          jsonPath: '{$.status}',
          successCondition: 'result == "OK"',
        }),
        RolloutMetric.requestSuccessRate({ minPercent: 99 }),
      ],
    },
  });
}

if (require.main === module) {
  const layout = new GitOpsLayout({ outdir: process.env.CDK8S_OUTDIR ?? 'out-examples/rollouts-blue-green' });
  rolloutsBlueGreenExample(layout.addEnvironment('demo'));
  layout.synth();
}
