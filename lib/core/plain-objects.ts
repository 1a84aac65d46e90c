/**
 * Records without a prototype (`Object.create(null)`, or what some parsers
 * and `fast-check` produce) are valid props, but cdk8s serializes only plain
 * objects: it throws a TypeError on them, and its resolver of number-or-string
 * unions even reads such a record with a key `value` as a union. A resolver
 * put first on the App turns them into plain objects before anything else
 * sees them. A record with an own key `__proto__` (as `JSON.parse` makes
 * it) would lose that key silently when cdk8s copies it, and one with a key
 * `constructor` (a valid label key) makes cdk8s fail: both are refused,
 * naming the field.
 */
import { App, IResolver, ResolutionContext } from 'cdk8s';
import { IConstruct } from 'constructs';
import { propError } from './errors';

/** Keys cdk8s cannot write: it drops `__proto__` and takes `constructor` for the object's class. */
const UNWRITABLE_KEYS = ['__proto__', 'constructor'];

/** Replaces a record without a prototype by a plain object with the same entries; refuses the keys cdk8s cannot write. */
class NullPrototypeResolver implements IResolver {
  public resolve(context: ResolutionContext): void {
    const value = context.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    for (const key of UNWRITABLE_KEYS) {
      if (Object.prototype.hasOwnProperty.call(value, key)) {
        throw propError(context.obj, [...context.key, key].join('.'), key, `cdk8s cannot write a key named "${key}" (it drops "__proto__" and fails on "constructor"): rename it`);
      }
    }
    if (Object.getPrototypeOf(value) === null) context.replaceValue(Object.fromEntries(Object.entries(value)));
  }
}

const RESOLVER = new NullPrototypeResolver();

/**
 * Lets the App that `scope` belongs to serialize records without a
 * prototype (a no-op when the tree has no App, or already does).
 *
 * @internal
 */
export function acceptNullPrototypes(scope: IConstruct): void {
  const resolvers = (scope.node.root as Partial<App>).resolvers;
  if (Array.isArray(resolvers) && !resolvers.includes(RESOLVER)) resolvers.unshift(RESOLVER);
}
