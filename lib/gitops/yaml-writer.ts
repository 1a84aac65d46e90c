import * as YAML from 'yaml';

/*
 * YAML output. cdk8s' `Yaml.stringify` (the `yaml` package with the YAML 1.1
 * schema and no line folding) builds a document tree per object and is most
 * of the synth time. `yamlStringify` writes the same bytes directly for the
 * JSON-like objects `toJson()` returns: maps, sequences, strings, booleans,
 * null and integers, in block style. How each string is written (plain,
 * quoted or as a block scalar) is decided by the `yaml` package itself (the
 * version bundled with this library, so the bytes do not depend on the cdk8s
 * version installed), except for strings that are plain in every YAML 1.1
 * context (`plainSafe`). Any other value (undefined, a non-integer number, an
 * object used twice, which `yaml` would write as an anchor and alias, a class
 * instance, ...) makes it hand the whole object to the `yaml` package.
 */

/** cdk8s' `Yaml.stringify` options: YAML 1.1, no line folding, undefined kept. */
const OPTIONS = { keepUndefined: true, lineWidth: 0, version: '1.1' } as const;

/*
 * One deliberate difference: `Yaml.stringify` (YAML 1.1) writes some strings
 * plain that YAML 1.2 decoders or Go's YAML decoders (sigs.k8s.io/yaml, used by
 * kubectl, the API server, Flux and Argo CD) read as numbers: `0o17`, `0X1F`,
 * `0B101`, `+0o17`, `0x1p-2`. Those are double-quoted, so a string stays a
 * string (an image tag `0o17` as a label value, say).
 */

/** Go's `strconv.ParseInt(s, 0, 64)` syntax (after go-yaml drops every '_'), and YAML 1.2's `0o` octal. */
const GO_INT = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
/** Go's `strconv.ParseFloat` syntax: decimal and hexadecimal floats, and signed inf/infinity/nan. */
const GO_FLOAT = /^[-+]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][-+]?[0-9]+|[-+](?:inf|infinity|nan))$/i;

/** Whether a string some YAML decoder reads as a number must be quoted although YAML 1.1 writes it plain. */
export function numberLike(s: string): boolean {
  if (!/^[-+.0-9]/.test(s)) return false;
  const plain = s.replace(/_/g, '');
  return GO_INT.test(plain) || GO_FLOAT.test(plain);
}

/** Thrown inside the writer when an object needs `Yaml.stringify`. */
const UNSUPPORTED = new Error('unsupported by the fast YAML writer');

/** Strings that YAML 1.1 reads as booleans or null although they start with a letter. */
const YAML11_WORDS = new Set(['y', 'yes', 'n', 'no', 'true', 'false', 'on', 'off', 'null']);

/** Strings that are plain scalars wherever they appear: a letter first, then letters, digits and `._/-`, or `:` not at the end. */
const PLAIN_SAFE = /^(?:\.\/)?[A-Za-z][A-Za-z0-9._/:-]*$/;

/** Memo of scalars `Yaml.stringify` writes itself, as map values and as keys (bounded). */
const valueMemo = new Map<string | number, string>();
const keyMemo = new Map<string, string>();
const MEMO_LIMIT = 20_000;

/** Strings that YAML 1.1 reads as floats although they start with a letter (an exponent alone: `e5`, `E-12`). */
const YAML11_EXPONENT = /^[eE]-?[0-9]+$/;

function plainSafe(s: string): boolean {
  return s.length <= 1000 && PLAIN_SAFE.test(s) && !s.endsWith(':') && !YAML11_WORDS.has(s.toLowerCase()) && !YAML11_EXPONENT.test(s);
}

/**
 * How `Yaml.stringify` writes `value` after `key: ` (a block scalar spans
 * lines indented by 2). Memoized; '' marks a value left to `Yaml.stringify`.
 */
function memoValue(value: string | number): string {
  let text = valueMemo.get(value);
  if (text === undefined) {
    const out = YAML.stringify({ k: value }, OPTIONS);
    text = out.startsWith('k: ') && out.endsWith('\n') ? out.slice(3, -1) : '';
    if (typeof value === 'string' && text === value && numberLike(value)) text = JSON.stringify(value);
    // multi-line output is supported only as a literal block scalar without keep chomping
    if (text.includes('\n') && !/^\|[0-9]?-?\n/.test(text)) text = '';
    remember(valueMemo, value, text);
  }
  if (!text) throw UNSUPPORTED;
  return text;
}

/**
 * How `Yaml.stringify` writes the map key `key`. Memoized; '' marks a key left
 * to `Yaml.stringify`: multi-line or explicit (`? `) keys, and keys starting
 * with `---`, `...` or `%`, which it writes differently at the top level.
 */
function memoKey(key: string): string {
  let text = keyMemo.get(key);
  if (text === undefined) {
    const out = /^(?:---|\.\.\.|%)/.test(key) ? '' : YAML.stringify({ [key]: 0 }, OPTIONS);
    text = out.endsWith(': 0\n') ? out.slice(0, -4) : '';
    if (text === key && numberLike(key)) text = JSON.stringify(key);
    if (text.includes('\n') || text.startsWith('? ')) text = '';
    remember(keyMemo, key, text);
  }
  if (!text) throw UNSUPPORTED;
  return text;
}

function remember<K>(memo: Map<K, string>, key: K, text: string) {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, text);
}

/** A scalar as written after `key: ` or `- `; block scalar lines are indented with `indent`. */
function scalarText(value: unknown, indent: string): string {
  switch (typeof value) {
    case 'string': {
      if (plainSafe(value)) return value;
      const text = memoValue(value);
      // the memo holds block scalars indented for the top level (2 spaces); empty lines carry no indent
      return text.includes('\n') ? text.replace(/\n  /g, `\n${indent}`) : text;
    }
    case 'number':
      return Number.isSafeInteger(value) && !Object.is(value, -0) ? String(value) : memoValue(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
  }
  throw UNSUPPORTED;
}

/** Whether `value` is written as a collection: a plain object or an array (used once). */
function isCollection(value: unknown, seen: Set<object>): value is Record<string, unknown> | unknown[] {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) throw UNSUPPORTED;
  if (seen.has(value)) throw UNSUPPORTED;
  seen.add(value);
  return true;
}

/** Appends the lines of a non-empty collection, each starting with `indent`. */
function writeCollection(value: Record<string, unknown> | unknown[], indent: string, out: string[], seen: Set<object>) {
  const child = `${indent}  `;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (isCollection(item, seen)) {
        const empty = collectionEmpty(item);
        if (empty) {
          out.push(`${indent}- ${empty}`);
        } else {
          const start = out.length;
          writeCollection(item, child, out, seen);
          out[start] = `${indent}- ${out[start].slice(child.length)}`;
        }
      } else {
        out.push(`${indent}- ${scalarText(item, child)}`);
      }
    }
    return;
  }
  for (const key of Object.keys(value)) {
    const item = value[key];
    const keyText = plainSafe(key) ? key : memoKey(key);
    if (isCollection(item, seen)) {
      const empty = collectionEmpty(item);
      if (empty) {
        out.push(`${indent}${keyText}: ${empty}`);
      } else {
        out.push(`${indent}${keyText}:`);
        writeCollection(item, child, out, seen);
      }
    } else {
      out.push(`${indent}${keyText}: ${scalarText(item, child)}`);
    }
  }
}

/** `[]` or `{}` for an empty collection, else undefined. */
function collectionEmpty(value: Record<string, unknown> | unknown[]): string | undefined {
  if (Array.isArray(value)) return value.length === 0 ? '[]' : undefined;
  return Object.keys(value).length === 0 ? '{}' : undefined;
}

/**
 * The YAML of `obj`, byte for byte as cdk8s' `Yaml.stringify(obj)` writes it
 * (but for number-like strings, which are quoted).
 */
export function yamlStringify(obj: unknown): string {
  try {
    const seen = new Set<object>();
    if (isCollection(obj, seen) && !collectionEmpty(obj)) {
      const out: string[] = [];
      writeCollection(obj, '', out, seen);
      return `${out.join('\n')}\n`;
    }
  } catch (e) {
    if (e !== UNSUPPORTED) throw e;
  }
  return referenceYaml(obj);
}

/** `Yaml.stringify` with cdk8s' options, number-like strings double-quoted: what `yamlStringify` writes, the slow way. */
export function referenceYaml(obj: unknown): string {
  if (obj === undefined) return '\n';
  const doc = new YAML.Document(obj, OPTIONS);
  YAML.visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && numberLike(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString(OPTIONS);
}
