/**
 * Value arbitraries of the property-based tests: mostly values a user would
 * write, sometimes an edge value (empty, huge, NaN, Infinity, negative,
 * int32 boundaries, number-like strings, unicode, reserved names, null-prototype
 * records), so that both accepted and refused props are explored.
 */
import { Construct } from 'constructs';
import * as fc from 'fast-check';

/** Strings YAML or Go decoders may read as something else, and strings the API server refuses. */
export const EDGE_STRINGS = [
  '', ' ', 'a b', 'UPPER', '-a', 'a-', 'a.b', 'a_b', 'a/b', '../x', '/', '//', '/etc/../tmp', 'a'.repeat(64), 'a'.repeat(254), 'x'.repeat(70000),
  '0o17', '0O17', '+0o17', '0X1F', '0B101', '1e3', '.inf', '-.Inf', '.nan', 'yes', 'No', 'on', 'OFF', 'y', '~', 'null', 'true', '007', '1_000', '12:30', '2001-12-14',
  'héllo', '日本', 'emoji-🙂', '\u0000', 'a\nb', '#x', ': x', '- x', '"q"', '\'', '{a}', '[a]', '&a', '*a', '!t', '%x', '@x', '`x',
  '__proto__', 'constructor', 'toString', 'kube-system', 'default', 'flux-system', 'web-primary', 'web-canary', 'clusters', 'plans', 'latest',
];

/** Numbers at and beyond the bounds the API server and the controllers hold. */
export const EDGE_NUMBERS = [
  0, -0, -1, 1, 0.5, -0.5, 99.9, 100, 101, NaN, Infinity, -Infinity, 2147483647, 2147483648, -2147483648, -2147483649,
  65535, 65536, 86400, 86401, 1e21, Number.MAX_SAFE_INTEGER, Number.MAX_VALUE, Number.MIN_VALUE, 150000,
];

/** `valid` most of the time, one of `edges` (or an arbitrary of edges) sometimes. */
export function usually<T>(valid: fc.Arbitrary<T>, edges: fc.Arbitrary<T>, edgeWeight = 1): fc.Arbitrary<T> {
  return fc.oneof({ weight: 40, arbitrary: valid }, { weight: edgeWeight, arbitrary: edges });
}

/** An edge string. */
export const edgeString = (): fc.Arbitrary<string> => fc.oneof(fc.constantFrom(...EDGE_STRINGS), fc.string({ unit: 'grapheme', maxLength: 12 }));

/** An edge number. */
export const edgeNumber = (): fc.Arbitrary<number> => fc.oneof(fc.constantFrom(...EDGE_NUMBERS), fc.double());

/** One of `values` usually, an edge string sometimes. */
export const oneOf = (...values: string[]): fc.Arbitrary<string> => usually(fc.constantFrom(...values), edgeString());

/** One of `valid` usually, one of `tricky` (or an edge string) sometimes. */
export const pick = (valid: string[], tricky: string[]): fc.Arbitrary<string> => usually(fc.constantFrom(...valid), fc.oneof(fc.constantFrom(...tricky), edgeString()), 2);

/** An integer in [min, max] usually, an edge number sometimes. */
export const int = (min: number, max: number): fc.Arbitrary<number> => usually(fc.integer({ min, max }), edgeNumber());

/** A DNS-1123 label such as an app or namespace name, from a small pool so that names collide now and then. */
export const dnsName = (...pool: string[]): fc.Arbitrary<string> =>
  usually(fc.constantFrom(...(pool.length ? pool : ['web', 'api', 'shop', 'orders'])), fc.oneof(edgeString(), fc.constantFrom('a'.repeat(55), 'a'.repeat(56), 'a'.repeat(63), '1abc')));

/** A label or annotation value. */
export const labelValue = (): fc.Arbitrary<string> => pick(['team-a', 'v1', 'blue', '1.0.0', 'x'], ['0o17', 'yes', '-a', 'a'.repeat(64)]);

/** A host name. */
export const host = (): fc.Arbitrary<string> => pick(['web.example.com', 'api.example.com', '*.example.com', 'example.com', 'shop.test'], ['10.0.0.1', 'Web.example.com', '*']);

/** A URL path. */
export const urlPath = (): fc.Arbitrary<string> => pick(['/', '/api', '/api/v1', '/healthz', '/a/b/'], ['/api/(.*)', 'api', '/a//b', '/a/..', '/a b', '/%2f']);

/** An http URL. */
export const url = (): fc.Arbitrary<string> => pick(['http://flagger-loadtester.test/', 'https://hooks.example.com/x', 'http://web.shop:80/'], ['ftp://x', 'http://a b/', 'http://', 'http://x/\'q\'']);

/** An image reference. */
export const image = (): fc.Arbitrary<string> => usually(
  fc.constantFrom('ghcr.io/acme/web', 'nginx', 'registry.example.com:5000/team/app').chain(repo => fc.constantFrom(':1.0.0', ':2.1', ':0o17', ':0X1F', ':1e3', ':yes', ':0B101', ':Yes', ':0x1p-2', ':1_000', '@sha256:' + 'a'.repeat(64)).map(tag => repo + tag)),
  fc.constantFrom('nginx', 'nginx:latest', 'web:', '', 'UPPER/x:1', 'a b:1', 'nginx:.inf', 'nginx:~', 'nginx:+0o17'),
);

/** A duration as Flagger, Flux, Gateway API or Argo Rollouts write it, valid or not. */
export const duration = (): fc.Arbitrary<string> => pick(['30s', '1m', '5m', '10s'], ['1h', '1m30s', '500ms', '0s', '1.5m', '9999999999h', '200500000m', '99999m', '-1s', '1d', '1m1m']);

/** A resource quantity. */
export const quantity = (): fc.Arbitrary<string> => pick(['100m', '1', '250m', '64Mi', '128Mi', '1Gi'], ['0', '1.5', '1e3', '-1', '1Ki', '1m', '1Mi', '1000000000000Ti', '0.0001', '1E3']);

/** A record of `value`s keyed by `key`s: sometimes a null-prototype object or one with an own `__proto__` key. */
export function record<V>(key: fc.Arbitrary<string>, value: fc.Arbitrary<V>, maxKeys = 3): fc.Arbitrary<Record<string, V>> {
  const plain = fc.dictionary(key, value, { maxKeys, noNullPrototype: true });
  return fc.oneof(
    { weight: 30, arbitrary: plain },
    { weight: 3, arbitrary: plain.map(r => Object.assign(Object.create(null), r) as Record<string, V>) },
    { weight: 1, arbitrary: fc.tuple(plain, value).map(([r, v]) => ({ ...JSON.parse(JSON.stringify({ ['__proto__']: v })), ...r }) as Record<string, V>) },
  );
}

/** A string record such as labels or annotations. */
export const labels = (): fc.Arbitrary<Record<string, string>> =>
  record(pick(['team', 'app.kubernetes.io/part-of', 'example.com/owner', 'tier'], ['a/b/c', 'Example.com/x', '/x', 'x/']), labelValue());

/** A list of 1 to `max` items usually; sometimes empty (unless `min` is 1) or with a duplicate. */
export function list<T>(item: fc.Arbitrary<T>, max = 3, min = 0): fc.Arbitrary<T[]> {
  return fc.oneof(
    { weight: 20, arbitrary: fc.array(item, { minLength: 1, maxLength: max }) },
    { weight: 1, arbitrary: fc.array(item, { minLength: min, maxLength: min === 0 ? 0 : max }) },
    { weight: 1, arbitrary: item.map(x => [x, x]) },
  );
}

/**
 * Props with every key optional: each key is left out most of the time
 * (`presence` is the chance of a key being set), so that a generated set
 * exercises a few features at once.
 */
export function props<T extends object>(model: { [K in keyof T]?: fc.Arbitrary<NonNullable<T[K]>> }, presence = 0.2): fc.Arbitrary<Partial<T>> {
  const keys = Object.keys(model) as Array<keyof T>;
  const weight = Math.round(presence * 100);
  const entries = keys.map(k => fc.oneof({ weight: 100 - weight, arbitrary: fc.constant(undefined) }, { weight, arbitrary: model[k] as fc.Arbitrary<unknown> }) as fc.Arbitrary<unknown>);
  return fc.tuple(...entries).map(values => {
    const out: Record<string, unknown> = {};
    values.forEach((v, i) => {
      if (v !== undefined) out[keys[i] as string] = v;
    });
    return out as Partial<T>;
  });
}

/** A value that a chart must define first (a construct): `data` is shown in counterexamples, `make` builds it. */
export interface Deferred<S, T> {
  readonly data: unknown;
  make(scope: S): T;
}

/** Wraps a builder so that fast-check shows its data, not its source. */
export function deferred<T, S = Construct>(data: unknown, make: (scope: S) => T): Deferred<S, T> {
  return { data, make, [fc.toStringMethod]: () => fc.stringify(data) } as Deferred<S, T>;
}
