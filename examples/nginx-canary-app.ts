/**
 * Legacy, for clusters still on ingress-nginx (retired in March 2026: no
 * releases or security fixes); new clusters use RouteCanaryApp
 * (examples/route-canary-app.ts) on any Gateway API implementation.
 *
 * NginxCanaryApp: nginx 1.16 (stable) and nginx 1.17 (canary) each behind its
 * own Service and Ingress; ingress-nginx sends 20% of the requests for the
 * host to the canary Ingress. Each step (e.g. 20 -> 50) is a commit of
 * `CanaryRouting.weight(n)`; promote by moving the canary version into
 * `stable` and deleting `canary`; abort by deleting `canary`.
 *
 * nginx-unprivileged listens on 8080 as uid 101 (PSS "restricted"); it writes
 * only under /tmp (the default writable path).
 *
 * Run alone: node --import tsx examples/nginx-canary-app.ts (writes out-examples/nginx-canary-app)
 */
import { CanaryRouting, DeliveryEnvironment, GitOpsLayout, NginxCanaryApp, Probe } from '../lib';

const page = (track: string, version: string) =>
  `<!DOCTYPE html>\n<html><body><h1>nginx ${version} (${track})</h1></body></html>\n`;

export function nginxCanaryExample(env: DeliveryEnvironment): NginxCanaryApp {
  const chart = env.addApp('nginx-weighted');
  return new NginxCanaryApp(chart, 'nginx-weighted', {
    name: 'nginx-weighted',
    stable: {
      image: 'nginxinc/nginx-unprivileged:1.16-alpine',
      replicas: 3,
      configFiles: { 'index.html': page('stable', '1.16') },
    },
    canary: {
      image: 'nginxinc/nginx-unprivileged:1.17-alpine',
      replicas: 2,
      configFiles: { 'index.html': page('canary', '1.17') },
    },
    routing: CanaryRouting.weight(20),
    port: 8080,
    configMountPath: '/usr/share/nginx/html',
    readiness: Probe.http('/', { periodSeconds: 5 }),
    security: { runAsUser: 101, runAsGroup: 101 },
    ingress: { className: 'nginx', hosts: ['weighted.demo.example.com'] },
    networkPolicy: { ingressNamespaces: ['ingress-nginx'] }, // default-deny; the ingress-nginx controller may reach the pods
  });
}

if (require.main === module) {
  const layout = new GitOpsLayout({ outdir: process.env.CDK8S_OUTDIR ?? 'out-examples/nginx-canary-app' });
  nginxCanaryExample(layout.addEnvironment('demo'));
  layout.synth();
}
