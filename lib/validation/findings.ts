import { ValidationFinding } from './finding';

/** `<kind> <namespace>/<name>` of a manifest. */
export function describeObject(obj: any): string {
  const ns = obj?.metadata?.namespace;
  return `${obj?.kind ?? '?'} ${ns ? `${ns}/` : ''}${obj?.metadata?.name ?? '?'}`;
}

/** A finding as one line: `file: object: field: message [rule]`. */
export function formatFinding(f: ValidationFinding): string {
  return `${f.file ? `${f.file}: ` : ''}${f.object}: ${f.field}: ${f.message} [${f.rule}]`;
}

/** Throws an Error listing the findings, when there are any. */
export function throwIfAny(findings: ValidationFinding[]): void {
  if (findings.length === 0) return;
  const shown = findings.slice(0, 50).map(f => `  - ${formatFinding(f)}`);
  const more = findings.length > shown.length ? [`  ... and ${findings.length - shown.length} more`] : [];
  throw new Error(`validation failed with ${findings.length} finding(s):\n${[...shown, ...more].join('\n')}`);
}
