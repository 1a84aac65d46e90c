/**
 * BlueGreenApp switched by HTTPRoute: nginx 1.16 (blue, active) and nginx
 * 1.17 (green, idle), 4 replicas each, each serving its own index.html from its
 * own ConfigMap and behind its own Service (`nginx-blue-green-blue`,
 * `nginx-blue-green-green`). The HTTPRoute `nginx-blue-green` sends the host to
 * blue; the HTTPRoute `nginx-blue-green-preview` sends the preview host to
 * green. Switch with `active: Color.GREEN` (only the two backendRefs change),
 * roll back by setting it back.
 *
 * The images are nginx-unprivileged (port 8080, uid 101; the stock nginx image
 * runs as root on port 80, which PSS "restricted" forbids). It writes only its
 * pid file and temp files, all under /tmp (the default writable path).
 * nginx-unprivileged starts at 1.16, so blue runs 1.16 where the stock-image
 * seed ran 1.14.
 *
 * Run alone: node --import tsx examples/blue-green-app.ts (writes out-examples/blue-green-app)
 */
import { BlueGreenApp, BlueGreenSwitch, Color, DeliveryEnvironment, GitOpsLayout, Probe } from '../lib';

const page = (color: string, version: string) =>
  `<!DOCTYPE html>\n<html><body style="background:${color}"><h1>nginx ${version} (${color})</h1></body></html>\n`;

export function blueGreenExample(env: DeliveryEnvironment): BlueGreenApp {
  const chart = env.addApp('nginx-blue-green');
  return new BlueGreenApp(chart, 'nginx-blue-green', {
    name: 'nginx-blue-green',
    active: Color.BLUE,
    switchBy: BlueGreenSwitch.ROUTE_BACKEND,
    blue: {
      image: 'nginxinc/nginx-unprivileged:1.16-alpine',
      replicas: 4,
      configFiles: { 'index.html': page('blue', '1.16') },
    },
    green: {
      image: 'nginxinc/nginx-unprivileged:1.17-alpine',
      replicas: 4,
      configFiles: { 'index.html': page('green', '1.17') },
    },
    port: 8080,
    configMountPath: '/usr/share/nginx/html',
    readiness: Probe.http('/', { periodSeconds: 5 }),
    security: { runAsUser: 101, runAsGroup: 101 },
    route: { parentRefs: [{ name: 'public', namespace: 'gateway-system' }], hostnames: ['blue-green.demo.example.com'] },
    networkPolicy: { ingressNamespaces: ['gateway-system'] }, // default-deny; the Gateway's data plane in gateway-system may reach the pods
    previewHosts: ['preview.blue-green.demo.example.com'],
  });
}

if (require.main === module) {
  const layout = new GitOpsLayout({ outdir: process.env.CDK8S_OUTDIR ?? 'out-examples/blue-green-app' });
  blueGreenExample(layout.addEnvironment('demo'));
  layout.synth();
}
