import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AppBase } from '../base/app-base';
import { AppCommonProps, AppVersionProps } from '../core/app-props';
import { Check } from '../core/check';
import { propError } from '../core/errors';
import { httpRoute } from '../core/http-route';
import { checkHostnames } from '../core/route-checks';
import { VersionWorkload } from '../core/workload';
import { RolloutPlan } from '../plan/rollout-plan';
import { BlueGreenSwitch } from './blue-green-switch';
import { Color } from './color';

/**
 * Props of a `BlueGreenApp`.
 */
export interface BlueGreenAppProps extends AppCommonProps {
  /**
   * The version the blue Deployment `<name>-blue` runs.
   *
   * @default - no blue Deployment (at least one of `blue` and `green` is required)
   */
  readonly blue?: AppVersionProps;
  /**
   * The version the green Deployment `<name>-green` runs.
   *
   * @default - no green Deployment (at least one of `blue` and `green` is required)
   */
  readonly green?: AppVersionProps;
  /**
   * The color that gets the traffic. Changing it (one line, one commit)
   * changes only the selectors of `<name>` and `<name>-preview`, or with
   * `BlueGreenSwitch.ROUTE_BACKEND` only the backendRef of the HTTPRoutes:
   * that is the switch, and setting it back is the rollback.
   */
  readonly active: Color;
  /**
   * What the switch changes: Service selectors, or the backendRef of the
   * HTTPRoute `<name>` (needs `route`, one Service per color, no Ingress).
   *
   * @default BlueGreenSwitch.SERVICE_SELECTOR
   */
  readonly switchBy?: BlueGreenSwitch;
  /**
   * Replicas of the idle color. Leave it unset to keep the idle color warm
   * (it runs its own `replicas` or its HPA, so a rollback is instant); set it
   * to 0 to scale the idle color down after a switch. The idle color then has
   * no HPA (an HPA would scale it back up). Remove it again, and wait for the
   * pods, before the next switch: a switch to a color scaled to zero sends the
   * traffic to no pods.
   *
   * @default - the idle color is kept warm
   */
  readonly idleReplicas?: number;
  /**
   * Hosts that reach the idle color: an Ingress `<name>-preview` with the
   * class, path, TLS secret and annotations of `ingress` (the TLS secret
   * must cover these hosts too), and an HTTPRoute `<name>-preview` with the
   * Gateways, paths, timeouts and filters of `route`, for whichever of the two
   * is set. Emitted only while the idle color has a version.
   *
   * @default - no preview Ingress or HTTPRoute
   */
  readonly previewHosts?: string[];
}

/**
 * Blue/green without a controller: two Deployments, `<name>-blue` and
 * `<name>-green` (pod label `color`), a Service `<name>` that selects the
 * active color and a preview Service `<name>-preview` that selects the idle
 * one, so a new version can be tested in the cluster before it gets traffic.
 * With `switchBy: BlueGreenSwitch.ROUTE_BACKEND` each color has its own
 * Service `<name>-<color>` instead, and the switch changes only the backendRef
 * of the HTTPRoute `<name>` (and `<name>-preview`, for the preview hosts).
 *
 * The release is a sequence of commits that Flux applies:
 * 1. put the new version in the idle color (it rolls while it has no traffic)
 *    and test it through `<name>-preview` (or the preview hosts);
 * 2. switch: set `active` to that color. Only the two Service selectors (or the
 *    route backends) change;
 * 3. roll back, if needed, by setting `active` back (the old color is still warm);
 * 4. optionally scale the old color down with `idleReplicas: 0`.
 *
 * Change only the idle color's version: a change to the active color rolls
 * it in place under live traffic. Per color, the ConfigMap `<name>-<color>-config`,
 * the HPA and the PDB `<name>-<color>` follow that color's pods only; a color
 * without a version emits nothing, and then there is no preview Service either.
 */
export class BlueGreenApp extends AppBase {
  /** The pod label that tells the colors apart (the one selector label beyond `app.kubernetes.io/name`). */
  public static readonly COLOR_LABEL = 'color';

  /** The color that serves `<name>`. */
  public readonly active: Color;
  /** The other color, served by `<name>-preview`. */
  public readonly idle: Color;
  /** The Deployment `<name>-blue`, when `blue` is given. */
  public readonly blueDeployment?: k8s.KubeDeployment;
  /** The Deployment `<name>-green`, when `green` is given. */
  public readonly greenDeployment?: k8s.KubeDeployment;
  /** The ConfigMap `<name>-blue-config`, when blue has config files. */
  public readonly blueConfigMap?: k8s.KubeConfigMap;
  /** The ConfigMap `<name>-green-config`, when green has config files. */
  public readonly greenConfigMap?: k8s.KubeConfigMap;
  /** The HPA `<name>-blue`, when autoscaled and blue is not scaled down by `idleReplicas`. */
  public readonly blueAutoscaler?: k8s.KubeHorizontalPodAutoscalerV2;
  /** The HPA `<name>-green`, when autoscaled and green is not scaled down by `idleReplicas`. */
  public readonly greenAutoscaler?: k8s.KubeHorizontalPodAutoscalerV2;
  /** The PDB `<name>-blue`, when enabled for blue. */
  public readonly blueDisruptionBudget?: k8s.KubePodDisruptionBudget;
  /** The PDB `<name>-green`, when enabled for green. */
  public readonly greenDisruptionBudget?: k8s.KubePodDisruptionBudget;
  /** The pods blue runs (the HPA's minimum when autoscaled; 0 without a blue version). */
  public readonly blueReplicas: number;
  /** The pods green runs (the HPA's minimum when autoscaled; 0 without a green version). */
  public readonly greenReplicas: number;
  /** The pods the active color runs (the HPA's minimum when autoscaled). */
  public readonly activeReplicas: number;
  /** The pods the idle color runs (`idleReplicas` when set; 0 without a version). */
  public readonly idleReplicas: number;
  /** What the switch changes. */
  public readonly switchBy: BlueGreenSwitch;
  /** The Service of the live traffic: `<name>` selecting the active color, or (switch by route) the active color's `<name>-<color>`. */
  public readonly service: k8s.KubeService;
  /** The Service of the idle color (when it has a version): `<name>-preview`, or (switch by route) `<name>-<color>`. */
  public readonly previewService?: k8s.KubeService;
  /** The Ingress `<name>` to `<name>`, when `ingress` is given. */
  public readonly ingress?: k8s.KubeIngress;
  /** The Ingress `<name>-preview` to `<name>-preview`, when `previewHosts` is given and the idle color has a version. */
  public readonly previewIngress?: k8s.KubeIngress;
  /** The HTTPRoute `<name>` to `service`, when `route` is given. */
  public readonly route?: ApiObject;
  /** The HTTPRoute `<name>-preview` for the preview hosts to `previewService`, when `route` and `previewHosts` are given and the idle color has a version. */
  public readonly previewRoute?: ApiObject;
  /** What the next release will do: deploy to the idle color, switch, scale down; pods, resources and commands. */
  public readonly plan: RolloutPlan;

  public constructor(scope: Construct, id: string, props: BlueGreenAppProps) {
    super(scope, id, props);
    this.validate(props);
    this.active = props.active;
    this.switchBy = props.switchBy ?? BlueGreenSwitch.SERVICE_SELECTOR;
    this.idle = props.active === Color.BLUE ? Color.GREEN : Color.BLUE;

    const blue = this.defineColor(Color.BLUE, props.blue, props);
    const green = this.defineColor(Color.GREEN, props.green, props);
    this.blueDeployment = blue?.deployment;
    this.blueConfigMap = blue?.configMap;
    this.blueAutoscaler = blue?.autoscaler;
    this.blueDisruptionBudget = blue?.disruptionBudget;
    this.blueReplicas = blue?.replicas ?? 0;
    this.greenDeployment = green?.deployment;
    this.greenConfigMap = green?.configMap;
    this.greenAutoscaler = green?.autoscaler;
    this.greenDisruptionBudget = green?.disruptionBudget;
    this.greenReplicas = green?.replicas ?? 0;
    this.activeReplicas = this.active === Color.BLUE ? this.blueReplicas : this.greenReplicas;
    this.idleReplicas = this.active === Color.BLUE ? this.greenReplicas : this.blueReplicas;

    const name = props.name;
    const previewName = `${name}-preview`;
    const idleHasVersion = (this.idle === Color.BLUE ? props.blue : props.green) !== undefined;
    const model = this._model;
    if (this.switchBy === BlueGreenSwitch.ROUTE_BACKEND) {
      // one Service per color, defined in a fixed order so that the switch changes nothing but the route backends
      const blueService = props.blue ? this.colorService(Color.BLUE) : undefined;
      const greenService = props.green ? this.colorService(Color.GREEN) : undefined;
      this.service = (this.active === Color.BLUE ? blueService : greenService)!;
      this.previewService = this.active === Color.BLUE ? greenService : blueService;
    } else {
      this.service = model.service('Service', name, this.colorSelector(this.active));
      this.previewService = idleHasVersion ? model.service('PreviewService', previewName, this.colorSelector(this.idle)) : undefined;
    }
    this.ingress = props.ingress ? model.ingress('Ingress', name, name) : undefined;
    this.previewIngress = this.previewService && props.previewHosts && props.ingress
      ? model.ingress('PreviewIngress', previewName, previewName, {}, props.previewHosts)
      : undefined;
    this.route = props.route ? httpRoute(model, 'Route', name, [{ backends: [{ service: this.service.name }] }]) : undefined;
    this.previewRoute = this.previewService && props.previewHosts && props.route
      ? httpRoute(model, 'PreviewRoute', previewName, [{ backends: [{ service: this.previewService.name }] }], props.previewHosts)
      : undefined;
    this._defineSupport();
    this.plan = this.buildPlan(props);
  }

  private buildPlan(props: BlueGreenAppProps): RolloutPlan {
    const activeVersion = this.active === Color.BLUE ? props.blue : props.green;
    const idleVersion = this.idle === Color.BLUE ? props.blue : props.green;
    // the idle color carries the next version at its own replicas (or the HPA's minimum) once `idleReplicas` is dropped
    const model = this._model;
    const newVersionReplicas = model.autoscaled ? model.minReplicas : model.replicasOf(idleVersion ?? activeVersion!);
    return RolloutPlan.blueGreenSwitch({
      ...this._planBase(),
      activeColor: this.active,
      idleColor: this.idle,
      activeReplicas: this.activeReplicas,
      idleReplicas: this.idleReplicas,
      newVersionReplicas,
      colorLabel: BlueGreenApp.COLOR_LABEL,
      ...(this.switchBy === BlueGreenSwitch.ROUTE_BACKEND ? {
        serviceName: `${props.name}-${this.active}`,
        previewServiceName: `${props.name}-${this.idle}`,
        routeName: props.name,
      } : {}),
    });
  }

  private colorService(color: Color): k8s.KubeService {
    const label = { [BlueGreenApp.COLOR_LABEL]: color };
    return this._model.service(color === Color.BLUE ? 'BlueService' : 'GreenService', `${this._model.appName}-${color}`, this.colorSelector(color), label);
  }

  private colorSelector(color: Color): Record<string, string> {
    return { ...this.selectorLabels, [BlueGreenApp.COLOR_LABEL]: color };
  }

  private defineColor(color: Color, version: AppVersionProps | undefined, props: BlueGreenAppProps): VersionWorkload | undefined {
    if (!version) return undefined;
    const model = this._model;
    const scaledDown = color === this.idle && props.idleReplicas !== undefined;
    const autoscaled = model.autoscaled && !scaledDown;
    return new VersionWorkload(model, {
      id: color === Color.BLUE ? 'Blue' : 'Green',
      name: `${props.name}-${color}`,
      version,
      versionProp: `${color}.`,
      label: { [BlueGreenApp.COLOR_LABEL]: color },
      replicas: scaledDown ? props.idleReplicas! : autoscaled ? model.minReplicas : model.replicasOf(version),
      autoscaled,
    }).scale();
  }

  private validate(props: BlueGreenAppProps) {
    if (!props.blue && !props.green) {
      throw propError(this, 'blue', props.blue, 'a BlueGreenApp needs a version in \'blue\', \'green\' or both');
    }
    if (props.blue) this._model.validateVersion('blue.', props.blue);
    if (props.green) this._model.validateVersion('green.', props.green);
    if (props.active !== Color.BLUE && props.active !== Color.GREEN) {
      throw propError(this, 'active', props.active, 'must be Color.BLUE or Color.GREEN');
    }
    const other = props.active === Color.BLUE ? Color.GREEN : Color.BLUE;
    if ((props.active === Color.BLUE ? props.blue : props.green) === undefined) {
      throw propError(this, 'active', props.active, `the active color has no version: define '${props.active}' first (and test it through the preview Service), or keep '${other}' active`);
    }
    Check.int(this, 'idleReplicas', props.idleReplicas, 0);
    this.validateSwitch(props);

    const hosts = props.previewHosts;
    if (hosts === undefined) return;
    if (!props.ingress && !props.route) {
      throw propError(this, 'previewHosts', hosts, 'the preview Ingress or HTTPRoute takes its settings from \'ingress\' or \'route\': set one of them too');
    }
    if (hosts.length === 0) {
      throw propError(this, 'previewHosts', hosts, 'list one or more hosts (a preview Ingress or HTTPRoute for every host would clash with the main one)');
    }
    if (props.route) checkHostnames(this, 'previewHosts', hosts);
    hosts.forEach((host, i) => {
      Check.host(this, `previewHosts[${i}]`, host);
      if ((props.ingress?.hosts ?? []).includes(host)) {
        throw propError(this, `previewHosts[${i}]`, host, 'preview hosts must differ from ingress.hosts (both Ingresses would claim the same host and path)');
      }
      if ((props.route?.hostnames ?? []).includes(host)) {
        throw propError(this, `previewHosts[${i}]`, host, 'preview hosts must differ from route.hostnames (both HTTPRoutes would claim the same host and path)');
      }
    });
  }

  private validateSwitch(props: BlueGreenAppProps) {
    const switchBy = props.switchBy;
    if (switchBy === undefined || switchBy === BlueGreenSwitch.SERVICE_SELECTOR) return;
    if (switchBy !== BlueGreenSwitch.ROUTE_BACKEND) {
      throw propError(this, 'switchBy', switchBy, 'must be BlueGreenSwitch.SERVICE_SELECTOR or BlueGreenSwitch.ROUTE_BACKEND');
    }
    if (!props.route) {
      throw propError(this, 'route', props.route, 'switching by route backend needs \'route\': the Gateways and hostnames of the HTTPRoute whose backendRef the switch changes');
    }
    if (props.ingress) {
      throw propError(this, 'ingress', props.ingress.hosts ?? [], 'an Ingress has no color-neutral Service to point at when switching by route backend (the switch would change it too): expose the app through \'route\' only');
    }
  }
}
