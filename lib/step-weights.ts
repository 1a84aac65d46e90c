/**
 * The weights a stepWeight canary goes through: step, 2·step, ... until maxWeight is reached (capped at 100).
 *
 * @internal
 */
export function weightSteps(step: number, max: number): number[] {
  const weights: number[] = [];
  for (let w = 0; w < max;) {
    w = Math.min(w + step, 100);
    weights.push(w);
  }
  return weights;
}
