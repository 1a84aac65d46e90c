/**
 * Writing rendered files: one object per file plus a `kustomization.yaml`
 * per app folder, into a map or straight into a folder. Internal.
 */
import * as fs from 'fs';
import * as path from 'path';
import { propError } from '../core/errors';
import { yamlStringify } from './yaml-writer';

/** apiVersion of the kustomize config file written into every app folder. */
const KUSTOMIZE_CONFIG = 'kustomize.config.k8s.io/v1beta1';

/** Where rendered files go, by path relative to the output folder. */
export interface FileSink {
  has(file: string): boolean;
  set(file: string, content: string): unknown;
}

/** A `FileSink` that writes each file into `root` at once. */
export class FolderWriter implements FileSink {
  private readonly written = new Set<string>();
  private readonly folders = new Set<string>();

  constructor(private readonly root: string) {}

  has(file: string): boolean {
    return this.written.has(file);
  }

  set(file: string, content: string): this {
    const target = path.join(this.root, file);
    const folder = path.dirname(target);
    if (!this.folders.has(folder)) {
      fs.mkdirSync(folder, { recursive: true });
      this.folders.add(folder);
    }
    fs.writeFileSync(target, content);
    this.written.add(file);
    return this;
  }
}

/** Writes one object per file into `folder`, plus a kustomization.yaml listing them when asked. */
export function writeFolder(files: FileSink, folder: string, objects: any[], withKustomization: boolean) {
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
    files.set(`${folder}/kustomization.yaml`, yamlStringify({ apiVersion: KUSTOMIZE_CONFIG, kind: 'Kustomization', resources: names }));
  }
}
