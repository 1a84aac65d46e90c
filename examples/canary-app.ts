/**
 * CanaryApp: the podinfo canary on Gateway API. Flagger creates the HTTPRoute
 * `podinfo` on the Gateway `gateway-system/public` and gives each new version
 * 10% more of the requests every minute up to 50%, while it checks the success
 * rate (>= 99%) and the request duration (<= 500 ms) that podinfo itself
 * reports (`http_request_duration_seconds`, scraped through a ServiceMonitor);
 * 5 failed checks roll it back. A
 * session cookie keeps a user who reached the new version on it. A `hey` load
 * test through the public host keeps traffic flowing; Slack hears about it; an
 * HPA scales 2..4 pods.
 *
 * Run alone: node --import tsx examples/canary-app.ts (writes out-examples/canary-app)
 */
import {
  Alert, AlertProvider, AlertProviderType, AlertSeverity, CanaryApp, CanaryProvider, DeliveryEnvironment, FlaggerLoadTester, GitOpsLayout, Metric, MonitorKind, Probe,
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
    // Flagger creates and steers the HTTPRoute "podinfo"; the app defines no route of its own.
    provider: CanaryProvider.gatewayApi({ gatewayRefs: [{ name: 'public', namespace: 'gateway-system' }], hosts: ['podinfo.demo.example.com'] }),
    // Flagger's builtin metrics on gatewayapi read podinfo's own http_request_duration_seconds (not the Gateway's series):
    // the ServiceMonitor has the cluster's Prometheus scrape it, and the Canary queries that Prometheus.
    monitoring: { kind: MonitorKind.POD_ANNOTATIONS }, // the cluster's Prometheus (infrastructure.prometheus) scrapes annotated pods
    networkPolicy: { ingressNamespaces: ['gateway-system'], prometheusNamespace: 'flagger-system' }, // default-deny; the Gateway's data plane and Prometheus may reach the pods
    analysis: {
      interval: '1m',
      threshold: 5,
      maxWeight: 50,
      stepWeight: 10,
      sessionAffinity: { cookieName: 'podinfo-canary', maxAgeSeconds: 3600 },
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
