/**
 * Environments with gated promotion: the same podinfo canary in staging and
 * production, with per-environment overrides (host, replicas, resources,
 * analysis thresholds). Production's Flux Kustomization depends on staging's,
 * and staging's is only Ready once podinfo-primary runs this release's
 * revision, which Flagger writes there only after staging's analysis passed.
 *
 * Both environments run on the cluster "platform" (one Flux instance: Flux
 * `dependsOn` works within one instance), each in its own namespace. Both wait
 * for the cluster's infrastructure (Flagger, its CRDs and loadtester), which
 * the layout writes to infrastructure/platform/.
 *
 * Argo CD deploys the same folders from argocd/platform/. Sync waves order
 * only what its root applies, so production follows a branch of its own,
 * `release`, which CI moves to a commit once staging runs it healthy
 * (`argocd app wait staging-podinfo --sync --health && git push origin HEAD:release`).
 *
 * Run alone: node --import tsx examples/environments.ts (writes out-examples/environments)
 */
import {
  Alert, AlertProvider, AlertProviderType, AlertSeverity, CanaryApp, CanaryProvider, DeliveryEnvironment, GitOpsLayout, GitOpsOutput, LoadTester, Metric, MonitorKind, Probe,
} from '../lib';

/** What differs between staging and production. */
export interface PodinfoSettings {
  readonly host: string;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly cpuRequest: string;
  readonly memoryLimit: string;
  readonly minSuccessRate: number;
  readonly maxDurationMs: number;
  readonly stepWeight: number;
  readonly maxWeight: number;
  readonly threshold: number;
  readonly slackAlerts: boolean;
}

/** The podinfo release the example deploys. */
export const PODINFO_VERSION = '6.7.1';

/** The app definition shared by every environment, at podinfo `version`. */
export function podinfoRelease(env: DeliveryEnvironment, s: PodinfoSettings, version = PODINFO_VERSION): CanaryApp {
  const chart = env.addApp('podinfo');
  // the cluster's loadtester, which the layout's infrastructure installs beside Flagger
  const tester = LoadTester.inNamespace('flagger-system');
  const slack = s.slackAlerts
    ? new AlertProvider(chart, 'slack', { name: 'slack', type: AlertProviderType.SLACK, channel: 'releases', secretName: 'slack-webhook' })
    : undefined;
  return new CanaryApp(chart, 'podinfo', {
    name: 'podinfo',
    image: `ghcr.io/stefanprodan/podinfo:${version}`,
    port: 9898,
    readiness: Probe.http('/readyz'),
    liveness: Probe.http('/healthz'),
    resources: { cpuRequest: s.cpuRequest, memoryRequest: '64Mi', memoryLimit: s.memoryLimit },
    security: { runAsUser: 10001, runAsGroup: 10001, writablePaths: ['/tmp', '/data'] },
    autoscaling: { minReplicas: s.minReplicas, maxReplicas: s.maxReplicas },
    provider: CanaryProvider.gatewayApi({ gatewayRefs: [{ name: 'public', namespace: 'gateway-system' }], hosts: [s.host] }),
    // Flagger's builtin metrics on gatewayapi read podinfo's own http_request_duration_seconds (not the Gateway's series):
    // the ServiceMonitor has the cluster's Prometheus scrape it, and the Canary queries that Prometheus.
    monitoring: { kind: MonitorKind.POD_ANNOTATIONS }, // the cluster's Prometheus (infrastructure.prometheus) scrapes annotated pods
    networkPolicy: { ingressNamespaces: ['gateway-system'], prometheusNamespace: 'flagger-system' }, // default-deny; the Gateway's data plane and Prometheus may reach the pods
    analysis: {
      interval: '1m',
      threshold: s.threshold,
      stepWeight: s.stepWeight,
      maxWeight: s.maxWeight,
      metrics: [
        Metric.requestSuccessRate({ minPercent: s.minSuccessRate }),
        Metric.requestDuration({ maxMilliseconds: s.maxDurationMs }),
      ],
      webhooks: [tester.heyLoadTest({ url: `http://${s.host}/`, duration: '1m', qps: 10, concurrency: 2 })],
      alerts: slack ? [Alert.to(slack, AlertSeverity.WARN)] : [],
    },
  });
}

/**
 * The Argo CD output of the examples: production follows `release`, the
 * branch CI moves once staging is healthy (see the rollout plan's
 * "Promotion gate"), so Argo CD never syncs a release to production before
 * staging passed it.
 */
export function argoCdOutput(): GitOpsOutput {
  return GitOpsOutput.argoCd({ repoUrl: 'https://github.com/example-org/platform-delivery.git', environmentRevisions: { production: 'release' } });
}

/** Staging, then production gated on staging, both at podinfo `version`. */
export function environmentsExample(layout: GitOpsLayout, version = PODINFO_VERSION): DeliveryEnvironment[] {
  const staging = layout.addEnvironment('staging', { cluster: 'platform', namespace: 'podinfo-staging' });
  const production = layout.addEnvironment('production', { cluster: 'platform', namespace: 'podinfo-production', after: [staging] });
  podinfoRelease(staging, {
    host: 'podinfo.staging.example.com', minReplicas: 1, maxReplicas: 2, cpuRequest: '50m', memoryLimit: '128Mi',
    minSuccessRate: 95, maxDurationMs: 1000, stepWeight: 25, maxWeight: 50, threshold: 3, slackAlerts: false,
  }, version);
  podinfoRelease(production, {
    host: 'podinfo.example.com', minReplicas: 3, maxReplicas: 10, cpuRequest: '200m', memoryLimit: '256Mi',
    minSuccessRate: 99, maxDurationMs: 500, stepWeight: 10, maxWeight: 50, threshold: 5, slackAlerts: true,
  }, version);
  return [staging, production];
}

if (require.main === module) {
  const layout = new GitOpsLayout({
    outdir: process.env.CDK8S_OUTDIR ?? 'out-examples/environments',
    outputs: [GitOpsOutput.flux(), argoCdOutput()],
  });
  environmentsExample(layout);
  layout.synth();
}
