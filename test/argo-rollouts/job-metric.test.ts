import { Testing } from 'cdk8s';
import { RolloutBlueGreenApp, RolloutBlueGreenAppProps, RolloutCanaryApp, RolloutJobMetricOptions, RolloutMetric, RolloutTrafficRouter } from '../../lib';
import { expectPropError } from '../support/errors';
import { pssViolations } from '../support/pss';
import { find, synthValid } from '../support/validate';

const LOADTESTER = 'ghcr.io/fluxcd/flagger-loadtester:0.34.0';
/** Load on the preview Service while the pre-promotion analysis measures it (Flagger's loadtester `cmd`). */
const load: RolloutJobMetricOptions = { name: 'load', image: LOADTESTER, command: ['hey', '-z', '50s', '-q', '5', '-c', '2', 'http://api-preview.shop/'] };
const base: RolloutBlueGreenAppProps = {
  name: 'api',
  namespace: 'shop',
  image: 'ghcr.io/acme/api:1.4.2',
  replicas: 3,
  analysis: { iterations: 5, threshold: 2, metrics: [RolloutMetric.job(load)] },
};

function make(job: Partial<RolloutJobMetricOptions> = {}) {
  return new RolloutBlueGreenApp(Testing.chart(), 'api', { ...base, analysis: { ...base.analysis, metrics: [RolloutMetric.job({ ...load, ...job })] } });
}

describe('a Job metric: load on the preview Service during the pre-promotion analysis', () => {
  const chart = Testing.chart();
  const app = new RolloutBlueGreenApp(chart, 'api', base);
  const objects = synthValid(chart);
  const metric = find(objects, 'AnalysisTemplate', 'api-pre-promotion').spec.metrics[0];
  const job = metric.provider.job;

  test('one Job per measurement, every interval; it passes when the Job succeeds (no Prometheus needed)', () => {
    expect(metric).toMatchObject({ name: 'load', count: 5, interval: '1m', failureLimit: 1 });
    expect(metric.successCondition).toBeUndefined();
    expect(job.spec).toMatchObject({ backoffLimit: 0, activeDeadlineSeconds: 60 });
    expect(job.spec.template.spec.containers[0]).toMatchObject({ image: LOADTESTER, command: load.command });
  });

  test('its pod passes PSS "restricted", gets no service account token and has a writable /tmp only', () => {
    const pod = job.spec.template.spec;
    expect(pssViolations(pod)).toEqual([]);
    expect(pod).toMatchObject({ restartPolicy: 'Never', automountServiceAccountToken: false, securityContext: { runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534 } });
    expect(pod.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
    expect(pod.containers[0].volumeMounts).toEqual([{ name: 'writable-0', mountPath: '/tmp' }]);
  });

  test('its pods carry labels a NetworkPolicy can allow, not the app\'s selector (no Service sends them requests)', () => {
    expect(job.spec.template.metadata.labels).toEqual({ 'app.kubernetes.io/component': 'analysis', 'app.kubernetes.io/part-of': 'api', 'app.kubernetes.io/managed-by': 'cdk8s-delivery' });
    expect(job.spec.template.metadata.labels['app.kubernetes.io/name']).toBeUndefined();
  });

  test('the plan says what the Job runs', () => {
    expect(app.plan.metrics[0].meaning).toBe('a Job running `hey -z 50s -q 5 -c 2 http://api-preview.shop/` (ghcr.io/fluxcd/flagger-loadtester:0.34.0) that succeeds');
  });
});

test('as a pre-rollout check of a canary (Flagger\'s pre-rollout webhook running a loadtester command), with an argument', () => {
  const chart = Testing.chart();
  const smoke = RolloutMetric.job({ name: 'smoke', image: LOADTESTER, command: ['curl', '-sf', 'http://web-canary.shop/{{args.path}}'], args: { path: 'healthz' }, timeoutSeconds: 30 });
  new RolloutCanaryApp(chart, 'web', {
    name: 'web', namespace: 'shop', image: 'ghcr.io/acme/web:2.1.0', trafficRouter: RolloutTrafficRouter.istio({ virtualService: 'web' }), analysis: { stepWeight: 50, preRolloutChecks: [smoke] },
  });
  const template = find(synthValid(chart), 'AnalysisTemplate', 'web-step-2').spec;
  expect(template.args).toEqual([{ name: 'path', value: 'healthz' }]);
  expect(template.metrics[0]).toMatchObject({ name: 'smoke', count: 1, provider: { job: { spec: { activeDeadlineSeconds: 30 } } } });
});

describe('Job metric rules checked at synth time', () => {
  const at = 'analysis.metrics[0]';
  test('a pinned image', () => expectPropError(() => make({ image: 'ghcr.io/fluxcd/flagger-loadtester:latest' }), `${at}.image`, 'ghcr.io/fluxcd/flagger-loadtester:latest', 'pinned'));
  test('a command', () => expectPropError(() => make({ command: [] }), `${at}.command`, [], 'non-empty strings'));
  test('timeoutSeconds >= 1', () => expectPropError(() => make({ timeoutSeconds: 0 }), `${at}.timeoutSeconds`, 0, '>= 1'));
  test('a non-root user', () => expectPropError(() => make({ runAsUser: 0 }), `${at}.runAsUser`, 0, '>= 1'));
  test('environment variable names', () => expectPropError(() => make({ env: { '1X': 'y' } }), `${at}.env`, '1X', 'variable names'));
  test('resources: a request within its limit', () => expectPropError(() => make({ resources: { memoryRequest: '512Mi' } }), `${at}.resources.memoryRequest`, '512Mi', 'cannot exceed its limit'));
  test('the command\'s arguments are resolved', () => expectPropError(() => make({ command: ['curl', 'http://{{args.host}}/'] }), `${at}.args`, ['host'], 'the command uses {{args.host}}'));
});
