import {
  CanaryApp, CanaryProvider, DeliveryEnvironment, FlaggerBlueGreenApp, GitOpsLayout, Probe, RollingApp,
} from '../../../lib';
import { REVISION_ANNOTATION } from '../../../lib/core/delivery-hints';
import { FluxHealth, fluxHealth } from '../../support/flux-health';

/** What a Flagger app is given in each environment. */
type Define = (env: DeliveryEnvironment, image: string) => void;

const canary: Define = (env, image) => {
  new CanaryApp(env.addApp('web'), 'web', {
    name: 'web', image, port: 8080, readiness: Probe.http('/ready'),
    provider: CanaryProvider.gatewayApi({ gatewayRefs: [{ name: 'public', namespace: 'gateway-system' }], hosts: ['web.example.com'] }),
    analysis: { interval: '1m', stepWeight: 20, maxWeight: 60, threshold: 2, hasSteadyTraffic: true },
  });
};
const blueGreen: Define = (env, image) => {
  new FlaggerBlueGreenApp(env.addApp('web'), 'web', {
    name: 'web', image, port: 8080, readiness: Probe.http('/ready'),
    analysis: { interval: '1m', iterations: 3, threshold: 2, hasSteadyTraffic: true },
  });
};
const rolling: Define = (env, image) => {
  new RollingApp(env.addApp('web'), 'web', { name: 'web', image, port: 8080, readiness: Probe.http('/ready') });
};

/** Staging and production (after staging) with the same app; the rendered files. */
function render(define: Define, image = 'ghcr.io/acme/web:2.0.0', stagingWait?: boolean): Record<string, string> {
  const layout = new GitOpsLayout({ outdir: 'unused' });
  const staging = layout.addEnvironment('staging', { cluster: 'platform', namespace: 'web-staging', wait: stagingWait });
  const production = layout.addEnvironment('production', { cluster: 'platform', namespace: 'web-production', after: [staging] });
  define(staging, image);
  define(production, image);
  return layout.render();
}

const kustomization = (files: Record<string, string>, name: string) => {
  const { parse } = require('yaml');
  return parse(files[`clusters/platform/kustomization-${name}.yaml`]);
};

/** The revision staging's release carries (what Flagger must copy to the primary). */
const revisionOf = (files: Record<string, string>) => {
  const { parse } = require('yaml');
  return parse(files['staging/web/deployment-web.yaml']).spec.template.metadata.annotations[REVISION_ANNOTATION];
};

/** A Deployment as the API server reports it. */
const deployment = (name: string, revision: string | undefined, replicas: number, ready: number) => ({
  apiVersion: 'apps/v1', kind: 'Deployment',
  metadata: { name, namespace: 'web-staging', generation: 4 },
  spec: { replicas, template: { metadata: { annotations: revision ? { [REVISION_ANNOTATION]: revision, 'flagger-id': 'x' } : undefined } } },
  status: { observedGeneration: 4, replicas: ready, updatedReplicas: ready, availableReplicas: ready, readyReplicas: ready },
});
const canaryObject = (phase: string) => ({
  apiVersion: 'flagger.app/v1beta1', kind: 'Canary', metadata: { name: 'web', namespace: 'web-staging', generation: 1 },
  spec: {}, status: { phase, conditions: [] },
});

/** The cluster states of staging after a release, as Flux would find them. */
function states(revision: string): Record<string, any[]> {
  const previous = 'previousrevision';
  return {
    // applied a moment ago: Flagger has not looked yet, the Canary still shows the last release
    'stale Succeeded (the race)': [deployment('web', revision, 0, 0), canaryObject('Succeeded'), deployment('web-primary', previous, 2, 2)],
    'first deploy (Initialized)': [deployment('web', revision, 0, 0), canaryObject('Initialized'), deployment('web-primary', revision, 2, 2)],
    'analysis in progress': [deployment('web', revision, 2, 2), canaryObject('Progressing'), deployment('web-primary', previous, 2, 2)],
    'promoting: the primary rolls': [deployment('web', revision, 2, 2), canaryObject('Promoting'), { ...deployment('web-primary', revision, 2, 2), status: { observedGeneration: 4, replicas: 3, updatedReplicas: 1, availableReplicas: 2 } }],
    'promoted': [deployment('web', revision, 0, 0), canaryObject('Succeeded'), deployment('web-primary', revision, 2, 2)],
    'analysis failed': [deployment('web', revision, 0, 0), canaryObject('Failed'), deployment('web-primary', previous, 2, 2)],
  };
}

/**
 * Whether Flux finds the Kustomization healthy: each object it checks
 * (`healthChecks` with `wait: false`, else the objects it applied) under
 * the rule for its kind (kstatus for kinds without one, approximated here by
 * ready replicas).
 */
function kustomizationHealth(k: any, cluster: any[], applied: Array<{ kind: string; name: string }>): FluxHealth {
  const checked: Array<{ kind: string; name: string }> = k.spec.wait ? applied : k.spec.healthChecks;
  const results = checked.map(ref => {
    const obj = cluster.find(o => o.kind === ref.kind && o.metadata.name === ref.name);
    if (!obj) return 'InProgress' as FluxHealth;
    const rule = (k.spec.healthCheckExprs ?? []).find((r: any) => r.apiVersion === obj.apiVersion && r.kind === obj.kind);
    if (rule) return fluxHealth(rule, obj);
    return obj.status.availableReplicas >= obj.spec.replicas ? 'Current' : 'InProgress';
  });
  if (results.includes('Failed')) return 'Failed';
  return results.every(r => r === 'Current') ? 'Current' : 'InProgress';
}

/** The objects staging's folder applies that Flux checks with `wait: true`. */
const APPLIED = [{ kind: 'Deployment', name: 'web' }, { kind: 'Canary', name: 'web' }];

describe.each([['CanaryApp', canary], ['FlaggerBlueGreenApp', blueGreen]])('the promotion gate of a %s', (_name, define) => {
  const files = render(define);
  const staging = kustomization(files, 'staging-web');
  const revision = revisionOf(files);

  test('staging names what it checks (wait: false): its workload, the Canary and web-primary, which Flux did not apply', () => {
    expect(staging.spec.wait).toBe(false);
    expect(staging.spec.healthChecks).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'web-staging' },
      { apiVersion: 'flagger.app/v1beta1', kind: 'Canary', name: 'web', namespace: 'web-staging' },
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web-primary', namespace: 'web-staging' },
    ]);
    expect(kustomization(files, 'production-web').spec.dependsOn).toContainEqual({ name: 'staging-web' });
  });

  test('the revision is a deterministic hash of the pod template: same input, same revision; a new image, a new one', () => {
    expect(revision).toMatch(/^[0-9a-f]{16}$/);
    expect(revisionOf(render(define))).toBe(revision);
    expect(revisionOf(render(define, 'ghcr.io/acme/web:2.0.1'))).not.toBe(revision);
  });

  test.each([
    ['stale Succeeded (the race)', 'InProgress'],
    ['first deploy (Initialized)', 'Current'],
    ['analysis in progress', 'InProgress'],
    ['promoting: the primary rolls', 'InProgress'],
    ['promoted', 'Current'],
    ['analysis failed', 'Failed'],
  ])('%s: staging is %s', (state, expected) => {
    expect(kustomizationHealth(staging, states(revision)[state], APPLIED)).toBe(expected);
  });
});

test('the rule before the gate (wait: true, the Canary\'s phase only) passed in the race; the gate does not', () => {
  const files = render(canary);
  const staging = kustomization(files, 'staging-web');
  const race = states(revisionOf(files))['stale Succeeded (the race)'];
  const before = { spec: { wait: true, healthCheckExprs: staging.spec.healthCheckExprs.filter((r: any) => r.kind === 'Canary') } };
  expect(kustomizationHealth(before, race, APPLIED)).toBe('Current');
  expect(kustomizationHealth(staging, race, APPLIED)).toBe('InProgress');
});

test('an app without Flagger keeps Flux\'s own health checks (wait: true, kstatus on what it applied)', () => {
  const staging = kustomization(render(rolling), 'staging-web');
  expect(staging.spec.wait).toBe(true);
  expect(staging.spec.healthChecks).toBeUndefined();
  expect(JSON.stringify(staging.spec.healthCheckExprs ?? [])).not.toContain(REVISION_ANNOTATION);
});

test('an environment that does not wait gates nothing, and its plan says so', () => {
  const files = render(canary, undefined, false);
  expect(kustomization(files, 'staging-web').spec.wait).toBe(false);
  expect(kustomization(files, 'staging-web').spec.healthChecks).toBeUndefined();
  expect(files['plans/staging/web.md']).toContain('which does not check health (`wait: false`)');
});

describe('the rollout plan of a gated environment', () => {
  const files = render(canary);
  const plan = files['plans/staging/web.md'];
  const section = plan.slice(plan.indexOf('## Promotion gate'), plan.indexOf('## Watch it'));

  test('says what gates what and on which condition', () => {
    expect(section).toContain('Flux: `production-web` waits until `staging-web` is Ready');
    expect(section).toContain(`\`web-primary\` runs this release's revision (the pod-template annotation \`${REVISION_ANNOTATION}\``);
    // the plan stays the same from release to release
    expect(section).not.toContain(revisionOf(files));
  });

  test('gives the worst-case wait (detection + analysis + promotion) and the Flux timeout derived from it', () => {
    // interval 1m: notice 1m + 3 iterations 3m + promote and finalise 2m
    expect(section).toContain('Worst-case wait for `web` when every check passes: 6m. Flagger notices the release within 1m (one interval), analyses it for 3m, then promotes and finalises (2m, two intervals).');
    const timeout = kustomization(files, 'staging-web').spec.timeout;
    expect(timeout).toBe('8m');
    expect(section).toContain(`Flux's timeout for \`staging-web\` is ${timeout}`);
  });

  test('the downstream plan says what it waits for; the last environment gates nothing', () => {
    const production = files['plans/production/web.md'];
    expect(production).toContain('Flux: applies this folder only once `staging-web` is Ready (`dependsOn`).');
    expect(production).not.toContain('Worst-case wait');
  });

  test('an app outside any gated environment has no such section', () => {
    const layout = new GitOpsLayout({ outdir: 'unused' });
    canary(layout.addEnvironment('demo'), 'ghcr.io/acme/web:2.0.0');
    expect(layout.render()['plans/demo/web.md']).not.toContain('## Promotion gate');
  });
});
