import { PodSecurityLevel } from '../core/pod-security-level';

/**
 * How the namespace of an app is set up in the cluster.
 */
export interface NamespaceOptions {
  /**
   * Emit the Namespace object (applied by the cluster's Flux Kustomizations,
   * never pruned). Set false for a namespace that exists already.
   *
   * @default - true, except for default, kube-system, kube-public,
   * kube-node-lease and the Flux namespace, which exist in every cluster
   */
  readonly create?: boolean;
  /**
   * Labels of the Namespace, e.g. `{ 'istio-injection': 'enabled' }`.
   *
   * @default - none
   */
  readonly labels?: Record<string, string>;
  /**
   * Annotations of the Namespace.
   *
   * @default - none
   */
  readonly annotations?: Record<string, string>;
  /**
   * The Pod Security Standards level the namespace enforces; every pod of the
   * apps in it must pass it (checked at synth). For a namespace that exists
   * already, the level it enforces there.
   *
   * @default PodSecurityLevel.RESTRICTED
   */
  readonly podSecurity?: PodSecurityLevel;
}
