/**
 * The files of one synthesized output folder, wherever they are: a folder on
 * disk (the committed `dist/`, or a fresh synth in a temporary folder), the
 * same folder at a Git ref, or the map `GitOpsLayout.render()` returns. Only
 * the files the synth wrote count (those its manifest lists): foreign files
 * such as `flux-system/` are not part of a release review. Internal.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { MANIFEST_FILE } from '../gitops/output-folder';

/** The files of one output, by path relative to the output folder (`/`-separated). */
export interface OutputTree {
  /** Where the files come from, in words (e.g. "dist/ at origin/main"). */
  readonly source: string;
  /** The files the synth wrote, sorted; the manifest included. */
  readonly paths: string[];
  /** A file's content; undefined when the tree does not hold it. */
  read(file: string): string | undefined;
}

/** The largest output `git cat-file` may return (bytes). */
const MAX_GIT_OUTPUT = 2 ** 31 - 1;

/** A tree of files held in memory (e.g. from `GitOpsLayout.render()`). */
export function treeFromFiles(files: Record<string, string>, source: string): OutputTree {
  const contents = new Map(Object.entries(files));
  return { source, paths: ownedPaths(contents.get(MANIFEST_FILE), [...contents.keys()]), read: file => contents.get(file) };
}

/** The output in `folder` on disk; an empty tree when the folder does not exist. */
export function treeFromFolder(folder: string, source: string): OutputTree {
  if (!fs.existsSync(folder)) return { source, paths: [], read: () => undefined };
  if (!fs.statSync(folder).isDirectory()) throw new Error(`${folder} is not a folder`);
  const manifest = readIfFile(path.join(folder, MANIFEST_FILE));
  const paths = ownedPaths(manifest, manifest === undefined ? walk(folder) : []);
  const cache = new Map<string, string | undefined>();
  return {
    source,
    paths,
    read: file => {
      if (!cache.has(file)) cache.set(file, readIfFile(path.join(folder, file)));
      return cache.get(file);
    },
  };
}

/**
 * The output in `folder` (relative to `cwd`, inside a Git work tree) as it is
 * at `ref`: every file of the folder read in one `git cat-file --batch`.
 */
export function treeFromGit(cwd: string, ref: string, folder: string, source: string): OutputTree {
  const listing = git(cwd, ['ls-tree', '-r', '-z', ref, '--', `${folder.replace(/\/+$/, '')}/`]);
  const prefix = `${path.posix.normalize(folder.replace(/\\/g, '/')).replace(/\/+$/, '')}/`;
  const blobs: Array<{ id: string; file: string }> = [];
  for (const entry of listing.toString('utf8').split('\0')) {
    const match = /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(entry);
    if (match && match[2].startsWith(prefix)) blobs.push({ id: match[1], file: match[2].slice(prefix.length) });
  }
  const contents = new Map<string, string>();
  if (blobs.length) {
    const out = git(cwd, ['cat-file', '--batch'], blobs.map(b => b.id).join('\n') + '\n');
    let offset = 0;
    for (const blob of blobs) {
      const headerEnd = out.indexOf(10, offset);
      const size = Number(out.toString('utf8', offset, headerEnd).split(' ')[2]);
      contents.set(blob.file, out.toString('utf8', headerEnd + 1, headerEnd + 1 + size));
      offset = headerEnd + 1 + size + 1;
    }
  }
  const manifest = contents.get(MANIFEST_FILE);
  return { source, paths: ownedPaths(manifest, [...contents.keys()]), read: file => contents.get(file) };
}

/** Runs git in `cwd`, returning its stdout; throws with git's message when it fails. */
export function git(cwd: string, args: string[], input?: string): Buffer {
  const result = spawnSync('git', args, { cwd, input, maxBuffer: MAX_GIT_OUTPUT });
  if (result.error) throw new Error(`git ${args[0]}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr.toString('utf8').trim()}`);
  return result.stdout;
}

/**
 * The files a synth wrote: those its manifest lists (plus the manifest), or
 * every file when there is no readable manifest (an output written before
 * synths kept one).
 */
function ownedPaths(manifest: string | undefined, all: string[]): string[] {
  let listed: unknown;
  try {
    listed = manifest === undefined ? undefined : JSON.parse(manifest)?.files;
  } catch {
    listed = undefined;
  }
  if (!Array.isArray(listed)) return all.filter(f => !f.startsWith('.cdk8s-delivery-')).sort();
  return [...listed.filter((f): f is string => typeof f === 'string'), MANIFEST_FILE].sort();
}

function walk(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => (e.isDirectory()
    ? walk(path.join(dir, e.name), `${prefix}${e.name}/`)
    : e.isFile() ? [`${prefix}${e.name}`] : []));
}

function readIfFile(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
