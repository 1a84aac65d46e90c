/**
 * RollingApp: the k8spatterns random-generator, updated in place in waves of
 * one pod (3 replicas, maxSurge 1, maxUnavailable 1), exposed by an HTTPRoute
 * on the platform's Gateway `gateway-system/public` (its listener must allow
 * routes from the app's namespace).
 *
 * Run alone: node --import tsx examples/rolling-app.ts (writes out-examples/rolling-app)
 */
import { CountOrPercent, DeliveryEnvironment, DeploymentStrategy, GitOpsLayout, Probe, RollingApp } from '../lib';

export function rollingExample(env: DeliveryEnvironment): RollingApp {
  const chart = env.addApp('random-generator');
  return new RollingApp(chart, 'random-generator', {
    name: 'random-generator',
    image: 'k8spatterns/random-generator:1.0',
    replicas: 3,
    port: 8080,
    strategy: DeploymentStrategy.rollingUpdate({
      maxSurge: CountOrPercent.count(1),
      maxUnavailable: CountOrPercent.count(1),
    }),
    readiness: Probe.http('/actuator/health', { initialDelaySeconds: 5, periodSeconds: 5 }),
    liveness: Probe.http('/actuator/health', { initialDelaySeconds: 30, periodSeconds: 15, failureThreshold: 4 }),
    minReadySeconds: 5,
    resources: { cpuRequest: '200m', memoryRequest: '256Mi', memoryLimit: '512Mi' },
    security: { runAsUser: 10001, runAsGroup: 10001 },
    route: {
      parentRefs: [{ name: 'public', namespace: 'gateway-system' }],
      hostnames: ['random.demo.example.com'],
      requestTimeout: '30s',
    },
    networkPolicy: { ingressNamespaces: ['gateway-system'] }, // default-deny; the Gateway's data plane in gateway-system may reach the pods
  });
}

if (require.main === module) {
  const layout = new GitOpsLayout({ outdir: process.env.CDK8S_OUTDIR ?? 'out-examples/rolling-app' });
  rollingExample(layout.addEnvironment('demo'));
  layout.synth();
}
