/**
 * The GitOps tools that apply an output, as the review reads them from its
 * control folders: Flux (a Kustomization per app folder in
 * `clusters/<cluster>/`) and Argo CD (an Application per app folder in
 * `argocd/<cluster>/apps/`, gate Jobs in `argocd/<cluster>/gates/<unit>/`).
 * What each says about an app folder: whether it prunes, what deleting it
 * does, what it waits for. Internal.
 */
import { AFTER_ANNOTATION } from '../gitops/argocd/application';

/** Flux, as the review names it. */
export const FLUX = 'Flux';
/** Argo CD, as the review names it. */
export const ARGO_CD = 'Argo CD';

/** Where each tool's objects of a cluster are, and the file of an app folder's object (`<name>` is the unit). */
export const CONTROL_FOLDERS: ReadonlyArray<{ readonly tool: string; readonly folder: string; readonly unitFile: RegExp }> = [
  { tool: FLUX, folder: 'clusters', unitFile: /^clusters\/([^/]+)\/kustomization-(.+)\.yaml$/ },
  { tool: ARGO_CD, folder: 'argocd', unitFile: /^argocd\/([^/]+)\/apps\/application-(.+)\.yaml$/ },
];

/** Argo CD deletes what an Application applied when the Application is deleted. */
const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';

/** The object of one tool that applies an app folder (a Kustomization, an Application), before and after the change. */
export interface UnitControl {
  readonly tool: string;
  readonly name: string;
  readonly before?: any;
  readonly after?: any;
}

/** The tools in words: "Flux", "Argo CD", "Flux or Argo CD" (whichever applies the output). */
export function toolWords(tools: readonly string[]): string {
  return tools.length ? tools.join(' or ') : FLUX;
}

/** The kind of a tool's object of an app folder, in words. */
export function controlKind(tool: string): string {
  return tool === ARGO_CD ? 'Argo CD Application' : 'Flux Kustomization';
}

/** Whether the tool deletes the objects that leave the folder (on `side`). */
export function prunes(control: UnitControl, side: 'before' | 'after'): boolean {
  const obj = control[side] ?? control.before ?? control.after;
  return control.tool === ARGO_CD ? obj?.spec?.syncPolicy?.automated?.prune === true : obj?.spec?.prune !== false;
}

/** Whether deleting the object deletes what it applied (a pruning Kustomization, an Application with the resources finalizer). */
export function deletesWhenRemoved(control: UnitControl): boolean {
  const obj = control.before ?? control.after;
  return control.tool === ARGO_CD ? (obj?.metadata?.finalizers ?? []).includes(RESOURCES_FINALIZER) : obj?.spec?.prune === true;
}

/** The revision an Application follows (its first source's). */
export function revisionOf(application: any): string | undefined {
  const spec = application?.spec;
  return spec?.source?.targetRevision ?? spec?.sources?.[0]?.targetRevision;
}

/** The folder an object of a unit applies, as `<environment>/<app>` (the last two parts of its path). */
export function folderOfControl(obj: any): string {
  const path = String(obj?.spec?.path ?? obj?.spec?.source?.path ?? obj?.spec?.sources?.[0]?.path ?? '');
  return path.split('/').slice(-2).join('/');
}

/** The units a unit comes after: a Kustomization's `dependsOn`, an Application's annotation. */
export function upstreamOf(control: UnitControl): string[] {
  const obj = control.after ?? control.before;
  if (control.tool === ARGO_CD) return String(obj?.metadata?.annotations?.[AFTER_ANNOTATION] ?? '').split(',').filter(n => n !== '');
  return ((obj?.spec?.dependsOn ?? []) as any[]).map(d => String(d.name));
}
