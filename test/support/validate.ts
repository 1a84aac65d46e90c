import { Chart, Testing } from 'cdk8s';
import { podSpecOf, pssViolations } from './pss';
import { schemaErrors } from './schema';

/**
 * Asserts that every object validates strictly against the upstream schemas
 * and that every pod template passes PSS "restricted".
 */
export function expectValidManifests(objects: any[]): void {
  const problems: string[] = [];
  for (const obj of objects) {
    problems.push(...schemaErrors(obj));
    const spec = podSpecOf(obj);
    if (spec) problems.push(...pssViolations(spec).map(p => `${obj.kind} ${obj.metadata?.name}: PSS restricted: ${p}`));
  }
  expect(problems).toEqual([]);
}

/** Synthesizes a chart (running its validations) and checks the result as `expectValidManifests` does. */
export function synthValid(chart: Chart): any[] {
  const objects = Testing.synth(chart);
  expectValidManifests(objects);
  return objects;
}

/** The one object of `kind` named `name` (fails when absent or ambiguous). */
export function find(objects: any[], kind: string, name: string): any {
  const found = objects.filter(o => o.kind === kind && o.metadata?.name === name);
  if (found.length !== 1) throw new Error(`expected one ${kind} ${name}, found ${found.length} among ${objects.map(o => `${o.kind}/${o.metadata?.name}`).join(', ')}`);
  return found[0];
}
