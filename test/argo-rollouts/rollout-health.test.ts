import { Testing } from 'cdk8s';
import { RolloutCanaryApp, RolloutTrafficRouter } from '../../lib';
import { ROLLOUT_HEALTH } from '../../lib/argo-rollouts/rollout-health';
import { fluxHealth } from '../support/flux-health';

/** A Rollout at metadata.generation 2 (the spec with the new version), with `status`. */
const rollout = (status?: Record<string, unknown>) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name: 'web', namespace: 'shop', generation: 2 },
  spec: {},
  ...(status ? { status } : {}),
});
const OLD = '6b8d9f7c4d';
const NEW = '5c7f8d6b9e';

test('the app publishes the rule', () => {
  const app = new RolloutCanaryApp(Testing.chart(), 'web', { name: 'web', image: 'ghcr.io/acme/web:2.1.0', trafficRouter: RolloutTrafficRouter.replicas(), analysis: { stepWeight: 50 } });
  expect(app._deliveryHints().healthRules).toEqual([ROLLOUT_HEALTH]);
});

describe.each([
  ['just applied, no status yet', undefined, 'Unknown'],
  ['an empty status', {}, 'InProgress'],
  ['the controller has not seen the new spec: the old release looks Healthy', { observedGeneration: '1', phase: 'Healthy', stableRS: OLD, currentPodHash: OLD }, 'InProgress'],
  ['progressing at a weight step', { observedGeneration: '2', phase: 'Progressing', stableRS: OLD, currentPodHash: NEW }, 'InProgress'],
  ['paused at a manual gate, not yet promoted', { observedGeneration: '2', phase: 'Paused', stableRS: OLD, currentPodHash: NEW, pauseConditions: [{ reason: 'CanaryPauseStep' }] }, 'InProgress'],
  ['Healthy but not yet promoted (stableRS is still the old hash)', { observedGeneration: '2', phase: 'Healthy', stableRS: OLD, currentPodHash: NEW }, 'InProgress'],
  ['Healthy without stableRS', { observedGeneration: '2', phase: 'Healthy', currentPodHash: NEW }, 'InProgress'],
  ['promoted: Healthy, the stable ReplicaSet is the new pod template\'s', { observedGeneration: '2', phase: 'Healthy', stableRS: NEW, currentPodHash: NEW }, 'Current'],
  ['aborted by a failed analysis', { observedGeneration: '2', phase: 'Degraded', stableRS: OLD, currentPodHash: NEW, abort: true }, 'Failed'],
  ['an invalid spec', { observedGeneration: '2', phase: 'Degraded', message: 'InvalidSpec' }, 'Failed'],
  ['Degraded from the previous spec, the revert not yet seen', { observedGeneration: '1', phase: 'Degraded', stableRS: OLD, currentPodHash: NEW }, 'InProgress'],
])('%s', (_name, status, expected) => {
  test(`is ${expected}`, () => {
    expect(fluxHealth(ROLLOUT_HEALTH, rollout(status as Record<string, unknown> | undefined))).toBe(expected);
  });
});

test('a Flux release before kustomize-controller v1.9.0 requires an integer observedGeneration: it reports every Rollout Unknown (it waits until the timeout)', () => {
  expect(fluxHealth(ROLLOUT_HEALTH, rollout({ observedGeneration: '2', phase: 'Healthy', stableRS: NEW, currentPodHash: NEW }), 'error')).toBe('Unknown');
});

test('the emulation can fail: an integer observedGeneration behind the generation is InProgress before any expression', () => {
  expect(fluxHealth({ ...ROLLOUT_HEALTH, current: 'true' }, rollout({ observedGeneration: 1 }))).toBe('InProgress');
  expect(fluxHealth({ ...ROLLOUT_HEALTH, current: 'true' }, rollout({ observedGeneration: 2 }))).toBe('Current');
});
