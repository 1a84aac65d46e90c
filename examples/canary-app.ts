/**
 * CanaryApp: the podinfo canary on ingress-nginx. Each new version gets 10%
 * more of the traffic every minute up to 50%, while Flagger checks the
 * success rate (>= 99%) and the request duration (<= 500 ms) of the canary
 * Ingress; 5 failed checks roll it back. A `hey` load test through the public
 * host keeps traffic flowing; Slack hears about it; an HPA scales 2..4 pods.
 *
 * Run alone: node --import tsx examples/canary-app.ts (writes out-examples/canary-app)
 */
import {
  Alert, AlertProvider, AlertProviderType, AlertSeverity, CanaryApp, CanaryProvider, DeliveryEnvironment, FlaggerLoadTester, GitOpsLayout, Metric, Probe,
} from '../lib';

export function canaryExample(env: DeliveryEnvironment): CanaryApp {
  // Flux waits for the Canary to be promoted; the layout sizes the timeout from the rollout plan.
  const chart = env.addApp('podinfo');
  const loadtester = new FlaggerLoadTester(chart, 'loadtester');
  const slack = new AlertProvider(chart, 'slack', {
    name: 'slack',
    type: AlertProviderType.SLACK,
    channel: 'deployments',
    username: 'flagger',
    secretName: 'slack-webhook', // key "address": the webhook URL stays out of Git
  });
  return new CanaryApp(chart, 'podinfo', {
    name: 'podinfo',
    image: 'ghcr.io/stefanprodan/podinfo:6.7.1',
    port: 9898,
    readiness: Probe.http('/readyz'),
    liveness: Probe.http('/healthz'),
    security: { runAsUser: 10001, runAsGroup: 10001, writablePaths: ['/tmp', '/data'] },
    autoscaling: { minReplicas: 2, maxReplicas: 4, cpuUtilization: 80 },
    ingress: { className: 'nginx', hosts: ['podinfo.demo.example.com'] },
    networkPolicy: { ingressNamespaces: ['ingress-nginx'] }, // default-deny; the ingress-nginx controller may reach the pods
    provider: CanaryProvider.nginx(),
    analysis: {
      interval: '1m',
      threshold: 5,
      maxWeight: 50,
      stepWeight: 10,
      metrics: [
        Metric.requestSuccessRate({ minPercent: 99 }),
        Metric.requestDuration({ maxMilliseconds: 500 }),
      ],
      webhooks: [
        loadtester.tester.heyLoadTest({ url: 'http://podinfo.demo.example.com/', duration: '1m', qps: 10, concurrency: 2 }),
      ],
      alerts: [Alert.to(slack, AlertSeverity.INFO)],
    },
  });
}

if (require.main === module) {
  const layout = new GitOpsLayout({ outdir: process.env.CDK8S_OUTDIR ?? 'out-examples/canary-app' });
  canaryExample(layout.addEnvironment('demo'));
  layout.synth();
}
