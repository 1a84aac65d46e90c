/**
 * The kind of object an `EnvFrom` reads.
 */
export enum EnvSourceKind {
  /** A ConfigMap. */
  CONFIG_MAP = 'ConfigMap',
  /** A Secret. */
  SECRET = 'Secret',
}

/**
 * Environment variables read from an existing ConfigMap or Secret: all of its
 * keys, or one key into one variable.
 */
export class EnvFrom {
  /** Every key of the ConfigMap `name` becomes a variable. */
  public static configMap(name: string): EnvFrom {
    return new EnvFrom(EnvSourceKind.CONFIG_MAP, name, undefined, undefined);
  }

  /** Every key of the Secret `name` becomes a variable. */
  public static secret(name: string): EnvFrom {
    return new EnvFrom(EnvSourceKind.SECRET, name, undefined, undefined);
  }

  /** The variable `variable` takes the value of `key` in the ConfigMap `name`. */
  public static configMapKey(variable: string, name: string, key: string): EnvFrom {
    return new EnvFrom(EnvSourceKind.CONFIG_MAP, name, variable, key);
  }

  /** The variable `variable` takes the value of `key` in the Secret `name`. */
  public static secretKey(variable: string, name: string, key: string): EnvFrom {
    return new EnvFrom(EnvSourceKind.SECRET, name, variable, key);
  }

  private constructor(
    /** Whether a ConfigMap or a Secret is read. */
    public readonly kind: EnvSourceKind,
    /** The name of the ConfigMap or Secret. */
    public readonly name: string,
    /** The variable set from one key, or undefined for all keys. */
    public readonly variable: string | undefined,
    /** The key read into `variable`. */
    public readonly key: string | undefined) {}
}
