/**
 * The output folder of a synth, owned file by file: the synth records what
 * it wrote in a manifest (`.cdk8s-delivery.json`), and the next synth
 * replaces and deletes only those files. Foreign files (e.g. the
 * `flux-system/` folder `flux bootstrap` commits, hand-written files, another
 * tool's output) are never touched, and a new file that would overwrite one
 * is refused. A synth renders into a staging folder first, checks everything,
 * then commits with a journal, so an interrupted commit is finished by the
 * next synth and an interrupted render leaves nothing behind.
 */
import * as fs from 'fs';
import * as path from 'path';
import { FileSink } from './output-files';

/** The manifest of the files a synth wrote, relative to the output folder. */
export const MANIFEST_FILE = '.cdk8s-delivery.json';
/** Where files are rendered before the commit. */
const STAGING = '.cdk8s-delivery-staging';
/** The commit in progress: present only while files are moved into place. */
const JOURNAL = '.cdk8s-delivery-journal.json';
/** Entries in the output folder that belong to the synth machinery. */
const OWN_ENTRIES = [MANIFEST_FILE, STAGING, JOURNAL];

/** The content of the manifest file for a set of files. */
export function manifestContent(files: Iterable<string>): string {
  const list = [...files].filter(f => f !== MANIFEST_FILE).sort();
  return `${JSON.stringify({ generator: 'cdk8s-delivery', note: 'the files GitOpsLayout.synth() wrote; the next synth replaces and deletes only these', files: list }, undefined, 2)}\n`;
}

/** Why an output folder cannot be used, or undefined. */
function refusal(outdir: string, program: string | undefined): string | undefined {
  const cwd = process.cwd();
  const rel = path.relative(outdir, cwd);
  if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) {
    return 'it is the working directory or one of its parents: the synth would own the whole project; use a folder of its own such as "dist"';
  }
  if (fs.existsSync(outdir)) {
    if (!fs.statSync(outdir).isDirectory()) return 'it is a file, not a folder';
    for (const marker of ['.git', 'package.json']) {
      if (fs.existsSync(path.join(outdir, marker))) return `it holds ${marker}: it looks like a project root, not an output folder`;
    }
  }
  if (program) {
    const relProgram = path.relative(outdir, program);
    if (!relProgram.startsWith('..') && !path.isAbsolute(relProgram)) return `it holds the program being run (${program})`;
  }
  return undefined;
}

/** The folder, resolved through a symlink to its target (which is checked like any folder). */
function resolveFolder(outdir: string): string {
  const absolute = path.resolve(outdir);
  try {
    return fs.realpathSync(absolute);
  } catch {
    return absolute;
  }
}

/** The commit of a synth, as the journal records it. */
interface Commit {
  readonly write: string[];
  readonly remove: string[];
}

/** An output folder that a synth owns file by file. */
export class OutputFolder {
  /** The folder (a symlink's target when it is a symlink). */
  public readonly root: string;
  private readonly staging: string;
  private readonly journal: string;

  constructor(outdir: string, program: string | undefined = process.argv[1]) {
    if (typeof outdir !== 'string' || outdir.trim() === '') throw new Error(`outdir ${JSON.stringify(outdir)}: give the output folder, e.g. "dist"`);
    this.root = resolveFolder(outdir);
    const why = refusal(this.root, program && resolveFolder(program));
    if (why) throw new Error(`refusing to synthesize into ${JSON.stringify(outdir)} (${this.root}): ${why}`);
    this.staging = path.join(this.root, STAGING);
    this.journal = path.join(this.root, JOURNAL);
  }

  /**
   * Renders into the staging folder with `render`, checks the new files
   * against what is on disk, then commits them and deletes the files of the
   * previous synth that are gone. Returns the files written and removed.
   */
  synth(render: (sink: FileSink) => void): { written: string[]; removed: string[] } {
    fs.mkdirSync(this.root, { recursive: true });
    this.recover();
    const sink = new StagingSink(this.staging);
    try {
      render(sink);
      sink.set(MANIFEST_FILE, manifestContent(sink.files));
      const owned = this.ownedFiles();
      const write = [...sink.files].sort();
      const fresh = new Set(write);
      const remove = [...owned].filter(f => !fresh.has(f)).sort();
      this.preflight(write, owned, remove);
      fs.writeFileSync(this.journal, JSON.stringify({ write, remove }));
    } catch (e) {
      fs.rmSync(this.staging, { recursive: true, force: true });
      throw new Error(`${(e as Error).message}\nNothing was written: ${this.root} is as it was.`);
    }
    const commit: Commit = JSON.parse(fs.readFileSync(this.journal, 'utf8'));
    this.commit(commit);
    return { written: commit.write.filter(f => f !== MANIFEST_FILE), removed: commit.remove };
  }

  /** Finishes a commit an earlier synth left half-done, or drops its unfinished staging folder. */
  recover(): void {
    if (fs.existsSync(this.journal)) {
      let commit: Commit | undefined;
      try {
        commit = JSON.parse(fs.readFileSync(this.journal, 'utf8'));
      } catch {
        commit = undefined;
      }
      // a journal is written only once the staging folder is complete, so the commit can be finished
      if (commit && Array.isArray(commit.write) && Array.isArray(commit.remove)) this.commit(commit);
      else fs.rmSync(this.journal, { force: true });
    }
    fs.rmSync(this.staging, { recursive: true, force: true });
  }

  /** The files the previous synth wrote, from its manifest (only safe relative paths). */
  private ownedFiles(): Set<string> {
    const file = path.join(this.root, MANIFEST_FILE);
    if (!fs.existsSync(file)) return new Set();
    let parsed: any;
    try {
      parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      throw new Error(`${file} is not the manifest a synth writes (invalid JSON): restore it from Git, or delete it and the files it listed`);
    }
    const files: unknown[] = Array.isArray(parsed?.files) ? parsed.files : [];
    return new Set(files.filter((f): f is string => typeof f === 'string' && safeRelative(f)));
  }

  /**
   * Refuses, before anything changes, a new file that would overwrite a file
   * the previous synth did not write (unless it has the same content), a path
   * through a symlink or a file, and folders that cannot be written.
   */
  private preflight(write: string[], owned: Set<string>, remove: string[]) {
    const foreign: string[] = [];
    const dirs = new Set<string>();
    for (const file of write) {
      if (OWN_ENTRIES.includes(file)) continue;
      const target = path.join(this.root, file);
      const blocked = blockingPath(this.root, file);
      if (blocked) throw new Error(`${file}: ${blocked} is in the way (a file or a symlink where the synth needs a folder); move it away`);
      const stat = lstat(target);
      if (stat?.isSymbolicLink() || stat?.isDirectory()) throw new Error(`${file}: a ${stat.isDirectory() ? 'folder' : 'symlink'} is in the way; the synth writes a file there`);
      if (stat && !owned.has(file) && !sameContent(target, path.join(this.staging, file))) foreign.push(file);
      dirs.add(nearestExisting(path.dirname(target)));
    }
    if (foreign.length) {
      throw new Error(`the synth would overwrite ${foreign.length} file(s) it did not write: ${foreign.slice(0, 10).join(', ')}${foreign.length > 10 ? ', ...' : ''}; move them away (or rename the app) and synthesize again`);
    }
    for (const file of remove) dirs.add(path.dirname(path.join(this.root, file)));
    dirs.add(this.root);
    for (const dir of dirs) {
      try {
        fs.accessSync(dir, fs.constants.W_OK);
      } catch {
        throw new Error(`cannot write in ${dir}: check its permissions`);
      }
    }
  }

  /** Moves the staged files into place, deletes the removed ones, then drops the journal. */
  private commit(commit: Commit) {
    try {
      for (const file of commit.write) {
        const staged = path.join(this.staging, file);
        if (!fs.existsSync(staged)) continue; // moved before an interruption
        const target = path.join(this.root, file);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.renameSync(staged, target);
      }
      for (const file of commit.remove) {
        if (!safeRelative(file)) continue;
        const target = path.join(this.root, file);
        if (lstat(target)?.isFile()) fs.unlinkSync(target);
        removeEmptyParents(this.root, path.dirname(target));
      }
      fs.rmSync(this.staging, { recursive: true, force: true });
      fs.rmSync(this.journal, { force: true });
    } catch (e) {
      throw new Error(`${(e as Error).message}\nThe output in ${this.root} is partly updated; the next synth finishes the update (journal ${JOURNAL}).`);
    }
  }
}

/** A sink that writes every file into the staging folder at once, so the output is never held in memory. */
class StagingSink implements FileSink {
  readonly files = new Set<string>();
  private readonly folders = new Set<string>();

  constructor(private readonly root: string) {}

  has(file: string): boolean {
    return this.files.has(file);
  }

  set(file: string, content: string): this {
    if (!safeRelative(file) || OWN_ENTRIES.includes(file.split('/')[0]) && file !== MANIFEST_FILE) throw new Error(`${file}: not a file name the synth may write`);
    const target = path.join(this.root, file);
    const folder = path.dirname(target);
    if (!this.folders.has(folder)) {
      fs.mkdirSync(folder, { recursive: true });
      this.folders.add(folder);
    }
    fs.writeFileSync(target, content);
    this.files.add(file);
    return this;
  }
}

/** A relative path inside the folder: no `..`, not absolute, not empty. */
function safeRelative(file: string): boolean {
  return file !== '' && !path.isAbsolute(file) && !file.split(/[\\/]/).some(part => part === '..' || part === '.' || part === '');
}

function lstat(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch {
    return undefined;
  }
}

/** The first parent folder of `file` (inside `root`) that exists as something other than a folder. */
function blockingPath(root: string, file: string): string | undefined {
  const parts = file.split('/').slice(0, -1);
  let current = root;
  for (const part of parts) {
    current = path.join(current, part);
    const stat = lstat(current);
    if (!stat) return undefined;
    if (!stat.isDirectory()) return path.relative(root, current);
  }
  return undefined;
}

function sameContent(a: string, b: string): boolean {
  try {
    return fs.readFileSync(a).equals(fs.readFileSync(b));
  } catch {
    return false;
  }
}

function nearestExisting(dir: string): string {
  let current = dir;
  while (!fs.existsSync(current)) current = path.dirname(current);
  return current;
}

/** Removes `dir` and its parents up to (not including) `root` while they are empty. */
function removeEmptyParents(root: string, dir: string) {
  let current = dir;
  while (current.startsWith(`${root}${path.sep}`) && fs.existsSync(current) && fs.readdirSync(current).length === 0) {
    fs.rmdirSync(current);
    current = path.dirname(current);
  }
}
