import { IConstruct } from 'constructs';

/**
 * Builds the error thrown for a bad prop: it names the construct path, the prop,
 * the value given and what is allowed.
 *
 * @internal
 */
export function propError(scope: Where, prop: string, value: unknown, allowed: string): Error {
  const path = typeof scope === 'string' ? scope : scope.node.path;
  return new Error(`${path}: invalid '${prop}' (${show(value)}): ${allowed}`);
}

/**
 * Where an error happened: a construct, or a path-like description for objects
 * outside the construct tree.
 *
 * @internal
 */
export type Where = IConstruct | string;

/**
 * Renders a prop value for an error message.
 *
 * @internal
 */
export function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  // JSON has no Infinity or NaN: it would show them as null
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
