import { App, Chart } from 'cdk8s';
import { Node } from 'constructs';
import { Check } from '../core/check';
import { appUnitName } from './unit-name';
import { acceptNullPrototypes } from '../core/plain-objects';

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
  /**
   * The environment the app folder belongs to.
   *
   * @default - none (a chart used outside a `GitOpsLayout`)
   */
  readonly environment?: string;
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
  /** The environment the app folder belongs to, if any. */
  public readonly environment?: string;

  public constructor(props: AppChartProps) {
    const namespace = props.namespace ?? props.name;
    super(ownApp(), props.name, { namespace, disableResourceNameHashes: true });
    dictionaryMode(this.node);
    Check.dns1123Label(this, 'name', props.name);
    Check.dns1123Label(this, 'namespace', namespace);
    (props.dependsOn ?? []).forEach((d, i) => Check.dns1123Subdomain(this, `dependsOn[${i}]`, d));
    Check.fluxDuration(this, 'timeout', props.timeout);
    this.appName = props.name;
    this.appNamespace = namespace;
    this.dependsOn = props.dependsOn ?? [];
    this.timeout = props.timeout;
    this.environment = props.environment;
  }

  /**
   * The name of the Flux Kustomization that applies this folder
   * (`<environment>-<app>`), when the chart belongs to an environment.
   */
  public get fluxKustomizationName(): string | undefined {
    return this.environment ? appUnitName(this.environment, this.appName) : undefined;
  }
}

/** A new App for one chart (see `dictionaryMode`). */
function ownApp(): App {
  const app = new App({ outdir: '.' });
  dictionaryMode(app.node);
  acceptNullPrototypes(app);
  return app;
}

/**
 * Puts the (still empty) children table of `node`, the private `_children`
 * object of `constructs`, into V8's dictionary mode. Child ids here are app
 * names, unique per app: added to fresh objects, each would create a hidden
 * class of its own, and past about 1,500 apps V8 slows down everywhere
 * (synthesis per app twice as slow, twice the memory at 10,000 apps). Same
 * object, keys and order, so no change in behavior; a no-op if `constructs`
 * stores its children differently. The table also loses its prototype:
 * `constructs` looks ids up with `children[id]`, so an app named
 * `constructor` (a valid name) would otherwise find Object's and be refused
 * as a duplicate.
 */
function dictionaryMode(node: Node): void {
  const children = (node as unknown as { _children?: unknown })._children as Record<string, unknown> | undefined;
  if (typeof children !== 'object' || children === null || Object.keys(children).length > 0) return;
  Object.setPrototypeOf(children, null);
  // deleting a property other than the last one added turns an object into a dictionary
  children['#a'] = 0;
  children['#b'] = 0;
  delete children['#a'];
  delete children['#b'];
}
