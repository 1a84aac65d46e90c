// The synth path's YAML writer must write exactly what cdk8s' Yaml.stringify writes.
import { Yaml } from 'cdk8s';
import * as YAML from 'yaml';
import { referenceYaml, yamlStringify } from '../../lib/gitops/yaml-writer';

const TRICKY = ['', 'y', 'Yes', 'on', 'null', '~', '0777', '0x1f', '1:20', '1e3', '.inf', '2001-12-14', '<<', '- a', 'a: b', 'a #b', '#a', '*a', '&a', '!a', '%a', '@a', '"a"', "'a'", '---', '...', ' a', 'a ', 'a\nb', 'a\n', ' a\nb', 'tab\there', '\u0007', 'x'.repeat(1100)];

test.each(TRICKY.map(s => [JSON.stringify(s), s]))('writes %s like Yaml.stringify as key, value and item', (_, s) => {
  const obj = { [s || 'k']: s, list: [s, { [s || 'k']: [s] }], nested: { a: { b: s } } };
  expect(yamlStringify(obj)).toBe(Yaml.stringify(obj));
});

test.each([
  ['undefined', { a: undefined }], ['-0', { a: -0 }], ['a float', { a: 0.5 }], ['a Date', { a: new Date(0) }],
  ['an object used twice', (() => { const x = { a: 1 }; return { x, y: x }; })()], ['keep chomping', { a: 'x\n\n' }],
])('hands %s to Yaml.stringify', (_, obj) => expect(yamlStringify(obj)).toBe(Yaml.stringify(obj)));

test('writes a typical manifest like Yaml.stringify', () => {
  const obj = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { 'app.kubernetes.io/version': '1.0' } }, spec: { replicas: 2, template: { spec: { containers: [{ name: 'web', args: ['--port', '8080'], ports: [] }] } } } };
  expect(yamlStringify(obj)).toBe(Yaml.stringify(obj));
});

test.each(['0o17', '0O17', '+0o17', '0X1F', '0B101', '0x1p-2', '+inf', '1_000_0'])('quotes %s, which Go and YAML 1.2 decoders read as a number, wherever it stands', s => {
  const obj = { [s]: s, list: [s], labels: { 'app.kubernetes.io/version': s } };
  const text = yamlStringify(obj);
  expect(text).toBe(referenceYaml(obj));
  expect(text).toContain(`"${s}": "${s}"`);
  expect(YAML.parse(text, { version: '1.2' })).toEqual(obj);
  expect(YAML.parse(text, { version: '1.1' })).toEqual(obj);
});

test.each(['e5', 'E12', 'e-5', 'e726107008131703'])('writes %s (a float to YAML 1.1: an exponent alone) as Yaml.stringify does, quoted, wherever it stands', s => {
  const obj = { [s]: s, list: [s], annotations: { 'cdk8s-delivery/revision': s } };
  const text = yamlStringify(obj);
  expect(text).toBe(Yaml.stringify(obj));
  expect(text).toContain(`"${s}"`);
  expect(YAML.parse(text, { version: '1.1' })).toEqual(obj);
  expect(YAML.parse(text, { version: '1.2' })).toEqual(obj);
});

test('leaves plain the strings no decoder reads as numbers', () => {
  const obj = { version: '2.1.0', tag: 'v1', word: 'inf', path: '0x/a' };
  expect(yamlStringify(obj)).toBe(Yaml.stringify(obj));
});
