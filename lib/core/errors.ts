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

/** Stands for undefined inside the JSON of a value, then is replaced by the word. */
const UNDEFINED_MARK = '\u0000undefined\u0000';

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
    // JSON leaves out the undefined fields of a props object (unset props would read "{}"): name them
    const marked = JSON.stringify(value, function (this: unknown, _key, v) {
      return v === undefined && isPlain(this) ? UNDEFINED_MARK : v;
    });
    return marked === undefined ? String(value) : marked.split(JSON.stringify(UNDEFINED_MARK)).join('undefined');
  } catch {
    return String(value);
  }
}

/** Whether `o` is a plain object or array (not an instance of a class of ours, whose unset fields stay out). */
function isPlain(o: unknown): boolean {
  const proto = typeof o === 'object' && o !== null ? Object.getPrototypeOf(o) : undefined;
  return proto === Object.prototype || proto === Array.prototype || proto === null;
}
