/**
 * The baseline of the synth-time comparison: the random-generator Deployment
 * of examples/rolling-app.ts written by hand on the cdk8s L1 API (the classes
 * `cdk8s import k8s` generates; cdk8s-plus-28 ships them compiled), one App,
 * one Chart, `app.synth()`. No library, no validation, no GitOps layout.
 *
 *   CDK8S_CHECK_UPGRADE=false npx cdk8s synth     (in this folder)
 *   node --import tsx main.ts
 */
import { App, Chart } from 'cdk8s';
import { IntOrString, KubeDeployment, Quantity } from 'cdk8s-plus-28/lib/imports/k8s';

// written into bench/results/ (git-ignored) unless CDK8S_OUTDIR says otherwise
const app = new App({ outdir: process.env.CDK8S_OUTDIR ?? '../results/baseline-app' });
const chart = new Chart(app, 'random-generator', { namespace: 'random-generator', disableResourceNameHashes: true });
const labels = { 'app.kubernetes.io/name': 'random-generator' };
const probe = (initialDelaySeconds: number, periodSeconds: number) => ({
  httpGet: { path: '/actuator/health', port: IntOrString.fromString('http') }, initialDelaySeconds, periodSeconds,
});

new KubeDeployment(chart, 'deployment', {
  metadata: { name: 'random-generator', labels },
  spec: {
    replicas: 3,
    selector: { matchLabels: labels },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: IntOrString.fromNumber(1), maxUnavailable: IntOrString.fromNumber(1) } },
    minReadySeconds: 5,
    template: {
      metadata: { labels },
      spec: {
        automountServiceAccountToken: false,
        securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [{
          name: 'random-generator',
          image: 'k8spatterns/random-generator:1.0',
          ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
          readinessProbe: probe(5, 5),
          livenessProbe: probe(30, 15),
          resources: {
            requests: { cpu: Quantity.fromString('200m'), memory: Quantity.fromString('256Mi') },
            limits: { memory: Quantity.fromString('512Mi') },
          },
          securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
          volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
        }],
        volumes: [{ name: 'tmp', emptyDir: {} }],
      },
    },
  },
});

app.synth();
