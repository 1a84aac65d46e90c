/**
 * ReplicaCanaryApp: nginx 1.16 (stable, 4 replicas) and nginx 1.17 (canary,
 * 1 replica) behind one Service, so about 20% of the requests reach the canary.
 * Each version serves its own index.html from its own ConfigMap. Promote by
 * moving the canary version into `stable` and deleting `canary`; abort by
 * deleting `canary`.
 *
 * nginx-unprivileged listens on 8080 as uid 101 (PSS "restricted"); it writes
 * only under /tmp (the default writable path).
 *
 * Run alone: node --import tsx examples/replica-canary-app.ts (writes out-examples/replica-canary-app)
 */
import { DeliveryEnvironment, GitOpsLayout, Probe, ReplicaCanaryApp } from '../lib';

const page = (track: string, version: string) =>
  `<!DOCTYPE html>\n<html><body><h1>nginx ${version} (${track})</h1></body></html>\n`;

export function replicaCanaryExample(env: DeliveryEnvironment): ReplicaCanaryApp {
  const chart = env.addApp('nginx-ratio');
  return new ReplicaCanaryApp(chart, 'nginx-ratio', {
    name: 'nginx-ratio',
    stable: {
      image: 'nginxinc/nginx-unprivileged:1.16-alpine',
      replicas: 4,
      configFiles: { 'index.html': page('stable', '1.16') },
    },
    canary: {
      image: 'nginxinc/nginx-unprivileged:1.17-alpine',
      replicas: 1,
      configFiles: { 'index.html': page('canary', '1.17') },
    },
    port: 8080,
    configMountPath: '/usr/share/nginx/html',
    readiness: Probe.http('/', { periodSeconds: 5 }),
    security: { runAsUser: 101, runAsGroup: 101 },
    route: { parentRefs: [{ name: 'public', namespace: 'gateway-system' }], hostnames: ['ratio.demo.example.com'] },
    networkPolicy: { ingressNamespaces: ['gateway-system'] }, // default-deny; the Gateway's data plane in gateway-system may reach the pods
  });
}

if (require.main === module) {
  const layout = new GitOpsLayout({ outdir: process.env.CDK8S_OUTDIR ?? 'out-examples/replica-canary-app' });
  replicaCanaryExample(layout.addEnvironment('demo'));
  layout.synth();
}
