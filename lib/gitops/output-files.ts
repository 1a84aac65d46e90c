/**
 * Writing rendered objects: one object per file plus a `kustomization.yaml`
 * per app folder, into a sink (a map, or the staging folder of a synth). Internal.
 */
import { propError } from '../core/errors';
import { yamlStringify } from './yaml-writer';

/** apiVersion of the kustomize config file written into every app folder. */
const KUSTOMIZE_CONFIG = 'kustomize.config.k8s.io/v1beta1';

/** Where rendered files go, by path relative to the output folder. */
export interface FileSink {
  has(file: string): boolean;
  set(file: string, content: string): unknown;
}

/**
 * Writes one object per file into `folder`, plus a kustomization.yaml listing
 * them when asked, and after them `subfolders` (folders of `folder` that hold
 * a kustomization.yaml of their own).
 */
export function writeFolder(files: FileSink, folder: string, objects: any[], withKustomization: boolean, subfolders: string[] = []) {
  const names: string[] = [];
  for (const obj of objects) {
    const file = `${String(obj.kind).toLowerCase()}-${obj.metadata?.name}.yaml`;
    const key = `${folder}/${file}`;
    if (files.has(key)) {
      throw propError(folder, `${obj.kind} ${obj.metadata?.name}`, key, 'two objects of the same kind and name in one folder; give them distinct names');
    }
    files.set(key, yamlStringify(obj));
    names.push(file);
  }
  if (withKustomization) {
    files.set(`${folder}/kustomization.yaml`, yamlStringify({ apiVersion: KUSTOMIZE_CONFIG, kind: 'Kustomization', resources: [...names, ...subfolders] }));
  }
}
