/**
 * Runs the user's synth program into a temporary folder, as the cdk8s CLI
 * does: the command (`app:` of cdk8s.yaml, or given) runs in the project
 * folder with `CDK8S_OUTDIR` set, which `GitOpsLayout` (and a cdk8s `App`)
 * write into when no `outdir` is given. Internal.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { MANIFEST_FILE } from '../gitops/output-folder';

/** The cdk8s CLI's project file. */
const CDK8S_YAML = 'cdk8s.yaml';
/** The most output a synth command may print (bytes). */
const MAX_OUTPUT = 64 * 1024 * 1024;

/** The synth command: the one given, else `app:` of cdk8s.yaml in `cwd`. */
export function synthCommand(cwd: string, given: string | undefined): string {
  if (given !== undefined) {
    if (given.trim() === '') throw new Error('--app: give the command that synthesizes, e.g. --app "node --import tsx main.ts"');
    return given;
  }
  const file = path.join(cwd, CDK8S_YAML);
  if (!fs.existsSync(file)) throw new Error(`no ${CDK8S_YAML} in ${cwd}: give the command that synthesizes with --app "<command>", or run in the project folder`);
  const app = YAML.parse(fs.readFileSync(file, 'utf8'))?.app;
  if (typeof app !== 'string' || app.trim() === '') throw new Error(`${file} has no 'app:' command: add one (e.g. app: node --import tsx main.ts) or give --app "<command>"`);
  return app;
}

/** A fresh synth in a temporary folder. */
export interface FreshSynth {
  /** The output folder the program wrote. */
  readonly outdir: string;
  /** Deletes the temporary folder. */
  cleanUp(): void;
}

/** Runs `command` in `cwd` with CDK8S_OUTDIR set to a new temporary folder; throws when it fails or writes elsewhere. */
export function runSynth(command: string, cwd: string): FreshSynth {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-delivery-diff-'));
  const outdir = path.join(tmp, 'dist');
  const cleanUp = () => fs.rmSync(tmp, { recursive: true, force: true });
  try {
    const result = spawnSync(command, { cwd, shell: true, encoding: 'utf8', maxBuffer: MAX_OUTPUT, env: { ...process.env, CDK8S_OUTDIR: outdir } });
    if (result.error) throw new Error(`could not run the synth command \`${command}\`: ${result.error.message}`);
    if (result.status !== 0) {
      const tail = `${result.stderr || result.stdout}`.trim().split('\n').slice(-20).join('\n');
      throw new Error(`the synth command \`${command}\` failed (exit ${result.status ?? result.signal}):\n${tail}`);
    }
    if (!fs.existsSync(path.join(outdir, MANIFEST_FILE))) {
      throw new Error(`the synth command \`${command}\` wrote no output into $CDK8S_OUTDIR (${outdir}): leave GitOpsLayout's outdir (and your App's) unset, so they write where CDK8S_OUTDIR says`);
    }
    return { outdir, cleanUp };
  } catch (e) {
    cleanUp();
    throw e;
  }
}
