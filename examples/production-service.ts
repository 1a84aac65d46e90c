/**
 * A production-shaped service under a Flagger canary on Gateway API: the
 * `orders` API with a Cloud SQL Auth Proxy sidecar, its own ServiceAccount
 * (GKE workload identity) and a Role for leader election, volumes (a
 * signing key from a Secret, feature flags from a cdk8s-plus ConfigMap, a
 * size-limited cache and a Vault token), a dedicated node pool, a preStop
 * drain, a NetworkPolicy that lets in only the Gateway, the loadtester,
 * Prometheus and the checkout app, and a ServiceMonitor whose series feed
 * the canary analysis.
 *
 * Run alone: node --import tsx examples/production-service.ts (writes out-examples/production-service)
 */
import * as kplus from 'cdk8s-plus-28';
import {
  ApiVerb, CanaryApp, CanaryProvider, ConfigMapRef, DeliveryEnvironment, FlaggerLoadTester, GitOpsLayout, Metric, MetricProviderType, MetricTemplate,
  NetworkPolicyPeer, NetworkPolicyPort, PodSpread, PreStop, Probe, SecretRef, TaintEffect, Toleration, VolumeSource,
} from '../lib';

export function productionServiceExample(env: DeliveryEnvironment): CanaryApp {
  const chart = env.addApp('orders');
  const onServicePool = {
    nodeSelector: { 'cloud.google.com/gke-nodepool': 'services' },
    tolerations: [Toleration.equal('dedicated', 'services', { effect: TaintEffect.NO_SCHEDULE })],
  };
  const loadtester = new FlaggerLoadTester(chart, 'loadtester', { scheduling: onServicePool });
  // Feature flags, defined with cdk8s-plus and passed as is (Flagger tracks it and copies it to "orders-flags-primary").
  const flags = new kplus.ConfigMap(chart, 'flags', { metadata: { name: 'orders-flags' }, data: { 'flags.yaml': 'new-checkout: false\n' } });

  // The analysis reads the app's own series, which the ServiceMonitor below has Prometheus scrape
  // (new pods only: "<target>-<rs>-<pod>"; the regex leaves out "<target>-primary-...").
  const pods = 'kubernetes_namespace="{{ namespace }}",kubernetes_pod_name=~"{{ target }}-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)"';
  const prometheus = 'http://kube-prometheus-stack-prometheus.monitoring:9090';
  const errorRate = new MetricTemplate(chart, 'error-rate', {
    name: 'orders-error-rate',
    provider: MetricProviderType.PROMETHEUS,
    address: prometheus,
    query: `100 * sum(rate(http_request_duration_seconds_count{${pods},status=~"5.."}[{{ interval }}]))`
      + ` / sum(rate(http_request_duration_seconds_count{${pods}}[{{ interval }}]))`,
  });
  const latency = new MetricTemplate(chart, 'latency', {
    name: 'orders-latency-p99',
    provider: MetricProviderType.PROMETHEUS,
    address: prometheus,
    query: `1000 * histogram_quantile(0.99, sum(rate(http_request_duration_seconds_bucket{${pods}}[{{ interval }}])) by (le))`,
  });

  return new CanaryApp(chart, 'orders', {
    name: 'orders',
    image: 'ghcr.io/acme/orders:1.4.2',
    port: 8080,
    extraPorts: [{ name: 'metrics', port: 9090 }],
    readiness: Probe.http('/readyz'),
    liveness: Probe.http('/livez', { periodSeconds: 20 }),
    resources: { cpuRequest: '250m', memoryRequest: '256Mi', memoryLimit: '512Mi' },
    security: { runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001 },
    configFiles: { 'orders.yaml': 'database:\n  host: 127.0.0.1\n  port: 5432\n' },
    sidecars: [{
      name: 'cloud-sql-proxy',
      image: 'gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.14.1',
      args: ['--structured-logs', '--port=5432', '--http-address=0.0.0.0', '--http-port=9801', '--health-check', '--prometheus', 'acme-prod:europe-west1:orders'],
      ports: [{ name: 'proxy-admin', port: 9801 }],
      readiness: Probe.http('/readiness', { periodSeconds: 10 }),
      resources: { cpuRequest: '50m', memoryRequest: '64Mi', memoryLimit: '128Mi' },
      security: { runAsUser: 65532, runAsGroup: 65532 },
    }],
    volumes: [
      { name: 'signing-key', source: VolumeSource.secret(SecretRef.fromName('orders-signing-key'), { items: { 'private.pem': 'signing.pem' }, defaultMode: 0o440 }) },
      { name: 'flags', source: VolumeSource.configMap(ConfigMapRef.fromConfigMap(flags)) },
      { name: 'cache', source: VolumeSource.emptyDir({ sizeLimit: '1Gi' }) },
      { name: 'vault-token', source: VolumeSource.serviceAccountToken({ audience: 'vault', expirationSeconds: 3600 }) },
    ],
    volumeMounts: [
      { volume: 'signing-key', path: '/var/run/secrets/orders' },
      { volume: 'flags', path: '/etc/orders-flags' },
      { volume: 'cache', path: '/var/cache/orders' },
      { volume: 'vault-token', path: '/var/run/secrets/vault' },
    ],
    scheduling: { ...onServicePool, priorityClassName: 'business-critical' },
    spread: PodSpread.ZONE_AND_HOSTNAME,
    // Requests stop reaching a deleted pod while it sleeps; the image ships a shell and `sleep`.
    preStop: PreStop.sleep(10),
    terminationGracePeriodSeconds: 45,
    minReadySeconds: 10,
    automountServiceAccountToken: true,
    serviceAccount: {
      annotations: { 'iam.gke.io/gcp-service-account': 'orders@acme-prod.iam.gserviceaccount.com' },
      // Leader election of the outbox worker: a Lease it creates, then renews by name.
      rules: [
        { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: [ApiVerb.CREATE] },
        { apiGroups: ['coordination.k8s.io'], resources: ['leases'], resourceNames: ['orders-outbox'], verbs: [ApiVerb.GET, ApiVerb.UPDATE] },
      ],
    },
    networkPolicy: {
      ingressNamespaces: ['envoy-gateway-system'],
      prometheusNamespace: 'monitoring',
      apiServerCidrs: ['172.16.0.2/32'],
      ingress: [{ peers: [NetworkPolicyPeer.app('checkout', 'checkout')], ports: [NetworkPolicyPort.named('http')] }],
      egress: [
        // the GKE metadata server (workload identity tokens) and Google APIs (Cloud SQL Admin) over HTTPS
        { peers: [NetworkPolicyPeer.ipBlock('169.254.169.254/32')], ports: [NetworkPolicyPort.tcp(80), NetworkPolicyPort.tcp(988)] },
        { peers: [NetworkPolicyPeer.ipBlock('0.0.0.0/0', ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'])], ports: [NetworkPolicyPort.tcp(443)] },
        // the Cloud SQL instance's private IP range, through the proxy
        { peers: [NetworkPolicyPeer.ipBlock('10.20.0.0/24')], ports: [NetworkPolicyPort.tcp(3307)] },
      ],
    },
    monitoring: { port: 'metrics', interval: '30s', labels: { release: 'kube-prometheus-stack' } },
    autoscaling: { minReplicas: 3, maxReplicas: 10, cpuUtilization: 70 },
    provider: CanaryProvider.gatewayApi({ gatewayRefs: [{ name: 'public', namespace: 'envoy-gateway-system' }], hosts: ['orders.demo.example.com'] }),
    analysis: {
      interval: '1m',
      threshold: 5,
      stepWeight: 10,
      maxWeight: 50,
      metrics: [
        Metric.fromTemplate(errorRate, { max: 1 }),
        Metric.fromTemplate(latency, { max: 500 }),
      ],
      webhooks: [
        loadtester.tester.bashTest({ command: `curl -sf http://orders-canary.${chart.appNamespace}/readyz` }),
        loadtester.tester.heyLoadTest({ url: 'http://orders.demo.example.com/api/orders', duration: '1m', qps: 10, concurrency: 2 }),
      ],
    },
  });
}

if (require.main === module) {
  const layout = new GitOpsLayout({ outdir: process.env.CDK8S_OUTDIR ?? 'out-examples/production-service' });
  productionServiceExample(layout.addEnvironment('demo'));
  layout.synth();
}
