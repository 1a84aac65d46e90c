import { Check } from '../core/check';
import { propError } from '../core/errors';
import { AppChart, AppChartProps } from './app-chart';
import { appUnitName } from './unit-name';

/**
 * Options of an app added to an environment.
 */
export interface AddAppOptions {
  /**
   * The namespace of the app's objects.
   *
   * @default - the environment's namespace, else the app name
   */
  readonly namespace?: string;
  /**
   * Names of Flux Kustomizations that must be ready before this app is applied.
   *
   * @default - none beyond the environment's
   */
  readonly dependsOn?: string[];
  /**
   * Flux timeout for this app.
   *
   * @default - the environment's timeout
   */
  readonly timeout?: string;
}

/**
 * Props of a `DeliveryEnvironment`.
 */
export interface DeliveryEnvironmentProps {
  /**
   * The cluster the environment runs in: its Flux objects go to `clusters/<cluster>/`.
   *
   * @default - the environment name
   */
  readonly cluster?: string;
  /**
   * The default namespace of its apps.
   *
   * @default - each app's own name
   */
  readonly namespace?: string;
  /**
   * Environments whose apps must be healthy first: each app's Kustomization
   * depends on the Kustomization of the same app there. They must be reconciled
   * by the same Flux instance.
   *
   * @default - none
   */
  readonly after?: DeliveryEnvironment[];
  /**
   * Names of Flux Kustomizations (in the Flux namespace) every app waits for,
   * e.g. the one that installs Flagger.
   *
   * @default - none
   */
  readonly dependsOn?: string[];
  /**
   * Flux reconcile interval of the app Kustomizations.
   *
   * @default "10m"
   */
  readonly interval?: string;
  /**
   * Flux retry interval after a failed apply.
   *
   * @default "2m"
   */
  readonly retryInterval?: string;
  /**
   * Flux timeout for applying an app and waiting for it to be healthy.
   *
   * @default "5m"
   */
  readonly timeout?: string;
  /**
   * Wait for every applied object to be healthy.
   *
   * @default true
   */
  readonly wait?: boolean;
}

/**
 * One environment (e.g. staging) of a `GitOpsLayout`: a set of apps, each in
 * its own folder `<outdir>/<environment>/<app>/`, applied by one Flux
 * Kustomization each.
 */
export class DeliveryEnvironment {
  /** The environment name. */
  public readonly name: string;
  /** The cluster it runs in. */
  public readonly cluster: string;
  /** Its props. */
  public readonly props: DeliveryEnvironmentProps;
  private readonly charts: AppChart[] = [];
  private readonly names = new Set<string>();

  /** @internal */
  public constructor(name: string, props: DeliveryEnvironmentProps = {}) {
    this.name = name;
    this.cluster = props.cluster ?? name;
    this.props = props;
    const scope = `environment ${name}`;
    Check.dns1123Label(scope, 'name', name);
    Check.dns1123Label(scope, 'cluster', this.cluster);
    if (props.namespace !== undefined) Check.dns1123Label(scope, 'namespace', props.namespace);
    for (const key of ['interval', 'retryInterval', 'timeout'] as const) Check.fluxDuration(scope, key, props[key]);
    (props.dependsOn ?? []).forEach((d, i) => Check.dns1123Subdomain(scope, `dependsOn[${i}]`, d));
  }

  /**
   * Adds an app folder and returns its chart: define the app's constructs in it.
   */
  public addApp(name: string, options: AddAppOptions = {}): AppChart {
    if (this.names.has(name)) {
      throw propError(`environment ${this.name}`, 'addApp(name)', name, 'app names must be unique within an environment');
    }
    const kustomization = appUnitName(this.name, name);
    if (kustomization.length > 63) {
      throw propError(`environment ${this.name}`, 'addApp(name)', name, `the Flux Kustomization "${kustomization}" (<environment>-<app>) must fit in 63 characters, because Flux puts its name in a label on every object it applies`);
    }
    (options.dependsOn ?? []).forEach((d, i) => {
      if (d.length > 63) throw propError(`environment ${this.name}`, `addApp(${name}).dependsOn[${i}]`, d, 'Flux Kustomization names are at most 63 characters');
    });
    const props: AppChartProps = { name, namespace: options.namespace ?? this.props.namespace, dependsOn: options.dependsOn, timeout: options.timeout, environment: this.name };
    const chart = new AppChart(props);
    this.charts.push(chart);
    this.names.add(name);
    return chart;
  }

  /** The app charts, in the order they were added. */
  public get apps(): AppChart[] {
    return [...this.charts];
  }
}
