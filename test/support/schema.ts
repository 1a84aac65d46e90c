/**
 * Strict schema validation of synthesized objects, through the library's own
 * validator (lib/validation) against the schemas kept in schemas/.
 */
import * as fs from 'fs';
import * as path from 'path';
import { SCHEMA_DIR, schemaProblems } from '../../lib/validation/schemas';

/** Why schema validation cannot run, or undefined when it can. */
export function missingSchemas(): string | undefined {
  return fs.existsSync(path.join(SCHEMA_DIR, 'kubernetes')) && fs.existsSync(path.join(SCHEMA_DIR, 'crds'))
    ? undefined
    : `SCHEMAS MISSING: ${SCHEMA_DIR} is needed for strict schema validation (see schemas/SOURCES.md).`;
}

/** Schema errors of one object (empty when valid); unknown kinds are an error. */
export function schemaErrors(obj: any): string[] {
  const where = `${obj?.kind ?? '?'} ${obj?.metadata?.namespace ?? ''}/${obj?.metadata?.name ?? '?'}`;
  return schemaProblems(obj).map(([field, message]) => `${where}: ${field} ${message}`);
}
