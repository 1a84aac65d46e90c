/**
 * FlaggerBlueGreenApp: podinfo released blue/green by Flagger on Gateway API
 * (the HTTPRoute Flagger generates switches all traffic at once). A new
 * version first passes a blocking acceptance test, then runs beside the live
 * one for 10 one-minute iterations under a load test while Flagger checks the
 * success rate and a custom Prometheus error rate; 2 failed checks roll it
 * back, otherwise all traffic switches at once.
 *
 * Run alone: node --import tsx examples/flagger-blue-green-app.ts (writes out-examples/flagger-blue-green-app)
 */
import {
  CanaryProvider, DeliveryEnvironment, FlaggerBlueGreenApp, FlaggerLoadTester, GitOpsLayout, Metric, MetricProviderType, MetricTemplate, MonitorKind, Probe,
} from '../lib';

export function flaggerBlueGreenExample(env: DeliveryEnvironment): FlaggerBlueGreenApp {
  // Flux waits for the Canary to be promoted; the layout sizes the timeout from the rollout plan.
  const chart = env.addApp('podinfo-bg');
  const canaryUrl = `http://podinfo-bg-canary.${chart.appNamespace}`; // the Service Flagger generates for the new version
  const loadtester = new FlaggerLoadTester(chart, 'loadtester');
  // Percentage of 5xx responses of the new pods ("<target>-<rs>-<pod>"; the regex leaves out "<target>-primary-...").
  const pods = 'kubernetes_namespace="{{ namespace }}",kubernetes_pod_name=~"{{ target }}-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)"';
  const errorRate = new MetricTemplate(chart, 'error-rate', {
    name: 'error-rate',
    provider: MetricProviderType.PROMETHEUS,
    address: 'http://flagger-prometheus.flagger-system:9090',
    query: `100 * sum(rate(http_request_duration_seconds_count{${pods},status=~"5.."}[{{ interval }}]))`
      + ` / sum(rate(http_request_duration_seconds_count{${pods}}[{{ interval }}]))`,
  });
  return new FlaggerBlueGreenApp(chart, 'podinfo-bg', {
    name: 'podinfo-bg',
    image: 'ghcr.io/stefanprodan/podinfo:6.7.1',
    port: 9898,
    readiness: Probe.http('/readyz'),
    liveness: Probe.http('/healthz'),
    security: { runAsUser: 10001, runAsGroup: 10001, writablePaths: ['/tmp', '/data'] },
    // An HPA instead of fixed replicas, so that Flux does not scale the idle Deployment back up.
    autoscaling: { minReplicas: 2, maxReplicas: 4 },
    // CanaryProvider.kubernetes() (the default) switches plain Services; Gateway API exposes the app as well
    provider: CanaryProvider.gatewayApi({ gatewayRefs: [{ name: 'public', namespace: 'gateway-system' }], hosts: ['podinfo-bg.demo.example.com'] }),
    // Prometheus scrapes podinfo's own metrics, which the error-rate template and the builtin success rate read.
    monitoring: { kind: MonitorKind.POD_ANNOTATIONS },
    networkPolicy: { ingressNamespaces: ['gateway-system'], prometheusNamespace: 'flagger-system' },
    analysis: {
      interval: '1m',
      threshold: 2,
      iterations: 10,
      metrics: [
        Metric.requestSuccessRate({ minPercent: 99 }),
        Metric.fromTemplate(errorRate, { max: 1 }),
      ],
      webhooks: [
        loadtester.tester.bashTest({ name: 'acceptance-test', command: `curl -sd 'test' ${canaryUrl}/token | grep token`, timeout: '30s' }),
        loadtester.tester.heyLoadTest({ url: `${canaryUrl}/` }),
      ],
    },
  });
}

if (require.main === module) {
  const layout = new GitOpsLayout({ outdir: process.env.CDK8S_OUTDIR ?? 'out-examples/flagger-blue-green-app' });
  flaggerBlueGreenExample(layout.addEnvironment('demo'));
  layout.synth();
}
