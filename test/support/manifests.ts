/**
 * Plain manifests for the validation tests: a Deployment whose pods pass PSS
 * "restricted" and declare the port "http", its Service, and an HTTPRoute,
 * all in the namespace "shop".
 */
export const NS = 'shop';
export const meta = (name: string) => ({ name, namespace: NS });
export const LABELS = { app: 'web' };

/** A Deployment whose pods pass PSS "restricted" and declare the port "http". */
export function deployment(patch: { labels?: Record<string, string>; selector?: Record<string, string>; replicas?: number; container?: any; spec?: any } = {}) {
  const labels = patch.labels ?? LABELS;
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('web'),
    spec: {
      ...(patch.replicas !== undefined ? { replicas: patch.replicas } : {}),
      selector: { matchLabels: patch.selector ?? labels },
      template: {
        metadata: { labels },
        spec: {
          securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [{
            name: 'web', image: 'ghcr.io/acme/web:1.0.0', ports: [{ name: 'http', containerPort: 8080 }],
            securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
            ...patch.container,
          }],
        },
      },
      ...patch.spec,
    },
  };
}
/** A Service `name` selecting `selector`, port 80 to `targetPort`. */
export const service = (name = 'web', selector: Record<string, string> = LABELS, targetPort: string | number = 'http') =>
  ({ apiVersion: 'v1', kind: 'Service', metadata: meta(name), spec: { selector, ports: [{ name: 'http', port: 80, targetPort }] } });

/** An HTTPRoute web with `spec`. */
export const route = (spec: any) => ({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: meta('web'), spec });
