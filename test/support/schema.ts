/**
 * Strict schema validation of synthesized objects against the upstream
 * Kubernetes 1.28 definitions and the CRDs kept in schemas/ (see schemas/SOURCES.md).
 * "Strict" means every object schema that lists properties rejects unknown
 * fields, as the API server does with `kubectl apply --validate=strict`.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import * as YAML from 'yaml';

/** Where the upstream schemas live: schemas/ in the project. */
const SCHEMA_DIR = path.resolve(__dirname, '..', '..', 'schemas');
const K8S_DEFINITIONS = path.join(SCHEMA_DIR, 'kubernetes', 'v1.28.0-definitions.json');
const CRD_DIR = path.join(SCHEMA_DIR, 'crds');

/** Why schema validation cannot run, or undefined when it can. */
export function missingSchemas(): string | undefined {
  if (!fs.existsSync(K8S_DEFINITIONS) || !fs.existsSync(CRD_DIR)) {
    return `SCHEMAS MISSING: ${K8S_DEFINITIONS} and ${CRD_DIR} are needed for strict schema validation (see schemas/SOURCES.md).`;
  }
  return undefined;
}

let validators: Map<string, () => ValidateFunction> | undefined;
const compiled = new Map<string, ValidateFunction>();

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

function load(): Map<string, () => ValidateFunction> {
  if (validators) return validators;
  const missing = missingSchemas();
  if (missing) throw new Error(missing);
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const definitions = JSON.parse(fs.readFileSync(K8S_DEFINITIONS, 'utf8')).definitions;
  ajv.addSchema({ $id: 'k8s', definitions: strict(definitions, false) });
  validators = new Map();
  for (const [name, def] of Object.entries<any>(definitions)) {
    for (const gvk of def['x-kubernetes-group-version-kind'] ?? []) {
      const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
      validators.set(`${apiVersion}/${gvk.kind}`, () => ajv.compile({ $ref: `k8s#/definitions/${name}` }));
    }
  }
  for (const file of fs.readdirSync(CRD_DIR).filter(f => f.endsWith('.yaml'))) {
    for (const doc of YAML.parseAllDocuments(fs.readFileSync(path.join(CRD_DIR, file), 'utf8'))) {
      const crd = doc.toJS();
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      for (const version of crd.spec.versions) {
        const schema = strict(version.schema.openAPIV3Schema, true);
        schema.properties.metadata = { $ref: 'k8s#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' };
        schema.required = [...new Set([...(schema.required ?? []), 'apiVersion', 'kind', 'metadata'])];
        validators.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, () => ajv.compile(schema));
      }
    }
  }
  return validators;
}

/** Schema errors of one object (empty when valid); unknown kinds are an error. */
export function schemaErrors(obj: any): string[] {
  const key = `${obj?.apiVersion}/${obj?.kind}`;
  const where = `${obj?.kind ?? '?'} ${obj?.metadata?.namespace ?? ''}/${obj?.metadata?.name ?? '?'}`;
  const factory = load().get(key);
  if (!factory) return [`${where}: no schema for ${key} in schemas/`];
  let validate = compiled.get(key);
  if (!validate) {
    validate = factory();
    compiled.set(key, validate);
  }
  if (validate(obj)) return [];
  return (validate.errors ?? []).map(e => `${where}: ${e.instancePath || '/'} ${e.message} ${e.params ? JSON.stringify(e.params) : ''}`);
}
