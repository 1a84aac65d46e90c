/**
 * Records without a prototype (`Object.create(null)`, or what some parsers
 * and `fast-check` produce) are valid props, but cdk8s serializes only plain
 * objects: it throws a TypeError on them, and its resolver of number-or-string
 * unions even reads such a record with a key `value` as a union. A resolver
 * put first on the App turns them into plain objects before anything else
 * sees them. A record with an own key `__proto__` (as `JSON.parse` makes
 * it) would lose that key silently when cdk8s copies it: refused instead.
 */
import { App, IResolver, ResolutionContext } from 'cdk8s';
import { IConstruct } from 'constructs';
import { propError } from './errors';

/** Replaces a record without a prototype by a plain object with the same entries; refuses a key `__proto__`. */
class NullPrototypeResolver implements IResolver {
  public resolve(context: ResolutionContext): void {
    const value = context.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    if (Object.prototype.hasOwnProperty.call(value, '__proto__')) {
      throw propError(context.obj, [...context.key, '__proto__'].join('.'), '__proto__', 'cdk8s cannot write a key named "__proto__" (it would drop it): rename it');
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
