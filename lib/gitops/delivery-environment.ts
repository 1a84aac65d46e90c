import { Chart } from 'cdk8s';
import { Check } from '../core/check';
import { propError } from '../core/errors';
import { AppChart } from './app-chart';
import { AppFolder } from './app-folder';
import { NamespaceOptions } from './namespace-options';
import { appUnitName } from './unit-name';

/** Folder names of the output that an environment cannot take. */
const RESERVED_ENVIRONMENTS = ['clusters', 'plans'];

/**
 * Options of an app added to an environment.
 */
export interface AddAppOptions {
  /**
   * The namespace of the app's objects.
   *
   * @default - the environment's namespace; else, in an environment that
   * names its cluster, the environment name; else the app name
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
  /**
   * How the app's namespace is set up (merged over the environment's).
   *
   * @default - the environment's namespace options
   */
  readonly namespaceOptions?: NamespaceOptions;
}

/**
 * Options of an existing chart added to an environment as an app folder.
 */
export interface AddChartOptions extends AddAppOptions {
  /**
   * The folder name (a DNS-1123 label).
   *
   * @default - the chart's construct id
   */
  readonly name?: string;
}

/**
 * Props of a `DeliveryEnvironment`.
 */
export interface DeliveryEnvironmentProps {
  /**
   * The cluster the environment runs in: its Flux objects go to
   * `clusters/<cluster>/`. Environments that share a cluster are reconciled
   * by the same Flux instance, so they can gate each other (`after`).
   *
   * @default - the environment name
   */
  readonly cluster?: string;
  /**
   * The default namespace of its apps.
   *
   * @default - the environment name when `cluster` is given (a namespace per
   * environment, so environments sharing a cluster never share objects);
   * otherwise each app's own name
   */
  readonly namespace?: string;
  /**
   * How the namespaces of its apps are set up.
   *
   * @default - created, enforcing Pod Security Standards "restricted"
   */
  readonly namespaceOptions?: NamespaceOptions;
  /**
   * Environments whose apps must be healthy first: each app's Kustomization
   * depends on the Kustomization of the same app there. They must run on the
   * same cluster (Flux `dependsOn` works within one Flux instance).
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
   * Flux retry interval after a failed apply (used by the Flux output).
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
  private readonly folders: AppFolder[] = [];
  private readonly names = new Set<string>();

  /** @internal */
  public constructor(name: string, props: DeliveryEnvironmentProps = {}) {
    const scope = `environment ${name}`;
    Check.dns1123Label(scope, 'name', name);
    if (RESERVED_ENVIRONMENTS.includes(name)) {
      throw propError(scope, 'name', name, `${RESERVED_ENVIRONMENTS.map(n => `"${n}"`).join(' and ')} are folders of the output itself; choose another environment name`);
    }
    this.name = name;
    this.cluster = props.cluster ?? name;
    this.props = props;
    Check.dns1123Label(scope, 'cluster', this.cluster);
    if (props.namespace !== undefined) Check.dns1123Label(scope, 'namespace', props.namespace);
    checkNamespaceOptions(scope, 'namespaceOptions', props.namespaceOptions);
    for (const key of ['interval', 'retryInterval', 'timeout'] as const) Check.fluxDuration(scope, key, props[key]);
    (props.dependsOn ?? []).forEach((d, i) => Check.dns1123Subdomain(scope, `dependsOn[${i}]`, d, 63, ' (a Flux Kustomization name)'));
  }

  /**
   * Adds an app folder and returns its chart: define the app's constructs in it.
   */
  public addApp(name: string, options: AddAppOptions = {}): AppChart {
    this.checkApp(name, options);
    const namespace = this.namespaceOf(name, options);
    const chart = new AppChart({ name, namespace, dependsOn: options.dependsOn, timeout: options.timeout, environment: this.name });
    this.charts.push(chart);
    this.register({ name, namespace, chart, dependsOn: [...options.dependsOn ?? []], timeout: options.timeout, namespaceOptions: this.namespaceOptionsOf(options) });
    return chart;
  }

  /**
   * Adds a chart of your own cdk8s App as an app folder: its objects are
   * written to `<outdir>/<environment>/<name>/` with a Flux Kustomization and
   * the rollout plans of the apps defined in it, as for `addApp`. Objects
   * without a namespace of their own take the chart's namespace, else the
   * folder's default namespace.
   */
  public addChart(chart: Chart, options: AddChartOptions = {}): void {
    const name = options.name ?? chart.node.id;
    this.checkApp(name, options);
    const namespace = options.namespace ?? chart.namespace ?? this.namespaceOf(name, options);
    Check.dns1123Label(`environment ${this.name}`, `addChart(${name}).namespace`, namespace);
    this.register({ name, namespace, chart, dependsOn: [...options.dependsOn ?? []], timeout: options.timeout, namespaceOptions: this.namespaceOptionsOf(options) });
  }

  /** The app charts added with `addApp`, in the order they were added. */
  public get apps(): AppChart[] {
    return [...this.charts];
  }

  /** Every app folder, in the order it was added. @internal */
  public get _folders(): AppFolder[] {
    return this.folders;
  }

  private register(folder: AppFolder) {
    this.folders.push(folder);
    this.names.add(folder.name);
  }

  private checkApp(name: string, options: AddAppOptions) {
    const scope = `environment ${this.name}`;
    Check.dns1123Label(scope, 'addApp(name)', name);
    if (this.names.has(name)) throw propError(scope, 'addApp(name)', name, 'app names must be unique within an environment');
    const unit = appUnitName(this.name, name);
    if (unit.length > 63) {
      throw propError(scope, 'addApp(name)', name, `the Flux Kustomization "${unit}" (<environment>-<app>) must fit in 63 characters, because Flux puts its name in a label on every object it applies`);
    }
    if (options.namespace !== undefined) Check.dns1123Label(scope, `addApp(${name}).namespace`, options.namespace);
    Check.fluxDuration(scope, `addApp(${name}).timeout`, options.timeout);
    (options.dependsOn ?? []).forEach((d, i) => {
      Check.dns1123Subdomain(scope, `addApp(${name}).dependsOn[${i}]`, d, 63, ' (a Flux Kustomization name)');
      if (d === unit) throw propError(scope, `addApp(${name}).dependsOn[${i}]`, d, 'an app cannot depend on its own Kustomization (Flux would wait for it forever)');
    });
    checkNamespaceOptions(scope, `addApp(${name}).namespaceOptions`, options.namespaceOptions);
  }

  private namespaceOf(name: string, options: AddAppOptions): string {
    return options.namespace ?? this.props.namespace ?? (this.props.cluster !== undefined ? this.name : name);
  }

  private namespaceOptionsOf(options: AddAppOptions): NamespaceOptions {
    const env = this.props.namespaceOptions ?? {};
    const own = options.namespaceOptions ?? {};
    return {
      create: own.create ?? env.create,
      labels: env.labels || own.labels ? { ...env.labels, ...own.labels } : undefined,
      annotations: env.annotations || own.annotations ? { ...env.annotations, ...own.annotations } : undefined,
      podSecurity: own.podSecurity ?? env.podSecurity,
    };
  }
}

function checkNamespaceOptions(scope: string, prop: string, options: NamespaceOptions | undefined) {
  if (!options) return;
  Check.labels(scope, `${prop}.labels`, options.labels);
  Check.annotations(scope, `${prop}.annotations`, options.annotations);
}
