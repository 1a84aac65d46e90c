/**
 * The CEL rules (`x-kubernetes-validations`) of a vendored CRD, evaluated
 * on an object the way the API server does: the schema's defaults applied
 * first, then every rule on the value at its place, with @bufbuild/cel as the
 * CEL interpreter. An oracle for the library's hand-written checks of the
 * same rules.
 */
import * as fs from 'fs';
import * as path from 'path';
import { celEnv, isCelError, parse, plan } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import * as YAML from 'yaml';

const CRD_DIR = path.resolve(__dirname, '..', '..', 'schemas', 'crds');
const env = celEnv({ funcs: strings });

/** One rule an object breaks: where (a JSON pointer) and the CRD's message. */
export interface CelRefusal {
  readonly path: string;
  readonly message: string;
}

/** The openAPIV3Schema of `version` of the CRD in `file` (under schemas/crds). */
export function crdSchema(file: string, version: string): any {
  const crd = YAML.parseAllDocuments(fs.readFileSync(path.join(CRD_DIR, file), 'utf8')).map(d => d.toJS({ maxAliasCount: -1 })).find(d => d?.kind === 'CustomResourceDefinition');
  return crd.spec.versions.find((v: any) => v.name === version).schema.openAPIV3Schema;
}

/** Whole JSON numbers become CEL ints, as the API server decodes them. */
function toCel(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toCel);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCel(v)]));
  return typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : value;
}

/** `value` with the schema's defaults filled in (structural defaulting). */
function withDefaults(schema: any, value: any): any {
  if (Array.isArray(value)) return value.map(v => withDefaults(schema?.items, v));
  if (value === null || typeof value !== 'object' || !schema?.properties) return value;
  const out: any = { ...value };
  for (const [key, sub] of Object.entries<any>(schema.properties)) {
    if (out[key] === undefined && sub.default !== undefined) out[key] = structuredClone(sub.default);
    if (out[key] !== undefined) out[key] = withDefaults(sub, out[key]);
  }
  return out;
}

/** The CEL rules of `schema` that `obj` breaks (an evaluation error counts as a refusal, as in the API server). */
export function celRefusals(schema: any, obj: any): CelRefusal[] {
  const out: CelRefusal[] = [];
  const walk = (s: any, value: any, at: string) => {
    if (value === undefined || !s) return;
    for (const rule of s['x-kubernetes-validations'] ?? []) {
      const result = plan(env, parse(rule.rule.replace(/__namespace__/g, 'namespace')))({ self: toCel(value) as any });
      if (isCelError(result) || result !== true) out.push({ path: at, message: rule.message ?? rule.rule });
    }
    if (Array.isArray(value)) value.forEach((v, i) => walk(s.items, v, `${at}/${i}`));
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(s.properties?.[k], v, `${at}/${k}`);
  };
  walk(schema, withDefaults(schema, obj), '');
  return out;
}
