/**
 * The namespaces of one cluster: which ones the output creates (not the
 * system and GitOps ones, not those declared as existing), with which
 * labels, annotations and Pod Security Standards level, agreed on by every
 * app folder that uses them. Internal: not exported from the package.
 */
import { propError } from '../core/errors';
import { MANAGED_BY, MANAGED_BY_LABEL } from '../core/labels';
import { PodSecurityLevel } from '../core/pod-security-level';
import { AppFolder } from './app-folder';
import { NamespaceOptions } from './namespace-options';

/** Namespaces every cluster has. */
const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];
/** Labels that turn on Istio's sidecar injection, whose init container needs NET_ADMIN and NET_RAW. */
const ISTIO_INJECTION = [['istio-injection', 'enabled'], ['istio.io/rev', undefined]] as const;

/** A namespace as the apps using it agreed on it. */
export interface NamespaceSetup {
  readonly name: string;
  readonly create: boolean;
  readonly podSecurity: PodSecurityLevel;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  /** The first folder that declared it, for messages. */
  readonly declaredBy: string;
}

/** The namespaces of one cluster. */
export class ClusterNamespaces {
  private readonly setups = new Map<string, NamespaceSetup>();
  private readonly options = new Map<string, string>();

  constructor(private readonly gitOpsNamespace: string) {}

  /**
   * Records the namespace of `folder` (of environment `env`), checking that
   * it agrees with what other folders declared for it; returns its setup and
   * whether it is new.
   */
  add(env: string, folder: AppFolder): { setup: NamespaceSetup; isNew: boolean } {
    const where = `${env}/${folder.name}`;
    const given = folder.namespaceOptions;
    const signature = JSON.stringify(normalize(given));
    const existing = this.setups.get(folder.namespace);
    if (existing) {
      if (this.options.get(folder.namespace) !== signature) {
        throw propError(`environment ${env}`, `addApp(${folder.name}).namespaceOptions`, normalize(given),
          `the namespace "${folder.namespace}" is shared with ${existing.declaredBy}, which sets it up differently (${this.options.get(folder.namespace)}); give both the same namespaceOptions`);
      }
      return { setup: existing, isNew: false };
    }
    const system = SYSTEM_NAMESPACES.includes(folder.namespace) || folder.namespace === this.gitOpsNamespace;
    if (system && given.create === true) {
      throw propError(`environment ${env}`, `addApp(${folder.name}).namespaceOptions.create`, true, `"${folder.namespace}" exists in every cluster (a system or GitOps namespace): the output never creates it`);
    }
    const labels = given.labels ?? {};
    const injected = ISTIO_INJECTION.find(([key, value]) => key in labels && (value === undefined || labels[key] === value));
    if (injected && given.podSecurity === undefined) {
      throw propError(`environment ${env}`, `addApp(${folder.name}).namespaceOptions.labels.${injected[0]}`, labels[injected[0]],
        'Istio\'s sidecar injection adds an init container with NET_ADMIN and NET_RAW, which Pod Security Standards "restricted" (the default) refuses: set podSecurity: PodSecurityLevel.BASELINE, or PodSecurityLevel.RESTRICTED explicitly when the Istio CNI plugin replaces the init container');
    }
    const setup: NamespaceSetup = {
      name: folder.namespace,
      create: !system && given.create !== false,
      podSecurity: given.podSecurity ?? PodSecurityLevel.RESTRICTED,
      labels,
      annotations: given.annotations ?? {},
      declaredBy: where,
    };
    this.setups.set(folder.namespace, setup);
    this.options.set(folder.namespace, signature);
    return { setup, isNew: true };
  }

  /** The level pods in `namespace` must pass (restricted for namespaces no folder declared). */
  levelOf(namespace: string | undefined): PodSecurityLevel {
    return (namespace !== undefined ? this.setups.get(namespace)?.podSecurity : undefined) ?? PodSecurityLevel.RESTRICTED;
  }
}

/** The labels of a Namespace object we create. */
export function namespaceLabels(setup: NamespaceSetup): Record<string, string> {
  return {
    ...setup.labels,
    [MANAGED_BY_LABEL]: MANAGED_BY,
    'pod-security.kubernetes.io/enforce': setup.podSecurity,
    'pod-security.kubernetes.io/enforce-version': 'v1.28',
  };
}

function normalize(options: NamespaceOptions): Record<string, unknown> {
  return {
    create: options.create ?? true,
    podSecurity: options.podSecurity ?? PodSecurityLevel.RESTRICTED,
    labels: sorted(options.labels),
    annotations: sorted(options.annotations),
  };
}

function sorted(record: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(record ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
