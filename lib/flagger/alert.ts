import { AlertProvider } from './alert-provider';

/** Which analysis events an alert reports. */
export enum AlertSeverity {
  /** Every event (start, progress, promotion, failure). */
  INFO = 'info',
  /** Waiting for approval, and failures. */
  WARN = 'warn',
  /** Failures only. */
  ERROR = 'error',
}

/**
 * Options of an alert to an `AlertProvider` defined elsewhere.
 */
export interface ExistingAlertOptions {
  /**
   * Which events are reported.
   *
   * @default AlertSeverity.INFO
   */
  readonly severity?: AlertSeverity;
  /**
   * The alert name.
   *
   * @default - the provider name
   */
  readonly name?: string;
  /**
   * The provider's namespace.
   *
   * @default - the Canary's namespace
   */
  readonly providerNamespace?: string;
}

/**
 * Where the analysis reports its events, and which ones.
 */
export class Alert {
  /** Alerts sent to `provider`. */
  public static to(provider: AlertProvider, severity?: AlertSeverity, name?: string): Alert {
    return new Alert(name ?? provider.name, severity ?? AlertSeverity.INFO, provider, provider.name, provider.metadata.namespace);
  }

  /** Alerts sent to the `AlertProvider` named `providerName`, defined outside this app. */
  public static toExisting(providerName: string, options: ExistingAlertOptions = {}): Alert {
    return new Alert(options.name ?? providerName, options.severity ?? AlertSeverity.INFO, undefined, providerName, options.providerNamespace);
  }

  private constructor(
    /** The alert name. */
    public readonly name: string,
    /** Which events are reported. */
    public readonly severity: AlertSeverity,
    /** The provider construct, when referenced by object. */
    public readonly provider: AlertProvider | undefined,
    /** The provider name. */
    public readonly providerName: string,
    /** The provider namespace, when known. */
    public readonly providerNamespace: string | undefined) {}
}
