/**
 * RolloutCanaryApp: the seed canary on Argo Rollouts. Each new version gets
 * 10% more of the traffic every minute up to 50% through a Gateway API
 * HTTPRoute (the argoproj-labs/gatewayAPI plugin sets its weights), while a
 * background analysis checks the success rate (>= 99%) and the P99 duration
 * (<= 500 ms) of the new pods; 5 failed measurements abort the release.
 * A PodMonitor has Prometheus scrape podinfo's own metrics with the pods'
 * `rollouts-pod-template-hash` (the label the analysis filters on); a
 * default-deny NetworkPolicy lets in only the Gateway and Prometheus.
 *
 * Run alone: node --import tsx examples/rollouts-canary.ts (writes out-examples/rollouts-canary)
 */
import { DeliveryEnvironment, GitOpsLayout, MonitorKind, Probe, RolloutCanaryApp, RolloutMetric, RolloutTrafficRouter } from '../lib';

export function rolloutsCanaryExample(env: DeliveryEnvironment): RolloutCanaryApp {
  // Flux waits for the Rollout to be promoted; the layout sizes the timeout from the rollout plan.
  const chart = env.addApp('rollouts-canary');
  return new RolloutCanaryApp(chart, 'podinfo', {
    name: 'podinfo',
    image: 'ghcr.io/stefanprodan/podinfo:6.7.1',
    port: 9898,
    readiness: Probe.http('/readyz'),
    liveness: Probe.http('/healthz'),
    security: { runAsUser: 10001, runAsGroup: 10001, writablePaths: ['/tmp', '/data'] },
    autoscaling: { minReplicas: 2, maxReplicas: 4, cpuUtilization: 80 },
    // Argo Rollouts apps get a PodMonitor: both Services select the stable pods between releases
    monitoring: { kind: MonitorKind.POD_ANNOTATIONS },
    networkPolicy: { ingressNamespaces: ['gateway-system'], prometheusNamespace: 'flagger-system' },
    trafficRouter: RolloutTrafficRouter.gatewayApi({
      gatewayRefs: [{ name: 'public', namespace: 'gateway-system' }],
      hosts: ['podinfo-rollouts.demo.example.com'],
    }),
    analysis: {
      interval: '1m',
      threshold: 5,
      stepWeight: 10,
      maxWeight: 50,
      prometheusAddress: 'http://flagger-prometheus.flagger-system:9090',
      metrics: [
        RolloutMetric.requestSuccessRate({ minPercent: 99 }),
        RolloutMetric.requestDuration({ maxMilliseconds: 500 }),
      ],
    },
  });
}

if (require.main === module) {
  const layout = new GitOpsLayout({ outdir: process.env.CDK8S_OUTDIR ?? 'out-examples/rollouts-canary' });
  rolloutsCanaryExample(layout.addEnvironment('demo'));
  layout.synth();
}
