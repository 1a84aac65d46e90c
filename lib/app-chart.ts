import { App, Chart } from 'cdk8s';
import { Check } from './validate';

/**
 * Props of an `AppChart`.
 */
export interface AppChartProps {
  /** The folder name of the app inside its environment (a DNS-1123 label). */
  readonly name: string;
  /**
   * The namespace of the app's objects (those without one of their own).
   *
   * @default - the app folder name
   */
  readonly namespace?: string;
  /**
   * Names of Flux Kustomizations (in the Flux namespace) that must be ready
   * before this app is applied, e.g. the one that installs Flagger.
   *
   * @default - the environment's dependencies only
   */
  readonly dependsOn?: string[];
  /**
   * Flux timeout for applying the app and waiting for it to be healthy.
   *
   * @default - the environment's timeout
   */
  readonly timeout?: string;
}

/**
 * The chart of one app in one environment. It lives in an App of its own, so
 * synthesizing it costs the same however many apps there are; its objects are
 * written to `<outdir>/<environment>/<app>/`.
 */
export class AppChart extends Chart {
  /** The app folder name. */
  public readonly appName: string;
  /** The app's namespace. */
  public readonly appNamespace: string;
  /** Extra Flux dependencies of this app. */
  public readonly dependsOn: string[];
  /** Flux timeout override, if any. */
  public readonly timeout?: string;

  public constructor(props: AppChartProps) {
    const namespace = props.namespace ?? props.name;
    super(new App({ outdir: '.' }), props.name, { namespace, disableResourceNameHashes: true });
    Check.dns1123Label(this, 'name', props.name);
    Check.dns1123Label(this, 'namespace', namespace);
    (props.dependsOn ?? []).forEach((d, i) => Check.dns1123Subdomain(this, `dependsOn[${i}]`, d));
    Check.fluxDuration(this, 'timeout', props.timeout);
    this.appName = props.name;
    this.appNamespace = namespace;
    this.dependsOn = props.dependsOn ?? [];
    this.timeout = props.timeout;
  }
}
