import { Chart } from 'cdk8s';
import { NamespaceOptions } from './namespace-options';

/**
 * One app folder of an environment: a chart whose objects go to
 * `<outdir>/<environment>/<name>/`, applied by one GitOps unit
 * (`<environment>-<name>`). Internal: not exported from the package.
 */
export interface AppFolder {
  /** The folder name (a DNS-1123 label), also the app's name in GitOps object names. */
  readonly name: string;
  /** The namespace of the objects without one of their own. */
  readonly namespace: string;
  /** The chart whose objects the folder holds. */
  readonly chart: Chart;
  /** GitOps units (by name, in the GitOps namespace) that must be ready first. */
  readonly dependsOn: string[];
  /** The GitOps timeout for applying the folder and waiting for it, if set. */
  readonly timeout?: string;
  /** How its namespace is set up. */
  readonly namespaceOptions: NamespaceOptions;
}
