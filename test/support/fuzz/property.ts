/**
 * The property every generated layout must satisfy: defining and rendering
 * it either throws an `Error` naming the prop at fault (the `propError`
 * format: construct path, `invalid '<prop>' (<value>)`, what is allowed), or
 * renders files that read the same in YAML 1.1 and 1.2 and pass the
 * package's own strict validation (`Validator.validateManifests`: schemas,
 * Pod Security Standards, wiring, Flux dependencies). A TypeError, a
 * RangeError (stack overflow), an Error that names no prop, or a failed
 * validation the constructs let through, is a failure.
 */
import * as os from 'os';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import * as fc from 'fast-check';
import * as YAML from 'yaml';
import { PodSecurityLevel, Validator } from '../../../lib';
import { fuzzParameters, LONG_RUN, timeoutFor } from './config';
import { buildLayout, externalKustomizations, folderLevels, LayoutScenario } from './layout';

/** `<construct path>: invalid '<prop>' (<value>): <what is allowed>` */
const PROP_ERROR = /: invalid '.+' \(.*\): \S/s;
/** Security settings that need a namespace level below "restricted". */
const OPT_OUTS: Record<string, unknown> = { runAsNonRoot: false, allowPrivilegeEscalation: true, dropAllCapabilities: false, seccompRuntimeDefault: false, runAsUser: 0 };
/** Where `render()` would write: never written, a render writes nothing. */
const OUTDIR = path.join(os.tmpdir(), 'cdk8s-delivery-fuzz-never-written');

/** How the cases of a property ended. */
export class FuzzStats {
  readonly outcomes = new Map<string, number>();
  /** The props refusals named, with how often. */
  readonly refusedProps = new Map<string, number>();
  add(outcome: string, prop?: string) {
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
    if (prop !== undefined) this.refusedProps.set(prop, (this.refusedProps.get(prop) ?? 0) + 1);
  }
  /** Counts a refusal, by the prop it names. */
  addRefusal(message: string) {
    const prop = /: invalid '(.+?)' \(/.exec(message)?.[1]?.replace(/\[\d+\]/g, '[]');
    this.add(prop !== undefined ? 'refused (prop)' : 'refused (layout check)', prop);
  }
  /** `accepted: N, refused (prop): N, ...; most refused: <prop> N, ...` */
  toString(): string {
    const top = [...this.refusedProps].sort(([, a], [, b]) => b - a).slice(0, 8).map(([p, n]) => `${p} ${n}`);
    return `${[...this.outcomes].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => `${k}: ${n}`).join(', ')}; most refused: ${top.join(', ')}`;
  }
}

/** Why an error thrown by a layout (or, without a scenario, by anything else) is not a clear refusal, or undefined when it is one. */
export function unclearRefusal(error: unknown, scenario?: LayoutScenario): string | undefined {
  if (!(error instanceof Error)) return `threw a non-Error: ${String(error)}`;
  if (error.constructor !== Error) return `threw a ${error.constructor.name}: ${error.message}\n${error.stack}`;
  if (PROP_ERROR.test(error.message)) return undefined;
  if (scenario && error.message.startsWith('validation failed with ')) {
    const lines = error.message.split('\n').slice(1).filter(l => !l.startsWith('  ... and '));
    const wrong = lines.filter(l => !isUserConflict(l, scenario));
    return wrong.length ? `the constructs accepted props whose output fails validation:\n${wrong.join('\n')}` : undefined;
  }
  return `the error names no prop: ${error.message}\n${error.stack}`;
}

/**
 * Whether a finding of the layout's checks is a conflict the user made that
 * no construct can see alone: two app folders owning one object or one
 * Ingress host and path, or a security opt-out the namespace's level refuses.
 */
function isUserConflict(line: string, scenario: LayoutScenario): boolean {
  const rule = /\[([a-z-]+)\]$/.exec(line)?.[1];
  if (rule === 'pod-security') return hasOptOut(scenario);
  if (rule !== 'ownership' && rule !== 'ingress') return false;
  // the owners: files written (`<env>/<app>/<file>.yaml`) and controllers (`the controller of <env>/<app>`)
  const owners = [...line.matchAll(/(?:the controller of )?([a-z0-9][-a-z0-9]*\/[a-z0-9][-a-z0-9]*)(?:\/[^\s:]+\.yaml| \()/g)].map(m => m[1]);
  return new Set(owners).size > 1;
}

/** Whether the scenario turns off a secure default that "restricted" requires. */
function hasOptOut(data: unknown, seen = new Set<unknown>()): boolean {
  if (data === null || typeof data !== 'object' || seen.has(data)) return false;
  seen.add(data);
  return Object.entries(data).some(([k, v]) => (k in OPT_OUTS && v === OPT_OUTS[k]) || hasOptOut(v, seen));
}

/** Problems of rendered files: YAML read differently by 1.1 and 1.2, and validation findings. */
export function outputProblems(files: Record<string, string>, scenario: LayoutScenario, fluxNamespace: string): string[] {
  const problems: string[] = [];
  const groups = new Map<string, any[]>();
  for (const [file, text] of Object.entries(files)) {
    if (file.endsWith('.json')) {
      JSON.parse(text);
      continue;
    }
    if (!file.endsWith('.yaml')) continue;
    const v12 = YAML.parse(text, { version: '1.2' });
    const v11 = YAML.parse(text, { version: '1.1' });
    if (!isDeepStrictEqual(v12, v11)) problems.push(`${file}: YAML 1.1 and 1.2 read it differently`);
    if (path.basename(file) === 'kustomization.yaml') continue;
    const dir = path.dirname(file);
    groups.set(dir, [...groups.get(dir) ?? [], v12]);
  }
  const levels = folderLevels(scenario);
  const externals = externalKustomizations(scenario, fluxNamespace);
  for (const [dir, docs] of groups) {
    const podSecurity = levels.get(dir) ?? PodSecurityLevel.RESTRICTED;
    for (const f of Validator.validateManifests(docs, { podSecurity, externalKustomizations: externals })) {
      problems.push(`${dir}: ${f.object}: ${f.field}: ${f.message} [${f.rule}]`);
    }
  }
  return problems;
}

/** Renders a scenario: the files, or the refusal (undefined files); fails the property on anything else. */
export function renderScenario(scenario: LayoutScenario, stats: FuzzStats): Record<string, string> | undefined {
  try {
    const layout = buildLayout(scenario, OUTDIR);
    const files = layout.render();
    stats.add('accepted');
    const problems = outputProblems(files, scenario, layout.fluxNamespace);
    if (problems.length) throw new Error(`accepted, but the output is invalid:\n${problems.join('\n')}`);
    return files;
  } catch (e) {
    if (e instanceof Error && e.message.startsWith('accepted, but')) throw e;
    const why = unclearRefusal(e, scenario);
    if (why) throw new Error(why);
    stats.addRefusal((e as Error).message);
    return undefined;
  }
}

/**
 * Defines a jest test checking `check` on `share` of the suite's cases of
 * `values`; `check` records each case's outcome in the stats.
 */
export function fuzzProperty<T>(name: string, values: fc.Arbitrary<T>, share: number, check: (value: T, stats: FuzzStats) => void) {
  const parameters = fuzzParameters<[T]>(share);
  test(`${name} (${parameters.numRuns} cases)`, () => {
    const stats = new FuzzStats();
    const started = Date.now();
    fc.assert(fc.property(values, value => check(value, stats)), parameters);
    if (LONG_RUN) process.stdout.write(`${name}: ${parameters.numRuns} cases in ${((Date.now() - started) / 1000).toFixed(1)}s, seed ${parameters.seed}: ${stats}\n`);
    expect(stats.outcomes.get('accepted') ?? 0).toBeGreaterThan(0);
  }, timeoutFor(parameters.numRuns!));
}

/**
 * Defines a jest test checking `scenarios` with `share` of the suite's
 * cases; `extra` runs more checks on the rendered files.
 */
export function fuzzTest(name: string, scenarios: fc.Arbitrary<LayoutScenario>, share: number, extra?: (scenario: LayoutScenario, files: Record<string, string>) => void) {
  fuzzProperty(name, scenarios, share, (scenario, stats) => {
    const files = renderScenario(scenario, stats);
    if (files && extra) extra(scenario, files);
  });
}
