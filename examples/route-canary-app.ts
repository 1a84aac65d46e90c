/**
 * RouteCanaryApp: a canary by Gateway API route weights, without a controller.
 * nginx 1.16 (stable, 3 replicas) and nginx 1.17 (canary, 1 replica) each
 * behind its own Service; the HTTPRoute `nginx-route` on the Gateway
 * `gateway-system/public` sends 20% of the requests to the canary, and every
 * request with the header `x-canary: insider` (A/B). Each weight step
 * (5 -> 20 -> 50) is a commit of `canaryWeight`; promote by moving the canary
 * version into `stable` and deleting `canary`; abort by deleting `canary`.
 *
 * nginx-unprivileged listens on 8080 as uid 101 (PSS "restricted"); it writes
 * only under /tmp (the default writable path). A default-deny NetworkPolicy
 * lets only the Gateway reach both tracks' pods.
 *
 * Run alone: node --import tsx examples/route-canary-app.ts (writes out-examples/route-canary-app)
 */
import { DeliveryEnvironment, GitOpsLayout, Probe, RouteCanaryApp, TrafficMatch } from '../lib';

const page = (track: string, version: string) =>
  `<!DOCTYPE html>\n<html><body><h1>nginx ${version} (${track})</h1></body></html>\n`;

export function routeCanaryExample(env: DeliveryEnvironment): RouteCanaryApp {
  const chart = env.addApp('nginx-route');
  return new RouteCanaryApp(chart, 'nginx-route', {
    name: 'nginx-route',
    stable: {
      image: 'nginxinc/nginx-unprivileged:1.16-alpine',
      replicas: 3,
      configFiles: { 'index.html': page('stable', '1.16') },
    },
    canary: {
      image: 'nginxinc/nginx-unprivileged:1.17-alpine',
      replicas: 1,
      configFiles: { 'index.html': page('canary', '1.17') },
    },
    weightSteps: [5, 20, 50],
    canaryWeight: 20,
    canaryMatches: [TrafficMatch.headerExact('x-canary', 'insider')],
    port: 8080,
    configMountPath: '/usr/share/nginx/html',
    readiness: Probe.http('/', { periodSeconds: 5 }),
    security: { runAsUser: 101, runAsGroup: 101 },
    route: {
      parentRefs: [{ name: 'public', namespace: 'gateway-system' }],
      hostnames: ['canary.demo.example.com'],
      responseHeaders: { set: { 'Cache-Control': 'no-store' } },
    },
    networkPolicy: { ingressNamespaces: ['gateway-system'] }, // default-deny; the Gateway's data plane in gateway-system may reach the pods
  });
}

if (require.main === module) {
  const layout = new GitOpsLayout({ outdir: process.env.CDK8S_OUTDIR ?? 'out-examples/route-canary-app' });
  routeCanaryExample(layout.addEnvironment('demo'));
  layout.synth();
}
