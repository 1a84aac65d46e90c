/**
 * Strict schema validation against the upstream schemas shipped in
 * `schemas/`: Kubernetes 1.28 and the CRDs the library emits. "Strict"
 * means that every object schema listing properties rejects unknown fields,
 * as the API server does with `kubectl apply --validate=strict`, and that
 * the formats (int32, int64, date-time, byte, url) are checked.
 */
import * as fs from 'fs';
import { isIPv4, isIPv6 } from 'net';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import * as YAML from 'yaml';

/** The schemas folder: `schemas/` at the package root (beside `lib/` and `out/`). */
export const SCHEMA_DIR = path.resolve(__dirname, '..', '..', 'schemas');
const K8S_DEFINITIONS = path.join(SCHEMA_DIR, 'kubernetes', 'v1.28.0-definitions.json');
const CRD_DIR = path.join(SCHEMA_DIR, 'crds');
const INT32 = 2 ** 31;

/** Compiles schemas on first use, one validator per apiVersion/kind. */
class SchemaRegistry {
  private readonly ajv: Ajv;
  private readonly factories = new Map<string, () => ValidateFunction>();
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor() {
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    this.ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -INT32 && n < INT32 });
    this.ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
    this.ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
    this.ajv.addFormat('byte', /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/);
    this.ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i);
    this.ajv.addFormat('url', (s: string) => /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(s));
    this.ajv.addFormat('string', () => true);
    this.ajv.addFormat('ipv4', (s: string) => isIPv4(s));
    this.ajv.addFormat('ipv6', (s: string) => isIPv6(s));
    const definitions = JSON.parse(fs.readFileSync(K8S_DEFINITIONS, 'utf8')).definitions;
    this.ajv.addSchema({ $id: 'k8s', definitions: strict(definitions, false) });
    for (const [name, def] of Object.entries<any>(definitions)) {
      for (const gvk of def['x-kubernetes-group-version-kind'] ?? []) {
        const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
        this.factories.set(`${apiVersion}/${gvk.kind}`, () => this.ajv.compile({ $ref: `k8s#/definitions/${name}` }));
      }
    }
    for (const file of fs.readdirSync(CRD_DIR).filter(f => f.endsWith('.yaml')).sort()) {
      const text = fs.readFileSync(path.join(CRD_DIR, file), 'utf8');
      for (const key of crdKeys(text)) this.factories.set(key, () => this.compileCrd(text, key));
    }
  }

  validator(apiVersion: string, kind: string): ValidateFunction | undefined {
    const key = `${apiVersion}/${kind}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      const factory = this.factories.get(key);
      if (!factory) return undefined;
      validate = factory();
      this.compiled.set(key, validate);
    }
    return validate;
  }

  private compileCrd(text: string, key: string): ValidateFunction {
    for (const doc of YAML.parseAllDocuments(text)) {
      const crd = doc.toJS({ maxAliasCount: -1 });
      for (const version of crd?.spec?.versions ?? []) {
        if (`${crd.spec.group}/${version.name}/${crd.spec.names.kind}` !== key) continue;
        const schema = strict(version.schema.openAPIV3Schema, true);
        schema.properties.metadata = { $ref: 'k8s#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' };
        schema.required = [...new Set([...(schema.required ?? []), 'apiVersion', 'kind', 'metadata'])];
        return this.ajv.compile(schema);
      }
    }
    throw new Error(`no schema for ${key}`);
  }
}

/**
 * The apiVersion/kind keys a CRD file serves, read from its text without
 * parsing it (parsing every CRD costs more than a second): `spec.group`,
 * `spec.names.kind` and the version names.
 */
export function crdKeys(text: string): string[] {
  const group = /^ {2}group: (\S+)$/m.exec(text)?.[1];
  const kind = /^ {4}kind: (\S+)$/m.exec(text)?.[1];
  const versions = [...text.matchAll(/^ {2,4}(?:- )?name: (v[0-9]+(?:(?:alpha|beta)[0-9]+)?)$/gm)].map(m => m[1]);
  return group && kind ? [...new Set(versions)].map(v => `${group}/${v}/${kind}`) : [];
}

/** The schema made strict: unknown fields refused; descriptions and CEL rules dropped; CRD dialect mapped to JSON Schema. */
function strict(schema: any, inCrd: boolean): any {
  if (Array.isArray(schema)) return schema.map(s => strict(s, inCrd));
  if (!schema || typeof schema !== 'object') return schema;
  const out: any = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' || key === 'definitions' || key === 'patternProperties') {
      out[key] = Object.fromEntries(Object.entries(value as any).map(([k, v]) => [k, strict(v, inCrd)]));
    } else if (key === 'x-kubernetes-validations' || key === 'description') {
      continue;
    } else {
      out[key] = strict(value, inCrd);
    }
  }
  if (inCrd && out['x-kubernetes-int-or-string']) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (inCrd && out.nullable) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    delete out.nullable;
  }
  if (out.properties && out.additionalProperties === undefined && !out['x-kubernetes-preserve-unknown-fields']) {
    out.additionalProperties = false;
  }
  return out;
}

let registry: SchemaRegistry | undefined;

/** Schema errors of one object as `[field, message]` pairs (empty when valid); a kind without a schema is an error. */
export function schemaProblems(obj: any): Array<[string, string]> {
  registry ??= new SchemaRegistry();
  const validate = registry.validator(obj?.apiVersion, obj?.kind);
  if (!validate) return [['/', `no schema for ${obj?.apiVersion}/${obj?.kind} (the schemas in schemas/ cover Kubernetes 1.28 and the CRDs cdk8s-delivery emits)`]];
  if (validate(obj)) return [];
  return (validate.errors ?? []).map(e => [e.instancePath || '/', `${e.message}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`]);
}
