/** Props of where an app's pods are scheduled: node selection, taints, affinity, spreading, priority and runtime class. */

/** The effect of a node taint a toleration matches. */
export enum TaintEffect {
  /** New pods are not scheduled on the node. */
  NO_SCHEDULE = 'NoSchedule',
  /** The scheduler avoids the node. */
  PREFER_NO_SCHEDULE = 'PreferNoSchedule',
  /** Running pods are evicted too. */
  NO_EXECUTE = 'NoExecute',
}

/**
 * Options of a toleration.
 */
export interface TolerationOptions {
  /**
   * The taint effect it tolerates.
   *
   * @default - every effect
   */
  readonly effect?: TaintEffect;
  /**
   * Seconds the pod stays on a node that gets the taint (NoExecute only).
   *
   * @default - forever
   */
  readonly tolerationSeconds?: number;
}

/** How a toleration compares the taint. */
export enum TolerationOperator {
  /** The taint's key and value must be equal. */
  EQUAL = 'Equal',
  /** The taint's key must exist, whatever its value. */
  EXISTS = 'Exists',
}

/** A taint the pods tolerate, so they may run on tainted nodes. */
export class Toleration {
  /** Taints `key=value`. */
  public static equal(key: string, value: string, options: TolerationOptions = {}): Toleration {
    return new Toleration(TolerationOperator.EQUAL, key, value, options);
  }

  /** Taints with `key`, whatever their value. */
  public static exists(key: string, options: TolerationOptions = {}): Toleration {
    return new Toleration(TolerationOperator.EXISTS, key, undefined, options);
  }

  private constructor(
    /** How the taint is compared. */
    public readonly operator: TolerationOperator,
    /** The taint key. */
    public readonly key: string,
    /** The taint value, for EQUAL. */
    public readonly value: string | undefined,
    /** Effect and seconds. */
    public readonly options: TolerationOptions) {}
}

/** How a label expression compares a label. */
export enum LabelOperator {
  /** The label's value is one of the values. */
  IN = 'In',
  /** The label is absent or its value is none of the values. */
  NOT_IN = 'NotIn',
  /** The label is present. */
  EXISTS = 'Exists',
  /** The label is absent. */
  DOES_NOT_EXIST = 'DoesNotExist',
  /** The label's value is an integer greater than the value (node labels only). */
  GT = 'Gt',
  /** The label's value is an integer less than the value (node labels only). */
  LT = 'Lt',
}

/** A condition on a node or pod label. */
export class LabelExpression {
  /** `key` is one of `values`. */
  public static in(key: string, values: string[]): LabelExpression {
    return new LabelExpression(key, LabelOperator.IN, values);
  }

  /** `key` is absent or none of `values`. */
  public static notIn(key: string, values: string[]): LabelExpression {
    return new LabelExpression(key, LabelOperator.NOT_IN, values);
  }

  /** `key` is present. */
  public static exists(key: string): LabelExpression {
    return new LabelExpression(key, LabelOperator.EXISTS, []);
  }

  /** `key` is absent. */
  public static doesNotExist(key: string): LabelExpression {
    return new LabelExpression(key, LabelOperator.DOES_NOT_EXIST, []);
  }

  /** `key` is an integer greater than `value` (node labels only). */
  public static greaterThan(key: string, value: number): LabelExpression {
    return new LabelExpression(key, LabelOperator.GT, [String(value)]);
  }

  /** `key` is an integer less than `value` (node labels only). */
  public static lessThan(key: string, value: number): LabelExpression {
    return new LabelExpression(key, LabelOperator.LT, [String(value)]);
  }

  private constructor(
    /** The label key. */
    public readonly key: string,
    /** How it is compared. */
    public readonly operator: LabelOperator,
    /** The values compared with. */
    public readonly values: string[]) {}
}

/**
 * Nodes the pods are attracted to: those whose labels match every expression.
 */
export interface NodeAffinityProps {
  /** The conditions on node labels, all of which must hold. */
  readonly expressions: LabelExpression[];
  /**
   * A preference weight from 1 to 100; without it the rule is required (the
   * pods run only on matching nodes; several required rules are alternatives).
   *
   * @default - required
   */
  readonly weight?: number;
}

/**
 * Pods the app's pods are placed near (affinity) or away from (anti-affinity).
 */
export interface PodAffinityProps {
  /** The node label that defines "near", e.g. `kubernetes.io/hostname` or `topology.kubernetes.io/zone`. */
  readonly topologyKey: string;
  /**
   * Labels the other pods carry.
   *
   * @default - only `expressions`
   */
  readonly labels?: Record<string, string>;
  /**
   * Conditions on the other pods' labels (In, NotIn, Exists, DoesNotExist).
   *
   * @default - only `labels`
   */
  readonly expressions?: LabelExpression[];
  /**
   * Namespaces of the other pods.
   *
   * @default - the app's namespace
   */
  readonly namespaces?: string[];
  /**
   * A preference weight from 1 to 100; without it the rule is required.
   *
   * @default - required
   */
  readonly weight?: number;
}

/** What the scheduler does when a spread constraint cannot be met. */
export enum WhenUnsatisfiable {
  /** Schedule anyway, preferring the least skewed domains. */
  SCHEDULE_ANYWAY = 'ScheduleAnyway',
  /** Leave the pod pending. */
  DO_NOT_SCHEDULE = 'DoNotSchedule',
}

/**
 * A topology spread constraint on the pods of one version.
 */
export interface TopologySpreadProps {
  /** The node label whose values are the domains, e.g. `topology.kubernetes.io/zone`. */
  readonly topologyKey: string;
  /**
   * The largest allowed difference of pod counts between two domains.
   *
   * @default 1
   */
  readonly maxSkew?: number;
  /**
   * What happens when it cannot be met.
   *
   * @default WhenUnsatisfiable.SCHEDULE_ANYWAY
   */
  readonly whenUnsatisfiable?: WhenUnsatisfiable;
  /**
   * The fewest domains to spread over (DO_NOT_SCHEDULE only).
   *
   * @default - the domains that exist
   */
  readonly minDomains?: number;
}

/**
 * Where the app's pods run.
 */
export interface SchedulingProps {
  /**
   * Node labels the pods require.
   *
   * @default - any node
   */
  readonly nodeSelector?: Record<string, string>;
  /**
   * Node taints the pods tolerate.
   *
   * @default - none
   */
  readonly tolerations?: Toleration[];
  /**
   * Node affinity rules.
   *
   * @default - none
   */
  readonly nodeAffinity?: NodeAffinityProps[];
  /**
   * Pods to run near.
   *
   * @default - none
   */
  readonly podAffinity?: PodAffinityProps[];
  /**
   * Pods to run away from (added to the one of `spread: PodSpread.ANTI_AFFINITY`).
   *
   * @default - none
   */
  readonly podAntiAffinity?: PodAffinityProps[];
  /**
   * Topology spread constraints on the pods of each version; when given and
   * `spread` is not set, they replace the default hostname spread.
   *
   * @default - the `spread` preset
   */
  readonly topologySpread?: TopologySpreadProps[];
  /**
   * The PriorityClass of the pods. `system-node-critical` and
   * `system-cluster-critical` are refused outside kube-system: clusters that
   * limit them (GKE by default) refuse such pods elsewhere.
   *
   * @default - the cluster's default priority
   */
  readonly priorityClassName?: string;
  /**
   * The RuntimeClass of the pods (e.g. gVisor or Kata).
   *
   * @default - the node's default runtime
   */
  readonly runtimeClassName?: string;
}
