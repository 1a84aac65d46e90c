/**
 * `cdk8s-delivery diff`: compares the committed output folder (or the one at
 * a Git ref) with a fresh synth of the program and reports what merging
 * would roll out. Internal: the package's `bin` runs `main`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { OutputTree, treeFromFolder, treeFromGit } from './output-tree';
import { renderMarkdown } from './report-markdown';
import { renderText } from './report-text';
import { reviewRelease } from './review';
import { runSynth, synthCommand } from './synth-runner';

/** Exit codes. */
export enum ExitCode {
  /** Nothing risky (and with --check, the output folder is up to date). */
  OK = 0,
  /** Bad arguments, or the synth or Git failed. */
  ERROR = 1,
  /** --check: the output folder differs from a fresh synth. */
  STALE = 2,
  /** The release holds risky changes. */
  RISKY = 3,
}

const USAGE = `Usage: cdk8s-delivery diff [options]

Synthesizes your program into a temporary folder and compares it with the
committed output folder (or with that folder at a Git ref): per environment
and app, what changes, whether and how it rolls out, in which order and for
how long, what Flux or Argo CD prunes and what is risky.

Options:
  --app <command>         the command that synthesizes (default: app: of cdk8s.yaml)
  --out <folder>          the output folder (default: dist)
  --ref <git-ref>         compare with the output folder at this ref (e.g. origin/main)
  --check                 fail (exit 2) when the output folder differs from a fresh synth
  --format text|markdown  how to print the review (default: text)
  --markdown-file <file>  also write the review as Markdown (for a PR comment)
  -h, --help              this text

Exit codes: 0 ok; 1 error; 2 with --check, the output folder is stale;
3 the release holds risky changes. A stale output folder wins over risky
changes (exit 2): each verdict is printed on stderr, so both show.
`;

/** Parsed options of `diff`. */
export interface DiffOptions {
  app?: string;
  out: string;
  ref?: string;
  check: boolean;
  format: 'text' | 'markdown';
  markdownFile?: string;
}

/** What `main` writes to and where it runs. */
export interface CliIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const PROCESS_IO: CliIo = {
  cwd: process.cwd(),
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
};

/** Runs the command line `argv` (without `node` and the script); returns the exit code. */
export function main(argv: string[], io: CliIo = PROCESS_IO): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help') {
    io.stdout(USAGE);
    return command === undefined ? ExitCode.ERROR : ExitCode.OK;
  }
  if (command !== 'diff') {
    io.stderr(`unknown command '${command}'\n\n${USAGE}`);
    return ExitCode.ERROR;
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    io.stdout(USAGE);
    return ExitCode.OK;
  }
  try {
    return diff(parseOptions(rest), io);
  } catch (e) {
    io.stderr(`cdk8s-delivery diff: ${(e as Error).message}\n`);
    return ExitCode.ERROR;
  }
}

/** The options of `diff` from its arguments; throws on an unknown or incomplete one. */
export function parseOptions(args: string[]): DiffOptions {
  const options: DiffOptions = { out: 'dist', check: false, format: 'text' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new Error(`${arg} needs a value\n\n${USAGE}`);
      return v;
    };
    if (arg === '--check') options.check = true;
    else if (arg === '--app') options.app = value();
    else if (arg === '--out') options.out = value();
    else if (arg === '--ref') options.ref = value();
    else if (arg === '--markdown-file') options.markdownFile = value();
    else if (arg === '--format') {
      const format = value();
      if (format !== 'text' && format !== 'markdown') throw new Error(`--format ${format}: use text or markdown`);
      options.format = format;
    } else throw new Error(`unknown option '${arg}'\n\n${USAGE}`);
  }
  return options;
}

function diff(options: DiffOptions, io: CliIo): number {
  const outdir = path.resolve(io.cwd, options.out);
  const command = synthCommand(io.cwd, options.app);
  const committed = treeFromFolder(outdir, `${options.out}/`);
  const before: OutputTree = options.ref === undefined ? committed : treeFromGit(io.cwd, options.ref, options.out, `${options.out}/ at ${options.ref}`);
  const fresh = runSynth(command, io.cwd);
  try {
    const after = treeFromFolder(fresh.outdir, 'a fresh synth');
    const review = reviewRelease(before, after);
    const stale = options.check && (options.ref === undefined ? review.files.length > 0 : differs(committed, after));
    const notices = stale ? [`${options.out}/ is stale: it differs from a fresh synth of \`${command}\`; synthesize and commit it`] : [];
    const markdown = options.format === 'markdown' || options.markdownFile ? renderMarkdown(review, { notices }) : '';
    if (options.markdownFile) fs.writeFileSync(path.resolve(io.cwd, options.markdownFile), markdown);
    io.stdout(options.format === 'markdown' ? markdown : renderText(review, { notices }));
    if (stale) io.stderr(`cdk8s-delivery diff: ${options.out}/ is stale (exit ${ExitCode.STALE})\n`);
    if (review.risky) io.stderr(`cdk8s-delivery diff: the release holds risky changes (exit ${ExitCode.RISKY}${stale ? `, reported as ${ExitCode.STALE} while ${options.out}/ is stale` : ''})\n`);
    return stale ? ExitCode.STALE : review.risky ? ExitCode.RISKY : ExitCode.OK;
  } finally {
    fresh.cleanUp();
  }
}

/** Whether two outputs differ in any file. */
function differs(a: OutputTree, b: OutputTree): boolean {
  if (a.paths.length !== b.paths.length || a.paths.some((p, i) => p !== b.paths[i])) return true;
  return a.paths.some(p => a.read(p) !== b.read(p));
}
