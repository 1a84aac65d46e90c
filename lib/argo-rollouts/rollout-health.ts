/**
 * The GitOps health rule of an Argo Rollouts `Rollout`. Internal: not
 * exported from the package (apps publish it as a delivery hint).
 */
import { HealthRule } from '../core/delivery-hints';

/** The Rollout's status describes its current spec (`observedGeneration` is a string in a Rollout's status). */
const OBSERVED = 'has(status.observedGeneration) && status.observedGeneration == string(metadata.generation)';

/**
 * Current only once the new version is promoted (`Healthy`, and the stable
 * ReplicaSet is the current pod template's), so a GitOps gate cannot pass
 * while a release is paused or analysed; failed when Degraded (aborted,
 * invalid spec, progress deadline exceeded); in progress otherwise. Both
 * compare the generation themselves, since the status field is a string.
 * Flux evaluates the rule from kustomize-controller v1.9.0 (Flux v2.9.0) on,
 * the first release with fluxcd/pkg#1187 (fluxcd/flux2#5862); older ones
 * fail on the string before any expression runs and report the Rollout
 * Unknown until the timeout.
 */
export const ROLLOUT_HEALTH: HealthRule = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  failed: `${OBSERVED} && has(status.phase) && status.phase == 'Degraded'`,
  current: `${OBSERVED} && has(status.phase) && status.phase == 'Healthy' && has(status.stableRS) && has(status.currentPodHash) && status.stableRS == status.currentPodHash`,
};
