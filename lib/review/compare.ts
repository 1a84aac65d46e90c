/**
 * Compares two outputs by object: the files that differ are found by
 * content first (so an unchanged app folder is never parsed), then every
 * object of a changed app folder is parsed on both sides and matched by
 * kind, namespace and name. Internal.
 */
import * as YAML from 'yaml';
import { MANIFEST_FILE } from '../gitops/output-folder';
import { PlanRecord } from '../plan/plan-record';
import { CONTROL_FOLDERS, FLUX, ARGO_CD, UnitControl } from './gitops-tools';
import { Aspect, aspectsOf } from './object-diff';
import { OutputTree } from './output-tree';

/** Where the layout puts the plans. */
const PLANS = 'plans';
/** The folders of Argo CD's promotion gates, by unit: `argocd/<cluster>/gates/<unit>/`. */
const GATES = 'gates';

/** The change of one object. */
export interface ObjectDelta {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly change: 'added' | 'removed' | 'modified';
  readonly before?: any;
  readonly after?: any;
  /** What changed (modified objects only). */
  readonly aspects: Aspect[];
}

/** A file that differs, and how. */
export interface FileChange {
  readonly file: string;
  readonly change: 'added' | 'removed' | 'modified';
}

/** The objects of one app folder on both sides, and what changed. */
export interface FolderDelta {
  /** `<environment>/<app>`. */
  readonly folder: string;
  readonly environment: string;
  readonly app: string;
  readonly status: 'added' | 'removed' | 'changed';
  /** Objects that differ. */
  readonly objects: ObjectDelta[];
  /** Every object before and after, by `kind/namespace/name`. */
  readonly before: Map<string, any>;
  readonly after: Map<string, any>;
  /** The plans of the folder (after the change; before it for a removed folder). */
  readonly plans: PlanRecord[];
}

/** The change of one object of a tool's cluster folder (a Kustomization, an Application, a Namespace, ...). */
export interface ClusterObjectDelta extends ObjectDelta {
  readonly cluster: string;
  /** The tool whose folder holds it (`Flux`, `Argo CD`). */
  readonly tool: string;
  /** Its file in the output. */
  readonly file: string;
}

/** Everything that differs between two outputs. */
export interface OutputDelta {
  /** Files that differ, are new or are gone (the manifest aside). */
  readonly files: string[];
  readonly folders: FolderDelta[];
  readonly clusterObjects: ClusterObjectDelta[];
  /** The changed objects of Argo CD's gate folders, by unit (`<environment>-<app>`). */
  readonly gateObjects: Map<string, ObjectDelta[]>;
  /** Changed files outside app, cluster and plan folders. */
  readonly otherFiles: FileChange[];
  /** Changed rollout plan files. */
  readonly planFiles: string[];
  /** The tools whose control folders either output holds, e.g. `['Flux', 'Argo CD']`. */
  readonly tools: string[];
  /** The objects of each tool that apply the unit `name` (`<environment>-<app>`), parsed on demand. */
  controls(name: string): UnitControl[];
  /** The cluster folder that holds an object of the unit `name` (after the change, else before). */
  clusterOf(name: string): string | undefined;
}

/** The key of an object in its folder. */
export function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

/** Compares the outputs `before` and `after`. */
export function compareOutputs(before: OutputTree, after: OutputTree): OutputDelta {
  const files = changedFiles(before, after);
  const changedFolders = new Set<string>();
  const clusterFiles: Array<{ file: string; tool: string }> = [];
  const gateFiles: string[] = [];
  const otherFiles: FileChange[] = [];
  const planFiles: string[] = [];
  for (const file of files) {
    const parts = file.split('/');
    const tool = controlTool(parts);
    if (tool === ARGO_CD && parts[2] === GATES && parts.length === 5) gateFiles.push(file);
    else if (tool !== undefined) clusterFiles.push({ file, tool });
    else if (parts[0] === PLANS) planFiles.push(file);
    else if (parts.length === 3) changedFolders.add(`${parts[0]}/${parts[1]}`);
    else otherFiles.push({ file, change: before.read(file) === undefined ? 'added' : after.read(file) === undefined ? 'removed' : 'modified' });
  }
  const beforeIndex = folderIndex(before.paths);
  const afterIndex = folderIndex(after.paths);
  const folders = [...changedFolders].sort().map(folder => folderDelta(folder, before, after, beforeIndex.get(folder) ?? [], afterIndex.get(folder) ?? []));
  const clusterObjects = clusterFiles.flatMap(({ file, tool }) => fileDeltas(file, before.read(file), after.read(file)).map(d => ({ ...d, cluster: file.split('/')[1], tool, file })));
  const gateObjects = new Map<string, ObjectDelta[]>();
  for (const file of gateFiles) {
    const unit = file.split('/')[3];
    gateObjects.set(unit, [...gateObjects.get(unit) ?? [], ...fileDeltas(file, before.read(file), after.read(file))]);
  }
  const units = { before: unitFiles(before.paths), after: unitFiles(after.paths) };
  const parsed = new Map<string, any>();
  const read = (side: 'before' | 'after', file: string | undefined) => {
    if (file === undefined) return undefined;
    const key = `${side}:${file}`;
    if (!parsed.has(key)) parsed.set(key, parseObjects((side === 'before' ? before : after).read(file))[0]);
    return parsed.get(key);
  };
  return {
    files,
    folders,
    clusterObjects,
    gateObjects,
    otherFiles,
    planFiles,
    tools: CONTROL_FOLDERS.map(c => c.tool).filter(tool => units.before.has(tool) || units.after.has(tool)),
    controls(name) {
      return CONTROL_FOLDERS.flatMap(({ tool }) => {
        const b = read('before', units.before.get(tool)?.get(name));
        const a = read('after', units.after.get(tool)?.get(name));
        return b || a ? [{ tool, name, before: b, after: a }] : [];
      });
    },
    clusterOf(name) {
      const file = CONTROL_FOLDERS.map(({ tool }) => units.after.get(tool)?.get(name) ?? units.before.get(tool)?.get(name)).find(f => f !== undefined);
      return file?.split('/')[1];
    },
  };
}

/**
 * The tool whose control folder holds a file: `clusters/<cluster>/<file>`
 * (Flux), `argocd/<cluster>/<folder>/...` (Argo CD; an environment named
 * "argocd" has app folders one level up).
 */
function controlTool(parts: string[]): string | undefined {
  if (parts[0] === 'clusters' && parts.length === 3) return FLUX;
  if (parts[0] === 'argocd' && parts.length >= 4) return ARGO_CD;
  return undefined;
}

/** The files whose content differs between the trees, or that only one holds. */
function changedFiles(before: OutputTree, after: OutputTree): string[] {
  const all = [...new Set([...before.paths, ...after.paths])].filter(f => f !== MANIFEST_FILE).sort();
  return all.filter(f => before.read(f) !== after.read(f));
}

/** The files of each app folder (`<environment>/<app>/<file>`). */
function folderIndex(paths: string[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const file of paths) {
    const parts = file.split('/');
    if (parts.length !== 3 || controlTool(parts) !== undefined || parts[0] === PLANS) continue;
    const folder = `${parts[0]}/${parts[1]}`;
    index.set(folder, [...index.get(folder) ?? [], file]);
  }
  return index;
}

/** The files of the tools' objects of app folders, by tool and object name (Flux `kustomization-<name>.yaml`, Argo CD `application-<name>.yaml`). */
function unitFiles(paths: string[]): Map<string, Map<string, string>> {
  const files = new Map<string, Map<string, string>>();
  for (const file of paths) {
    for (const { tool, unitFile } of CONTROL_FOLDERS) {
      const match = unitFile.exec(file);
      if (!match) continue;
      if (!files.has(tool)) files.set(tool, new Map());
      files.get(tool)!.set(match[2], file);
    }
  }
  return files;
}

function folderDelta(folder: string, before: OutputTree, after: OutputTree, beforeFiles: string[], afterFiles: string[]): FolderDelta {
  const [environment, app] = folder.split('/');
  const load = (tree: OutputTree, files: string[]) => {
    const objects = new Map<string, any>();
    for (const file of files.filter(isManifest)) {
      for (const obj of parseObjects(tree.read(file))) objects.set(objectKey(obj.kind, obj.metadata?.namespace, obj.metadata?.name), obj);
    }
    return objects;
  };
  const b = load(before, beforeFiles);
  const a = load(after, afterFiles);
  const objects: ObjectDelta[] = [];
  for (const key of [...new Set([...b.keys(), ...a.keys()])].sort()) {
    const delta = objectDelta(b.get(key), a.get(key));
    if (delta) objects.push(delta);
  }
  const status = beforeFiles.length === 0 ? 'added' : afterFiles.length === 0 ? 'removed' : 'changed';
  const planFile = `${PLANS}/${folder}.json`;
  return { folder, environment, app, status, objects, before: b, after: a, plans: readPlans(after.read(planFile) ?? before.read(planFile)) };
}

/** The deltas of the objects of one file (the tools' cluster folders hold one object per file too). */
function fileDeltas(file: string, before: string | undefined, after: string | undefined): ObjectDelta[] {
  if (!isManifest(file)) return [];
  const b = new Map(parseObjects(before).map(o => [objectKey(o.kind, o.metadata?.namespace, o.metadata?.name), o]));
  const a = new Map(parseObjects(after).map(o => [objectKey(o.kind, o.metadata?.namespace, o.metadata?.name), o]));
  return [...new Set([...b.keys(), ...a.keys()])].sort().flatMap(k => objectDelta(b.get(k), a.get(k)) ?? []);
}

function objectDelta(before: any, after: any): ObjectDelta | undefined {
  const obj = after ?? before;
  const base = { kind: String(obj.kind), namespace: obj.metadata?.namespace, name: String(obj.metadata?.name), before, after };
  if (!before) return { ...base, change: 'added', aspects: [] };
  if (!after) return { ...base, change: 'removed', aspects: [] };
  const aspects = aspectsOf(before, after);
  return aspects.length ? { ...base, change: 'modified', aspects } : undefined;
}

/** Whether a file holds Kubernetes objects (kustomize's own kustomization.yaml is a build file, not an object). */
function isManifest(file: string): boolean {
  return file.endsWith('.yaml') && !file.endsWith('/kustomization.yaml');
}

/** The objects of a YAML file (every document that has a kind). */
function parseObjects(content: string | undefined): any[] {
  if (content === undefined) return [];
  return YAML.parseAllDocuments(content).map(d => d.toJS()).filter(o => o && typeof o === 'object' && typeof o.kind === 'string');
}

function readPlans(content: string | undefined): PlanRecord[] {
  if (content === undefined) return [];
  try {
    const plans = JSON.parse(content)?.plans;
    return Array.isArray(plans) ? plans : [];
  } catch {
    return [];
  }
}
