/**
 * Timing options shared by every probe.
 */
export interface ProbeOptions {
  /**
   * The container port (name or number) the probe connects to.
   *
   * @default - the app's main port
   */
  readonly port?: string;
  /**
   * Seconds after the container starts before the first probe.
   *
   * @default 0
   */
  readonly initialDelaySeconds?: number;
  /**
   * Seconds between probes.
   *
   * @default 10
   */
  readonly periodSeconds?: number;
  /**
   * Seconds after which one probe times out.
   *
   * @default 1
   */
  readonly timeoutSeconds?: number;
  /**
   * Consecutive failures before the probe counts as failed.
   *
   * @default 3
   */
  readonly failureThreshold?: number;
}

/**
 * The kind of check a probe runs.
 */
export enum ProbeKind {
  /** An HTTP GET that must answer 200-399. */
  HTTP = 'http',
  /** A TCP connection that must open. */
  TCP = 'tcp',
  /** A command that must exit 0. */
  EXEC = 'exec',
}

/**
 * A readiness, liveness or startup probe.
 */
export class Probe {
  /** An HTTP GET on `path` of the main port (or `options.port`). */
  public static http(path: string, options: ProbeOptions = {}): Probe {
    return new Probe(ProbeKind.HTTP, options, path, undefined);
  }

  /** A TCP connection to the main port (or `options.port`). */
  public static tcp(options: ProbeOptions = {}): Probe {
    return new Probe(ProbeKind.TCP, options, undefined, undefined);
  }

  /** A command run inside the container. */
  public static exec(command: string[], options: ProbeOptions = {}): Probe {
    return new Probe(ProbeKind.EXEC, options, undefined, command);
  }

  private constructor(
    /** What the probe checks. */
    public readonly kind: ProbeKind,
    /** Timing and port options. */
    public readonly options: ProbeOptions,
    /** The HTTP path, for HTTP probes. */
    public readonly path: string | undefined,
    /** The command, for exec probes. */
    public readonly command: string[] | undefined) {}
}
