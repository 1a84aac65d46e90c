import { App, Chart } from 'cdk8s';
import { Canary, CanaryProvider } from '../../../lib';
import { APPLICATION_HEALTH_LUA, argoCdConfigPatch, CANARY_HEALTH_LUA } from '../../../lib/gitops/argocd/health-customizations';
import { luaHealth } from '../../support/argocd-lua';
import { fluxHealth } from '../../support/flux-health';
import { expectValidManifests } from '../../support/validate';

const SOURCE = { repoURL: 'https://github.com/acme/deploy.git', targetRevision: 'HEAD', path: 'dist/staging/web' };
const GATES = { ...SOURCE, path: 'dist/argocd/platform/gates/staging-web' };

/** A child Application as its parent sees it: this spec, `status` as given. */
const app = (status?: Record<string, unknown>, spec: Record<string, unknown> = { source: SOURCE }) => ({
  apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'staging-web' }, spec, status,
});
const synced = (health: string, extra: Record<string, unknown> = {}) => ({
  sync: { status: 'Synced', comparedTo: { source: SOURCE } },
  health: { status: health, message: `resources are ${health}` },
  operationState: { phase: 'Succeeded' },
  ...extra,
});

test('the sandbox, like Argo CD\'s, has no string library: a script that needs it fails', () => {
  expect(() => luaHealth('return { status = string.upper("healthy") }', {})).toThrow(/string/);
});

describe('the Application health check (what sync waves between child Applications wait for)', () => {
  test.each([
    ['never compared', undefined, 'Progressing'],
    ['synced, resources healthy', synced('Healthy'), 'Healthy'],
    ['synced, resources progressing (a canary analysis runs)', synced('Progressing'), 'Progressing'],
    ['synced, resources degraded (the gate failed)', synced('Degraded'), 'Degraded'],
    ['a sync runs', synced('Healthy', { operationState: { phase: 'Running' } }), 'Progressing'],
    ['the last sync failed', synced('Healthy', { operationState: { phase: 'Failed', message: 'one or more objects failed to apply' } }), 'Degraded'],
    ['out of sync', { ...synced('Healthy'), sync: { status: 'OutOfSync', comparedTo: { source: SOURCE } } }, 'Progressing'],
    ['a comparison error', synced('Healthy', { conditions: [{ type: 'ComparisonError', message: 'rpc error' }] }), 'Degraded'],
    ['an invalid spec', synced('Healthy', { conditions: [{ type: 'InvalidSpecError', message: 'project staging does not exist' }] }), 'Degraded'],
    ['a warning condition only', synced('Healthy', { conditions: [{ type: 'OrphanedResourceWarning', message: 'orphans' }] }), 'Healthy'],
    ['compared, no health yet', { sync: { status: 'Synced', comparedTo: { source: SOURCE } } }, 'Progressing'],
  ])('%s', (_name, status, expected) => {
    expect(luaHealth(APPLICATION_HEALTH_LUA, app(status as Record<string, unknown> | undefined)).status).toBe(expected);
  });

  test('a status compared against an older spec (the parent just changed it) is not trusted, even Healthy', () => {
    const stale = { ...synced('Healthy'), sync: { status: 'Synced', comparedTo: { source: { ...SOURCE, targetRevision: 'v1' } } } };
    expect(luaHealth(APPLICATION_HEALTH_LUA, app(stale))).toEqual({ status: 'Progressing', message: 'the status is not yet of the current spec' });
  });

  test('an Application with two sources (app folder and gates) is trusted only when both were compared', () => {
    const spec = { sources: [SOURCE, GATES] };
    const compared = (sources: unknown[]) => app({ ...synced('Healthy'), sync: { status: 'Synced', comparedTo: { sources } } }, spec);
    expect(luaHealth(APPLICATION_HEALTH_LUA, compared([SOURCE, GATES])).status).toBe('Healthy');
    expect(luaHealth(APPLICATION_HEALTH_LUA, compared([SOURCE])).status).toBe('Progressing');
    expect(luaHealth(APPLICATION_HEALTH_LUA, compared([SOURCE, { ...GATES, path: 'elsewhere' }])).status).toBe('Progressing');
    expect(luaHealth(APPLICATION_HEALTH_LUA, app({ ...synced('Healthy') }, spec)).status).toBe('Progressing');
  });
});

describe('the Canary health check', () => {
  const canaryRule = () => {
    const chart = new Chart(new App(), 'c');
    const canary = new Canary(chart, 'web', { name: 'web', targetName: 'web', service: { port: 80 }, provider: CanaryProvider.kubernetes(), analysis: { interval: '1m', threshold: 2, iterations: 3 } } as any);
    return canary._deliveryHints().healthRules[0];
  };
  const canary = (status?: Record<string, unknown>) => ({ apiVersion: 'flagger.app/v1beta1', kind: 'Canary', metadata: { name: 'web', generation: 1 }, spec: {}, status });
  const FLUX_TO_ARGO = { Current: 'Healthy', InProgress: 'Progressing', Failed: 'Degraded' } as const;

  test.each(['Initializing', 'Initialized', 'Waiting', 'Progressing', 'WaitingPromotion', 'Promoting', 'Finalising', 'Succeeded', 'Failed', 'Terminating'])(
    'phase %s means the same to Argo CD as to the Flux health rule', phase => {
      const expected = FLUX_TO_ARGO[fluxHealth(canaryRule(), canary({ phase, canaryWeight: 0 })) as keyof typeof FLUX_TO_ARGO];
      expect(luaHealth(CANARY_HEALTH_LUA, canary({ phase, canaryWeight: 0 })).status).toBe(expected);
    });

  test('phases Argo CD\'s built-in check leaves Unknown (which stops sync waves) are Progressing', () => {
    for (const phase of ['Initializing', 'Waiting', 'WaitingPromotion']) expect(luaHealth(CANARY_HEALTH_LUA, canary({ phase })).status).toBe('Progressing');
  });

  test('a Canary Flagger has not seen yet is Progressing, and the weight shows while it shifts', () => {
    expect(luaHealth(CANARY_HEALTH_LUA, canary(undefined))).toEqual({ status: 'Progressing', message: 'waiting for Flagger' });
    expect(luaHealth(CANARY_HEALTH_LUA, canary({ phase: 'Progressing', canaryWeight: 20 })).message).toBe('Progressing, canary weight 20');
  });
});

test('the argocd-cm patch holds only the two health checks and validates', () => {
  const cm = argoCdConfigPatch('argocd');
  expect(cm.metadata).toMatchObject({ name: 'argocd-cm', namespace: 'argocd' });
  expect(Object.keys(cm.data)).toEqual(['resource.customizations.health.argoproj.io_Application', 'resource.customizations.health.flagger.app_Canary']);
  expectValidManifests([cm]);
});
