/** Asserts that `fn` throws naming the prop and the bad value (and the rule, when given). */
export function expectPropError(fn: () => unknown, prop: string, value: unknown, rule?: string) {
  let message = '';
  try {
    fn();
  } catch (e) {
    message = (e as Error).message;
  }
  // values are shown as JSON, except numbers JSON cannot represent (Infinity, NaN)
  const shown = typeof value === 'number' && !Number.isFinite(value) ? String(value) : JSON.stringify(value);
  expect(message).toContain(`invalid '${prop}' (${shown})`);
  if (rule) expect(message).toContain(rule);
}
