import { show } from '../../lib/core/errors';

/** Asserts that `fn` throws naming the prop and the bad value (and the rule, when given). */
export function expectPropError(fn: () => unknown, prop: string, value: unknown, rule?: string) {
  let message = '';
  try {
    fn();
  } catch (e) {
    message = (e as Error).message;
  }
  // values are shown as errors show them: JSON, with the unset fields of props objects named
  expect(message).toContain(`invalid '${prop}' (${show(value)})`);
  if (rule) expect(message).toContain(rule);
}
