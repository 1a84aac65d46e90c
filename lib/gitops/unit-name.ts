/**
 * The name of what deploys one app folder of an environment, whatever the
 * GitOps tool: the Flux Kustomization, the Argo CD Application.
 */
export function appUnitName(environment: string, app: string): string {
  return `${environment}-${app}`;
}
