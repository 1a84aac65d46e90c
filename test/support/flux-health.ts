/**
 * An emulation of how Flux's kustomize-controller evaluates a
 * `healthCheckExprs` rule on one object (fluxcd/pkg runtime/cel), with
 * @bufbuild/cel as the CEL evaluator.
 */
import { celEnv, isCelError, parse, plan } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { HealthRule } from '../../lib/core/delivery-hints';

/** The kstatus result Flux reports for the object. */
export type FluxHealth = 'Current' | 'InProgress' | 'Failed' | 'Unknown';

/**
 * How Flux treats a `status.observedGeneration` that is not an integer:
 * `error` is every release before fluxcd/flux2#5862 (fluxcd/pkg#1187): the
 * generation lookup fails before any expression runs; `expressions` lets the
 * expressions decide, as they do once that is fixed.
 */
export type StringGeneration = 'error' | 'expressions';

const env = celEnv({ funcs: strings });

/** Whole JSON numbers become CEL ints, as Kubernetes' unstructured decoding makes them int64. */
function toCel(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toCel);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCel(v)]));
  return typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : value;
}

/**
 * The status Flux gives `obj` under `rule`: the built-in generation check
 * first, then `inProgress`, `failed`, `current` (the first true wins, none
 * true is InProgress; an evaluation error is Unknown). An object without
 * `status` is Unknown (cel-go fails on the missing variable, where
 * @bufbuild/cel's `has()` would answer false).
 */
export function fluxHealth(rule: HealthRule, obj: any, stringGeneration: StringGeneration = 'expressions'): FluxHealth {
  if (obj.status === undefined) return 'Unknown';
  const observed = obj.status.observedGeneration;
  if (observed !== undefined) {
    if (typeof observed === 'number') {
      if (obj.metadata?.generation !== undefined && observed !== obj.metadata.generation) return 'InProgress';
    } else if (stringGeneration === 'error') {
      return 'Unknown';
    }
  }
  const input = toCel(obj) as Record<string, any>;
  const order: Array<[string | undefined, FluxHealth]> = [[rule.inProgress, 'InProgress'], [rule.failed, 'Failed'], [rule.current, 'Current']];
  for (const [expr, result] of order) {
    if (!expr) continue;
    const value = plan(env, parse(expr))(input);
    if (isCelError(value) || typeof value !== 'boolean') return 'Unknown';
    if (value) return result;
  }
  return 'InProgress';
}
