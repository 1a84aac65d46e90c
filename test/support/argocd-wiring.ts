/**
 * The wiring of the Argo CD output, read from rendered files the way Argo
 * CD would: every Application source is a folder of the output holding a
 * kustomization.yaml; no two Applications apply the same folder; each
 * Application's project exists and allows its repository, its destination
 * and every object of its folders (namespaced kinds, namespaces, and
 * cluster-scoped objects by name).
 */
import * as YAML from 'yaml';

const parse = (text: string) => YAML.parse(text);
const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.split('/')[0] : '');
const sameDestination = (a: any, b: any) => a.server === b.server && a.name === b.name && a.namespace === b.namespace;

/** The problems found in `files` (path -> content, relative to the output folder); empty when all is wired. */
export function argoWiringProblems(files: Record<string, string>, repositoryPath = './dist'): string[] {
  const problems: string[] = [];
  const manifests = Object.entries(files)
    .filter(([f]) => f.startsWith('argocd/') && f.endsWith('.yaml') && !f.endsWith('/kustomization.yaml'))
    .map(([, text]) => parse(text));
  const projects = new Map(manifests.filter(o => o.kind === 'AppProject').map(p => [p.metadata.name, p]));
  const applications = manifests.filter(o => o.kind === 'Application');
  const owners = new Map<string, string>();
  const prefix = `${repositoryPath.replace(/^\.\//, '')}/`;
  for (const app of applications) {
    const name = app.metadata.name;
    const project = projects.get(app.spec.project);
    if (!project) problems.push(`${name}: its project ${app.spec.project} is not among the rendered AppProjects`);
    if (project && !project.spec.destinations.some((d: any) => sameDestination(d, app.spec.destination))) problems.push(`${name}: project ${project.metadata.name} does not allow the destination ${JSON.stringify(app.spec.destination)}`);
    for (const source of app.spec.sources ?? [app.spec.source]) {
      if (!source.path.startsWith(prefix)) {
        problems.push(`${name}: ${source.path} is outside the output folder`);
        continue;
      }
      const folder = source.path.slice(prefix.length);
      const kustomization = files[`${folder}/kustomization.yaml`];
      if (kustomization === undefined) {
        problems.push(`${name}: ${source.path} holds no kustomization.yaml`);
        continue;
      }
      const other = owners.get(folder);
      if (other) problems.push(`${name}: ${folder} is applied by ${other} too`);
      owners.set(folder, name);
      if (project && !project.spec.sourceRepos.includes(source.repoURL)) problems.push(`${name}: project ${project.metadata.name} does not allow the repository ${source.repoURL}`);
      for (const file of kustomizeFiles(files, folder)) {
        const obj = parse(files[file]);
        if (project) problems.push(...denied(project, app, obj).map(p => `${name}: ${file}: ${p}`));
      }
    }
  }
  return problems;
}

/** The manifest files `kustomize build <folder>` reads: its resources, and those of the folders it lists. */
function kustomizeFiles(files: Record<string, string>, folder: string): string[] {
  return parse(files[`${folder}/kustomization.yaml`]).resources.flatMap((r: string) => (r.endsWith('.yaml') ? [`${folder}/${r}`] : kustomizeFiles(files, `${folder}/${r}`)));
}

/** Why `project` refuses `obj` applied by `app`, if it does. */
function denied(project: any, app: any, obj: any): string[] {
  const group = groupOf(obj.apiVersion);
  const namespace = obj.metadata.namespace;
  if (namespace === undefined) {
    const allowed = (project.spec.clusterResourceWhitelist ?? []).some((e: any) => e.group === group && e.kind === obj.kind && (e.name === undefined || e.name === obj.metadata.name));
    return allowed ? [] : [`cluster-scoped ${group}/${obj.kind} ${obj.metadata.name} is not allowed`];
  }
  const out: string[] = [];
  const whitelist = project.spec.namespaceResourceWhitelist;
  if (whitelist === undefined) out.push('the project allows every namespaced kind (namespaceResourceWhitelist left out)');
  else if (!whitelist.some((e: any) => e.group === group && e.kind === obj.kind)) out.push(`kind ${group}/${obj.kind} is not allowed`);
  if (!project.spec.destinations.some((d: any) => sameDestination(d, { ...app.spec.destination, namespace }))) out.push(`namespace ${namespace} is not an allowed destination`);
  return out;
}
