/**
 * Differential check of the library's YAML writer (`yamlStringify` in
 * lib/gitops/yaml-writer.ts) against cdk8s' `Yaml.stringify`: random
 * JSON-like objects full of strings YAML treats specially must come out byte
 * for byte the same, except that strings Go or YAML 1.2 decoders read as
 * numbers are double-quoted (then the reference is `referenceYaml`, the same
 * `yaml` writer with those strings quoted). Also checks every file of a fresh
 * examples synth.
 *
 *   node --import tsx bench/yaml-fuzz.ts [--cases 20000] [--seed 1]
 */
import { Yaml } from 'cdk8s';
import { GitOpsLayout } from '../lib';
import { numberLike, referenceYaml, yamlStringify } from '../lib/gitops/yaml-writer';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Strings YAML 1.1 and the `yaml` writer treat specially, and ordinary ones. */
const SPECIAL = [
  '', ' ', 'a', 'y', 'Y', 'yes', 'Yes', 'YES', 'yEs', 'n', 'no', 'NO', 'on', 'On', 'off', 'OFF', 'true', 'True', 'false', 'null', 'Null', '~',
  '0', '01', '0777', '0o17', '0O17', '+0o17', '0X1F', '0B101', '0x1p-2', '+inf', '-Infinity', '0x1F', '0b101', '1_000', '1:20', '1:20:30.5', '-1', '+1', '1.0', '1.', '.5', '1e3', '1.2.3', '.inf', '-.Inf', '.nan', '.',
  '2001-12-14', '2001-12-14t21:59:43.10-05:00', '<<', '-', '?', ':', '- a', '? a', 'a: b', 'a:b', 'a:', 'a #b', 'a#b', '#a', '&a', '*a', '!a', '|', '>', '%a',
  '@a', '`a', '"a"', "'a'", 'a"b', "a'b", '[a]', '{a}', 'a,b', 'a b', ' a', 'a ', '---', '---a', '...', '... a', 'a\nb', 'a\n', 'a\n\n', '\na', ' a\nb',
  'a\n b', 'a \nb', 'a\n\nb\n', 'a\n\n\n', '\n', '\n\n', 'line1\nline2\n', 'server:\n  port: 8080\n', '  indented\nx\n', 'tab\there', 'a\tb\n', 'ü', 'é\n',
  '\u0007bell', 'x'.repeat(1100), `${'long '.repeat(40)}end`, 'http://example.com/a?b=c', 'registry.example.com/a/b:1.2.3', './dist/a', '../a', '/etc/app',
  'app.kubernetes.io/name', 'status.phase in [\'Initialized\', \'Succeeded\']', 'sum(rate(x{a="b"}[1m]))', '200m', '256Mi', '75%', '$VAR', '${VAR}',
];

function randomString(r: () => number): string {
  if (r() < 0.6) return SPECIAL[Math.floor(r() * SPECIAL.length)];
  const alphabet = 'abcXYZ019 -_.:/#\n\'"{}[],&*!|>%@`?\t';
  let s = '';
  const len = Math.floor(r() * 12);
  for (let i = 0; i < len; i++) s += alphabet[Math.floor(r() * alphabet.length)];
  return s;
}

function randomValue(r: () => number, depth: number): unknown {
  const x = r();
  if (depth > 4 || x < 0.45) {
    const y = r();
    if (y < 0.6) return randomString(r);
    if (y < 0.75) return Math.floor(r() * 100000) - 50;
    if (y < 0.77) return [0.5, -0, 1e21, 3.25, Number.NaN, Infinity, 2 ** 60][Math.floor(r() * 7)];
    if (y < 0.9) return r() < 0.5;
    if (y < 0.99) return null;
    return undefined;
  }
  if (x < 0.7) {
    const obj: Record<string, unknown> = {};
    const n = Math.floor(r() * 5);
    for (let i = 0; i < n; i++) obj[randomString(r) || 'k'] = randomValue(r, depth + 1);
    return obj;
  }
  const arr: unknown[] = [];
  const n = Math.floor(r() * 4);
  for (let i = 0; i < n; i++) arr.push(randomValue(r, depth + 1));
  return arr;
}

/** Documents `yamlStringify` handed whole to `Yaml.stringify` (counted by wrapping it). */
let fallbacks = 0;
let current: unknown;
const original = Yaml.stringify.bind(Yaml);
Yaml.stringify = (...docs: any[]) => {
  if (docs.length === 1 && docs[0] === current) fallbacks++;
  return original(...docs);
};

/** Whether a string anywhere in `obj` (key or value) is number-like. */
function hasNumberLike(obj: unknown): boolean {
  if (typeof obj === 'string') return numberLike(obj);
  if (Array.isArray(obj)) return obj.some(hasNumberLike);
  if (obj && typeof obj === 'object' && Object.getPrototypeOf(obj) === Object.prototype) return Object.entries(obj).some(([k, v]) => numberLike(k) || hasNumberLike(v));
  return false;
}

function check(label: string, obj: unknown): boolean {
  const plain = original(obj);
  if (!hasNumberLike(obj) && referenceYaml(obj) !== plain) {
    console.error(`REFERENCE MISMATCH ${label}\n--- object\n${JSON.stringify(obj)}\n--- Yaml.stringify\n${plain}--- referenceYaml\n${referenceYaml(obj)}`);
    return false;
  }
  const expected = hasNumberLike(obj) ? referenceYaml(obj) : plain;
  current = obj;
  const actual = yamlStringify(obj);
  current = undefined;
  if (actual === expected) return true;
  console.error(`MISMATCH ${label}\n--- object\n${JSON.stringify(obj)}\n--- Yaml.stringify\n${expected}--- yamlStringify\n${actual}`);
  return false;
}

function main() {
  const cases = arg('cases', 20000);
  const r = rng(arg('seed', 1));
  let failures = 0;
  for (let i = 0; i < cases && failures < 5; i++) {
    const root = r() < 0.8 ? { apiVersion: 'v1', kind: 'X', spec: randomValue(r, 0), data: randomValue(r, 1) } : randomValue(r, 0);
    if (!check(`case ${i}`, root)) failures++;
  }
  const shared = { a: 1 };
  if (!check('shared object (anchors)', { x: shared, y: shared })) failures++;
  if (!check('class instance', { x: new Date(0) })) failures++;

  // every object of the examples, as toJson() returns it, and every YAML file read back
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { defineExamples } = require('../examples/main');
  const layout = defineExamples(new GitOpsLayout({ outdir: 'unused' })) as GitOpsLayout;
  let objects = 0;
  for (const env of layout.allEnvironments) {
    for (const chart of env.apps) {
      for (const obj of chart.toJson()) {
        objects++;
        if (!check(`${env.name}/${chart.appName} ${obj.kind} ${obj.metadata?.name}`, obj)) failures++;
      }
    }
  }
  const files = layout.render();
  const yamlFiles = Object.entries(files).filter(([file]) => file.endsWith('.yaml'));
  for (const [file, content] of yamlFiles) {
    if (!check(file, parseYaml(content))) failures++;
  }
  const total = cases + 2 + objects + yamlFiles.length;
  console.log(failures ? `FAILED (${failures})` : `ok: ${cases} random objects, ${objects} example objects and ${yamlFiles.length} example YAML files written identically`
    + ` (${total - fallbacks} by the fast writer, ${fallbacks} handed to Yaml.stringify)`);
  process.exit(failures ? 1 : 0);
}

function parseYaml(text: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML: typeof import('yaml') = require(require.resolve('yaml', { paths: [require('path').dirname(require.resolve('cdk8s'))] }));
  return YAML.parse(text, { version: '1.1' });
}

main();
