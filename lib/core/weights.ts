/**
 * Traffic weight steps (percent), the same rules for every engine and
 * strategy that shifts traffic in steps. Internal: not exported from the package.
 */
import { Check } from './check';
import { propError, Where } from './errors';

/** The weights a stepWeight canary goes through: step, 2·step, ... until maxWeight is reached (capped at 100). */
export function weightSteps(step: number, max: number): number[] {
  const weights: number[] = [];
  for (let w = 0; w < max;) {
    w = Math.min(w + step, 100);
    weights.push(w);
  }
  return weights;
}

/** Checks an explicit list of weights: at least one, each 1-100, strictly increasing. */
export function checkStepWeights(where: Where, prop: string, weights: number[]) {
  if (!Array.isArray(weights) || weights.length === 0) throw propError(where, prop, weights, 'give at least one weight');
  weights.forEach((w, i) => Check.int(where, `${prop}[${i}]`, w, 1, 100));
  if (weights.some((w, i) => i > 0 && w <= weights[i - 1])) {
    throw propError(where, prop, weights, 'must be strictly increasing (a step that does not raise the weight stalls the canary)');
  }
}
