/** What a container does before it is stopped. */

/** The kind of a preStop hook. */
export enum PreStopKind {
  /** Wait a number of seconds (so that load balancers stop sending requests first). */
  SLEEP = 'sleep',
  /** Run a command in the container. */
  EXEC = 'exec',
  /** An HTTP GET to the container. */
  HTTP_GET = 'httpGet',
}

/**
 * Options of a preStop command or HTTP call.
 */
export interface PreStopOptions {
  /**
   * How long the hook runs at most, in seconds; checked against
   * `terminationGracePeriodSeconds`.
   *
   * @default - unknown, not checked
   */
  readonly expectedSeconds?: number;
}

/**
 * Options of a preStop HTTP call.
 */
export interface PreStopHttpOptions extends PreStopOptions {
  /**
   * The container port (name or number) to call.
   *
   * @default - the container's main port
   */
  readonly port?: string;
}

/**
 * A preStop hook: what a container does when its pod is deleted, before it
 * gets SIGTERM. Kubernetes removes the pod from its Services at the same
 * moment, so a short sleep lets load balancers catch up before the app stops
 * accepting requests. The hook and the shutdown together must end within
 * `terminationGracePeriodSeconds`.
 */
export class PreStop {
  /**
   * Sleep `seconds`. Kubernetes 1.28 has no sleep action (it came in 1.29),
   * so this runs `sleep <seconds>` in the container: the image needs a
   * `sleep` binary.
   */
  public static sleep(seconds: number): PreStop {
    return new PreStop(PreStopKind.SLEEP, seconds, ['sleep', String(seconds)], undefined, undefined);
  }

  /** Run `command` in the container (not in a shell). */
  public static exec(command: string[], options: PreStopOptions = {}): PreStop {
    return new PreStop(PreStopKind.EXEC, options.expectedSeconds, command, undefined, undefined);
  }

  /** An HTTP GET on `path` of the container's main port (or `options.port`). */
  public static httpGet(path: string, options: PreStopHttpOptions = {}): PreStop {
    return new PreStop(PreStopKind.HTTP_GET, options.expectedSeconds, undefined, path, options.port);
  }

  private constructor(
    /** What the hook does. */
    public readonly kind: PreStopKind,
    /** How long it runs at most, when known. */
    public readonly seconds: number | undefined,
    /** The command, for sleep and exec hooks. */
    public readonly command: string[] | undefined,
    /** The HTTP path, for HTTP hooks. */
    public readonly path: string | undefined,
    /** The port (name or number), for HTTP hooks. */
    public readonly port: string | undefined) {}
}
