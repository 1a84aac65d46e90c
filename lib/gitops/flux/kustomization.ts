import { ApiObject, ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { propError } from '../../core/errors';
import { Check } from '../../core/check';
import { acceptNullPrototypes } from '../../core/plain-objects';

/** The kinds of Flux source a Kustomization can read. */
export enum FluxSourceKind {
  /** A `source.toolkit.fluxcd.io` GitRepository. */
  GIT_REPOSITORY = 'GitRepository',
  /** A `source.toolkit.fluxcd.io` OCIRepository. */
  OCI_REPOSITORY = 'OCIRepository',
  /** A `source.toolkit.fluxcd.io` Bucket. */
  BUCKET = 'Bucket',
}

/** What happens to the objects a Kustomization applied when the Kustomization is deleted. */
export enum FluxDeletionPolicy {
  /** Delete them when `prune` is on (Flux's default). */
  MIRROR_PRUNE = 'MirrorPrune',
  /** Delete them. */
  DELETE = 'Delete',
  /** Keep them (e.g. CRDs, whose deletion deletes every object of their kinds). */
  ORPHAN = 'Orphan',
}

/** A reference to the Flux source a Kustomization builds from. */
export interface FluxSourceRef {
  /** The source kind. */
  readonly kind: FluxSourceKind;
  /** The source name. */
  readonly name: string;
  /**
   * The source namespace.
   *
   * @default - the Kustomization's namespace
   */
  readonly namespace?: string;
}

/** A Kustomization that must be ready before this one is applied. */
export interface FluxDependency {
  /** The other Kustomization's name. */
  readonly name: string;
  /**
   * Its namespace.
   *
   * @default - this Kustomization's namespace
   */
  readonly namespace?: string;
}

/** An object whose readiness the Kustomization waits for. */
export interface FluxHealthCheck {
  /** The object's apiVersion, e.g. `apps/v1`. */
  readonly apiVersion: string;
  /** The object's kind. */
  readonly kind: string;
  /** The object's name. */
  readonly name: string;
  /**
   * The object's namespace.
   *
   * @default - the Kustomization's namespace
   */
  readonly namespace?: string;
}

/**
 * A CEL health rule for a custom resource kind (kustomize-controller v1.5+).
 * Flux evaluates `inProgress`, then `failed`, then `current`.
 */
export interface FluxHealthCheckExpr {
  /** The resource group and version, e.g. `flagger.app/v1beta1`. */
  readonly apiVersion: string;
  /** The resource kind. */
  readonly kind: string;
  /** CEL expression that is true when the object is healthy. */
  readonly current: string;
  /**
   * CEL expression that is true while the object is still progressing.
   *
   * @default - none
   */
  readonly inProgress?: string;
  /**
   * CEL expression that is true when the object has failed.
   *
   * @default - none
   */
  readonly failed?: string;
}

/** Selects the objects a drift-ignore rule applies to. */
export interface FluxObjectSelector {
  /**
   * API group.
   *
   * @default - any group
   */
  readonly group?: string;
  /**
   * API version.
   *
   * @default - any version
   */
  readonly version?: string;
  /**
   * Kind.
   *
   * @default - any kind
   */
  readonly kind?: string;
  /**
   * Object name (a regular expression).
   *
   * @default - any name
   */
  readonly name?: string;
  /**
   * Namespace (a regular expression).
   *
   * @default - any namespace
   */
  readonly namespace?: string;
  /**
   * Label selector expression.
   *
   * @default - no label condition
   */
  readonly labelSelector?: string;
}

/**
 * Fields Flux neither applies nor corrects on drift (kustomize-controller v1.9+),
 * e.g. `/spec/replicas` of a Deployment another controller scales.
 */
export interface FluxIgnoreRule {
  /** JSON Pointer paths, e.g. `/spec/replicas`. */
  readonly paths: string[];
  /**
   * The objects the rule applies to.
   *
   * @default - every object of the Kustomization
   */
  readonly target?: FluxObjectSelector;
}

/**
 * Props of a Flux `Kustomization` (kustomize.toolkit.fluxcd.io/v1).
 */
export interface FluxKustomizationProps {
  /** The Kustomization's name. */
  readonly name: string;
  /**
   * Its namespace.
   *
   * @default "flux-system"
   */
  readonly namespace?: string;
  /** The source to build from. */
  readonly sourceRef: FluxSourceRef;
  /** The folder inside the source, e.g. `./dist/production/web`. */
  readonly path: string;
  /**
   * Delete objects that leave the folder.
   *
   * @default true
   */
  readonly prune?: boolean;
  /**
   * How often the folder is re-applied and drift corrected.
   *
   * @default "10m"
   */
  readonly interval?: string;
  /**
   * How soon a failed apply is retried.
   *
   * @default - the interval
   */
  readonly retryInterval?: string;
  /**
   * The budget for build, apply and health checks.
   *
   * @default - the interval
   */
  readonly timeout?: string;
  /**
   * Wait for every applied object to become ready (overrides `healthChecks`).
   *
   * @default false
   */
  readonly wait?: boolean;
  /**
   * Objects whose readiness is checked after apply.
   *
   * @default - none
   */
  readonly healthChecks?: FluxHealthCheck[];
  /**
   * CEL health rules for custom resources.
   *
   * @default - none
   */
  readonly healthCheckExprs?: FluxHealthCheckExpr[];
  /**
   * Kustomizations that must be ready first.
   *
   * @default - none
   */
  readonly dependsOn?: FluxDependency[];
  /**
   * Fields to leave alone on apply and drift correction (needs kustomize-controller v1.9+).
   *
   * @default - none
   */
  readonly ignore?: FluxIgnoreRule[];
  /**
   * Set the namespace of every object.
   *
   * @default - objects keep their own namespaces
   */
  readonly targetNamespace?: string;
  /**
   * Stop reconciling.
   *
   * @default false
   */
  readonly suspend?: boolean;
  /**
   * What happens to the applied objects when the Kustomization is deleted.
   *
   * @default FluxDeletionPolicy.MIRROR_PRUNE
   */
  readonly deletionPolicy?: FluxDeletionPolicy;
  /**
   * Labels of the Kustomization.
   *
   * @default - none
   */
  readonly labels?: Record<string, string>;
}

/**
 * A Flux `Kustomization`: applies one folder of a source to the cluster and
 * keeps it there.
 */
export class FluxKustomization extends ApiObject {
  /** apiVersion of the Kustomizations this construct defines. */
  public static readonly API_VERSION = 'kustomize.toolkit.fluxcd.io/v1';
  /** kind of the Kustomizations this construct defines. */
  public static readonly KIND = 'Kustomization';

  /** The folder it applies. */
  public readonly path: string;
  /** Whether it prunes. */
  public readonly prune: boolean;

  public constructor(scope: Construct, id: string, props: FluxKustomizationProps) {
    const metadata: ApiObjectMetadata = { name: props.name, namespace: props.namespace ?? 'flux-system', labels: props.labels };
    super(scope, id, {
      apiVersion: FluxKustomization.API_VERSION,
      kind: FluxKustomization.KIND,
      metadata,
      spec: {
        interval: props.interval ?? '10m',
        retryInterval: props.retryInterval,
        timeout: props.timeout,
        path: props.path,
        prune: props.prune ?? true,
        wait: props.wait,
        sourceRef: props.sourceRef,
        targetNamespace: props.targetNamespace,
        dependsOn: props.dependsOn,
        healthChecks: props.healthChecks,
        healthCheckExprs: props.healthCheckExprs,
        ignore: props.ignore,
        suspend: props.suspend,
        deletionPolicy: props.deletionPolicy,
      },
    });
    acceptNullPrototypes(this);
    this.path = props.path;
    this.prune = props.prune ?? true;
    // kustomize-controller labels every object it applies with `kustomize.toolkit.fluxcd.io/name: <name>`,
    // and a label value has at most 63 characters: a longer name applies nothing (fluxcd/flux2#2004)
    Check.dns1123Subdomain(this, 'name', props.name, 63, ' (Flux labels every object it applies with this name, and label values have at most 63 characters)');
    if (props.namespace !== undefined) Check.dns1123Label(this, 'namespace', props.namespace);
    Check.dns1123Subdomain(this, 'sourceRef.name', props.sourceRef.name);
    if (props.sourceRef.namespace !== undefined) Check.dns1123Label(this, 'sourceRef.namespace', props.sourceRef.namespace);
    (props.dependsOn ?? []).forEach((d, i) => {
      Check.dns1123Subdomain(this, `dependsOn[${i}].name`, d.name, 63, ' (a Kustomization name)');
      if (d.namespace !== undefined) Check.dns1123Label(this, `dependsOn[${i}].namespace`, d.namespace);
    });
    Check.labels(this, 'labels', props.labels);
    for (const key of ['interval', 'retryInterval', 'timeout'] as const) Check.fluxDuration(this, key, props[key]);
    if (props.targetNamespace !== undefined) Check.dns1123Label(this, 'targetNamespace', props.targetNamespace);
    const normalized = props.path.replace(/^\.\//, '').replace(/\/+$/, '');
    if (this.prune && (normalized === '' || normalized === '.' || normalized === '/')) {
      throw propError(this, 'path', props.path, 'a pruning Kustomization needs a folder of its own: with an empty path it owns the whole repository and an empty folder prunes every workload it applied');
    }
    (props.ignore ?? []).forEach((rule, i) => rule.paths.forEach((p, j) => {
      if (!p.startsWith('/')) throw propError(this, `ignore[${i}].paths[${j}]`, p, 'paths are JSON Pointers starting with "/", e.g. "/spec/replicas"');
    }));
    if (props.path.split('/').includes('..')) throw propError(this, 'path', props.path, 'paths are relative to the source root and must not contain ".."');
  }
}
