/**
 * The validation users call on their own manifests, charts and apps: one
 * finding per rule, naming the object and the field (and, from a layout, the
 * file), and GitOpsLayout.synth() running it before anything is written.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import { GitOpsLayout, PodSecurityLevel, RollingApp, ValidationFinding, Validator } from '../../lib';
import { deployment, LABELS, meta, NS, route, service } from '../support/manifests';

const ingress = (name: string, backend: any) => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: meta(name),
  spec: { ingressClassName: 'nginx', rules: [{ host: 'web.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: backend } }] } }] },
});
const hpa = (target: string) => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: meta('web'),
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target }, minReplicas: 2, maxReplicas: 4 },
});
const pdb = (selector: Record<string, string>) => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta('web'), spec: { maxUnavailable: 1, selector: { matchLabels: selector } } });
const canary = { apiVersion: 'flagger.app/v1beta1', kind: 'Canary', metadata: meta('web'), spec: { targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, service: { port: 80 }, analysis: { interval: '1m', threshold: 5, stepWeight: 10 } } };
const kustomization = (name: string, dependsOn: string[] = []) => ({
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', metadata: { name, namespace: 'flux-system' },
  spec: { interval: '10m', path: `./dist/${name}`, prune: true, sourceRef: { kind: 'GitRepository', name: 'flux-system' }, ...(dependsOn.length ? { dependsOn: dependsOn.map(d => ({ name: d })) } : {}) },
});
const configMap = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(name), data: { a: 'b' } });

/** The one finding of `manifests` (fails when there is none or several). */
function onlyFinding(manifests: any[]): ValidationFinding {
  const findings = Validator.validateManifests(manifests);
  expect(findings).toHaveLength(1);
  return findings[0];
}

test('a well-wired app has no findings', () => {
  expect(Validator.validateManifests([deployment(), service(), ingress('web', { name: 'web', port: { number: 80 } }), pdb(LABELS), configMap('settings')])).toEqual([]);
});

describe('one finding per rule, naming the object and the field', () => {
  test.each<[string, any[], Partial<ValidationFinding>, string]>([
    ['schema: unknown fields are errors', [deployment({ spec: { replica: 2 } })], { rule: 'schema', object: 'Deployment shop/web', field: '/spec' }, 'must NOT have additional properties {"additionalProperty":"replica"}'],
    ['schema: formats are checked (int32)', [deployment({ replicas: 2 ** 31 })], { rule: 'schema', field: '/spec/replicas' }, 'must match format "int32"'],
    ['pod-security: restricted controls', [deployment({ container: { securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, privileged: true } } })],
      { rule: 'pod-security', object: 'Deployment shop/web', field: '/spec/template/spec/containers/0/securityContext/privileged' }, 'container web is privileged (baseline); the namespace shop enforces Pod Security Standards "restricted"'],
    ['pod-security: the Job pods of an Argo Rollouts analysis', [{
      apiVersion: 'argoproj.io/v1alpha1', kind: 'AnalysisTemplate', metadata: meta('load'),
      spec: { metrics: [{ name: 'load', provider: { job: { spec: { template: { spec: { restartPolicy: 'Never', securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }, containers: [{ name: 'hey', image: 'ghcr.io/acme/hey:1.0', securityContext: { capabilities: { drop: ['ALL'] } } }] } } } } } }] },
    }], { rule: 'pod-security', object: 'AnalysisTemplate shop/load', field: '/spec/metrics/0/provider/job/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation' }, 'the namespace shop enforces Pod Security Standards "restricted"'],
    ['selector: the workload selects its pods', [deployment({ selector: { app: 'other' } }), service('web', { app: 'web' })], { rule: 'selector', field: '/spec/selector' }, 'does not match the pod template labels'],
    ['probe: probes target declared ports', [deployment({ container: { readinessProbe: { httpGet: { path: '/', port: 'metrics' } } } })],
      { rule: 'probe', field: '/spec/template/spec/containers/0/readinessProbe' }, 'the port name "metrics", which no container declares'],
    ['service: the selector matches pods', [deployment(), service('web', { app: 'api' })], { rule: 'service', object: 'Service shop/web', field: '/spec/selector' }, 'matches no pods of a workload applied with it'],
    ['service: the target port is declared', [deployment(), service('web', LABELS, 'grpc')], { rule: 'service', field: '/spec/ports/0/targetPort' }, 'the target port "grpc" is not declared'],
    ['ingress: the backend Service exists', [ingress('web', { name: 'api', port: { number: 80 } })], { rule: 'ingress', object: 'Ingress shop/web', field: '/spec/rules/0/http/paths/0/backend/service' }, 'the backend Service "api" is not applied'],
    ['ingress: the backend port is served', [deployment(), service(), ingress('web', { name: 'web', port: { number: 8080 } })], { rule: 'ingress', field: '/spec/rules/0/http/paths/0/backend/service/port' }, 'does not serve port {"number":8080}'],
    ['ingress: one Ingress per host and path', [deployment(), service(), ingress('web', { name: 'web', port: { number: 80 } }), ingress('web-2', { name: 'web', port: { number: 80 } })],
      { rule: 'ingress', object: 'Ingress shop/web-2', field: '/spec/rules/0/http/paths/0' }, 'ingress-nginx refuses the second Ingress'],
    ['route: attached to a Gateway', [deployment(), service(), route({ rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] })], { rule: 'route', field: '/spec/parentRefs' }, 'attached to no Gateway'],
    ['route: the backend Service exists', [route({ parentRefs: [{ name: 'public' }], rules: [{ backendRefs: [{ name: 'api', port: 80 }] }] })], { rule: 'route', field: '/spec/rules/0/backendRefs/0' }, 'the backend Service "api" is not applied'],
    ['route: not every backend at weight 0', [deployment(), service(), route({ parentRefs: [{ name: 'public' }], rules: [{ backendRefs: [{ name: 'web', port: 80, weight: 0 }] }] })],
      { rule: 'route', field: '/spec/rules/0/backendRefs' }, 'every backend has weight 0'],
    ['autoscaler: the target is applied', [hpa('api')], { rule: 'autoscaler', object: 'HorizontalPodAutoscaler shop/web', field: '/spec/scaleTargetRef' }, 'the target Deployment "api" is not applied'],
    ['autoscaler: the target leaves replicas to it', [deployment({ replicas: 3 }), hpa('web')], { rule: 'autoscaler', object: 'Deployment shop/web', field: '/spec/replicas' }, 'leave replicas out'],
    ['disruption-budget: the selector matches pods', [deployment(), pdb({ app: 'api' })], { rule: 'disruption-budget', field: '/spec/selector' }, 'matches no pods'],
    ['flagger-owned: no object Flagger creates', [deployment(), canary, service('web-primary', { app: 'web-primary' })], { rule: 'flagger-owned', object: 'Service shop/web-primary', field: '/metadata/name' }, 'Flagger creates this object for Canary web'],
    ['ownership: one owner per object', [configMap('settings'), configMap('settings')], { rule: 'ownership', object: 'ConfigMap shop/settings', field: '/metadata/name' }, 'applies an object of the same kind, namespace and name'],
    ['flux-depends-on: dependencies exist', [kustomization('web', ['flagger'])], { rule: 'flux-depends-on', object: 'Kustomization flux-system/web', field: '/spec/dependsOn/0' }, 'depends on the Kustomization flux-system/flagger'],
  ])('%s', (_rule, manifests, expected, message) => {
    const finding = onlyFinding(manifests);
    expect(finding).toMatchObject(expected);
    expect(finding.message).toContain(message);
  });
});

describe('options', () => {
  test('externalKustomizations: a dependency on a Kustomization outside the manifests', () => {
    expect(Validator.validateManifests([kustomization('web', ['flagger'])], { externalKustomizations: ['flux-system/flagger'] })).toEqual([]);
  });

  test('podSecurity: the level of namespaces without a Namespace object; a Namespace object\'s label wins', () => {
    const runsAsRoot = deployment({ container: { securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: false } } });
    expect(Validator.validateManifests([runsAsRoot]).map(f => f.field)).toEqual(['/spec/template/spec/containers/0/securityContext/runAsNonRoot']);
    expect(Validator.validateManifests([runsAsRoot], { podSecurity: PodSecurityLevel.BASELINE })).toEqual([]);
    const baseline = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS, labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } } };
    expect(Validator.validateManifests([baseline, runsAsRoot])).toEqual([]);
  });
});

describe('on charts and apps', () => {
  test('validate(construct) checks the chart it is in; validateOrThrow lists the findings, one per line', () => {
    const chart = new Chart(Testing.app(), 'shop', { namespace: NS });
    const app = new RollingApp(chart, 'web', { name: 'web', image: 'ghcr.io/acme/web:1.0.0' });
    new ApiObject(chart, 'bad', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'bad' }, data: { a: 1 } as any });
    expect(Validator.validate(app)).toEqual([{ rule: 'schema', object: 'ConfigMap shop/bad', field: '/data/a', message: 'must be string {"type":"string"}' }]);
    expect(Object.keys(Validator.validate(app)[0])).not.toContain('file');
    expect(() => Validator.validateOrThrow(chart)).toThrow('validation failed with 1 finding(s):\n  - ConfigMap shop/bad: /data/a: must be string {"type":"string"} [schema]');
  });
});

describe('GitOpsLayout.synth() validates before writing', () => {
  /** Two app folders in one namespace, each with an app named web: two owners of every object. */
  function layout(outdir: string, validate?: boolean) {
    const l = new GitOpsLayout({ outdir, validate });
    const prod = l.addEnvironment('prod');
    new RollingApp(prod.addApp('web'), 'web', { name: 'web', image: 'ghcr.io/acme/web:1.0.0' });
    new RollingApp(prod.addApp('web-copy', { namespace: 'web' }), 'web', { name: 'web', image: 'ghcr.io/acme/web:1.0.0' });
    return l;
  }

  test('a finding names the file; nothing is written', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-'));
    expect(() => layout(outdir).synth()).toThrow(/prod\/web-copy\/deployment-web\.yaml: Deployment web\/web: \/metadata\/name: prod\/web\/deployment-web\.yaml applies an object of the same kind, namespace and name/);
    expect(fs.readdirSync(outdir)).toEqual([]);
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  test('validate: false writes without checking', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-'));
    expect(layout(outdir, false).synth().apps).toBe(2);
    fs.rmSync(outdir, { recursive: true, force: true });
  });
});
