import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AppBase } from '../base/app-base';
import { AppCommonProps, AppVersionProps } from '../core/app-props';
import { Check } from '../core/check';
import { propError } from '../core/errors';
import { NGINX_ANNOTATION_PREFIX, NGINX_BASIC_CHARS, NGINX_REGEX_CHARS, nginxCanaryAnnotationKeys } from '../core/ingress-nginx';
import { trackWorkload } from '../core/workload';
import { RolloutPlan } from '../plan/rollout-plan';

const NGINX = NGINX_ANNOTATION_PREFIX;
/** Header and cookie names: usable as nginx variables and accepted by ingress-nginx's annotation validation. */
const TOKEN = /^[A-Za-z0-9][-_A-Za-z0-9]*$/;

/** How an ingress-nginx canary picks its requests. */
export enum CanaryRoutingKind {
  /** A percentage of all requests. */
  WEIGHT = 'weight',
  /** Requests carrying a header (value `always`, or a given value). */
  HEADER = 'header',
  /** Requests whose header value matches a regular expression. */
  HEADER_PATTERN = 'header-pattern',
  /** Requests carrying a cookie set to `always`. */
  COOKIE = 'cookie',
}

/**
 * Which requests the canary Ingress of a `NginxCanaryApp` takes (the
 * `nginx.ingress.kubernetes.io/canary-*` annotations). ingress-nginx sends
 * every other request to the stable Service. Legacy (ingress-nginx is
 * retired): `RouteCanaryApp` takes `canaryWeight` and `canaryMatches` instead.
 */
export class CanaryRouting {
  /** `percent` (0-100) of the requests, chosen at random. */
  public static weight(percent: number): CanaryRouting {
    return new CanaryRouting(CanaryRoutingKind.WEIGHT, percent, undefined, undefined, undefined);
  }

  /**
   * Requests with the header `name`: set to `value` when given; otherwise set
   * to `always` (and never those set to `never`).
   */
  public static header(name: string, value?: string): CanaryRouting {
    return new CanaryRouting(CanaryRoutingKind.HEADER, undefined, name, value, undefined);
  }

  /** Requests whose header `name` matches the PCRE regular expression `pattern`. */
  public static headerPattern(name: string, pattern: string): CanaryRouting {
    return new CanaryRouting(CanaryRoutingKind.HEADER_PATTERN, undefined, name, undefined, pattern);
  }

  /** Requests with the cookie `name` set to `always` (never those set to `never`). */
  public static cookie(name: string): CanaryRouting {
    return new CanaryRouting(CanaryRoutingKind.COOKIE, undefined, name, undefined, undefined);
  }

  private constructor(
    /** The kind of routing. */
    public readonly kind: CanaryRoutingKind,
    /** The percentage of requests, for weight routing. */
    public readonly percent: number | undefined,
    /** The header or cookie name. */
    public readonly name: string | undefined,
    /** The exact header value, for header routing with a value. */
    public readonly value: string | undefined,
    /** The regular expression, for header-pattern routing. */
    public readonly pattern: string | undefined) {}

  /** The canary annotations of this routing. @internal */
  public _annotations(): Record<string, string> {
    const annotations: Record<string, string> = { [`${NGINX}/canary`]: 'true' };
    switch (this.kind) {
      case CanaryRoutingKind.WEIGHT:
        annotations[`${NGINX}/canary-weight`] = String(this.percent);
        break;
      case CanaryRoutingKind.HEADER:
      case CanaryRoutingKind.HEADER_PATTERN:
        annotations[`${NGINX}/canary-by-header`] = this.name!;
        if (this.value !== undefined) annotations[`${NGINX}/canary-by-header-value`] = this.value;
        if (this.pattern !== undefined) annotations[`${NGINX}/canary-by-header-pattern`] = this.pattern;
        break;
      case CanaryRoutingKind.COOKIE:
        annotations[`${NGINX}/canary-by-cookie`] = this.name!;
        break;
    }
    return annotations;
  }
}

/**
 * Props of a `NginxCanaryApp`. `ingress` is required, with `hosts` and the
 * `className` of an ingress-nginx controller.
 */
export interface NginxCanaryAppProps extends AppCommonProps {
  /** The version the stable Deployment `<name>` runs (pod label `track: stable`). */
  readonly stable: AppVersionProps;
  /**
   * The version under test: the Deployment, Service and canary Ingress
   * `<name>-canary` (pod label `track: canary`).
   *
   * @default - no canary
   */
  readonly canary?: AppVersionProps;
  /**
   * Which requests the canary takes (ignored without `canary`).
   *
   * @default CanaryRouting.weight(0) (deployed, reachable through `<name>-canary`, but no ingress traffic)
   */
  readonly routing?: CanaryRouting;
}

/**
 * Legacy: the community ingress-nginx controller is retired (no releases or
 * security fixes since March 2026). Kept for existing clusters; for new ones
 * use `RouteCanaryApp` (weights, headers, cookies and query parameters on a
 * Gateway API HTTPRoute, any conformant Gateway implementation).
 *
 * A canary routed by ingress-nginx, without a controller: the stable
 * Deployment, Service and Ingress `<name>`, and, while a canary version is
 * set, a Deployment, Service and Ingress `<name>-canary`. The canary Ingress
 * has the same hosts and path as the stable one and the
 * `nginx.ingress.kubernetes.io/canary` annotations of `routing`: a weight
 * (each step is a commit) or a header or cookie.
 *
 * Promote by moving the canary version into `stable` and removing `canary`;
 * abort by removing `canary` (Flux prunes the `<name>-canary` objects). Each
 * track has its own ConfigMap (`<name>-config`, `<name>-canary-config`), HPA
 * and PDB (`<name>`, `<name>-canary`).
 */
export class NginxCanaryApp extends AppBase {
  /** The pod label that tells the tracks apart (the one selector label beyond `app.kubernetes.io/name`). */
  public static readonly TRACK_LABEL = 'track';

  /** The stable Deployment `<name>`. */
  public readonly stableDeployment: k8s.KubeDeployment;
  /** The canary Deployment `<name>-canary`, when `canary` is given. */
  public readonly canaryDeployment?: k8s.KubeDeployment;
  /** The Service `<name>`, selecting the stable pods. */
  public readonly service: k8s.KubeService;
  /** The Service `<name>-canary`, selecting the canary pods. */
  public readonly canaryService?: k8s.KubeService;
  /** The Ingress `<name>` to the stable Service. */
  public readonly ingress: k8s.KubeIngress;
  /** The canary Ingress `<name>-canary` to the canary Service. */
  public readonly canaryIngress?: k8s.KubeIngress;
  /** The ConfigMap `<name>-config`, when the stable version has config files. */
  public readonly stableConfigMap?: k8s.KubeConfigMap;
  /** The ConfigMap `<name>-canary-config`, when the canary version has config files. */
  public readonly canaryConfigMap?: k8s.KubeConfigMap;
  /** The HPA `<name>`, when `autoscaling` is given. */
  public readonly stableAutoscaler?: k8s.KubeHorizontalPodAutoscalerV2;
  /** The HPA `<name>-canary`, when `autoscaling` and `canary` are given. */
  public readonly canaryAutoscaler?: k8s.KubeHorizontalPodAutoscalerV2;
  /** The PDB `<name>`, when enabled. */
  public readonly stableDisruptionBudget?: k8s.KubePodDisruptionBudget;
  /** The PDB `<name>-canary`, when enabled for the canary. */
  public readonly canaryDisruptionBudget?: k8s.KubePodDisruptionBudget;
  /** The routing in effect (undefined without a canary). */
  public readonly routing?: CanaryRouting;
  /** The stable pods (the HPA's minimum when autoscaled). */
  public readonly stableReplicas: number;
  /** The canary pods (the HPA's minimum when autoscaled; 0 without a canary). */
  public readonly canaryReplicas: number;
  /** What the canary Ingress and the promotion do: the requests routed, pods, resources and commands. */
  public readonly plan: RolloutPlan;

  public constructor(scope: Construct, id: string, props: NginxCanaryAppProps) {
    super(scope, id, props);
    this.validate(props);

    const name = props.name;
    const model = this._model;
    const stable = trackWorkload(model, 'Stable', name, props.stable, NginxCanaryApp.TRACK_LABEL, 'stable');
    this.stableConfigMap = stable.configMap;
    this.stableDeployment = stable.deployment;
    this.service = model.service('Service', name, stable.selector);
    this.ingress = model.ingress('Ingress', name, name);
    this.stableAutoscaler = stable.autoscaler;
    this.stableDisruptionBudget = stable.disruptionBudget;
    this.stableReplicas = stable.replicas;
    this.canaryReplicas = 0;

    if (props.canary) {
      const canaryName = `${name}-canary`;
      this.routing = props.routing ?? CanaryRouting.weight(0);
      const canary = trackWorkload(model, 'Canary', canaryName, props.canary, NginxCanaryApp.TRACK_LABEL, 'canary');
      this.canaryConfigMap = canary.configMap;
      this.canaryDeployment = canary.deployment;
      this.canaryService = model.service('CanaryService', canaryName, canary.selector);
      this.canaryIngress = model.ingress('CanaryIngress', canaryName, canaryName, this.routing._annotations());
      this.canaryAutoscaler = canary.autoscaler;
      this.canaryDisruptionBudget = canary.disruptionBudget;
      this.canaryReplicas = canary.replicas;
    }
    this._defineSupport();
    this.plan = this.buildPlan();
  }

  private buildPlan(): RolloutPlan {
    const r = this.routing;
    const byHeader = r?.kind === CanaryRoutingKind.HEADER || r?.kind === CanaryRoutingKind.HEADER_PATTERN;
    return RolloutPlan.nginxCanary({
      ...this._planBase(),
      stableReplicas: this.stableReplicas,
      canaryReplicas: this.canaryReplicas,
      weight: r?.kind === CanaryRoutingKind.WEIGHT ? r.percent : undefined,
      header: byHeader ? r!.name : undefined,
      headerValue: byHeader ? r!.value : undefined,
      headerPattern: byHeader ? r!.pattern : undefined,
      cookie: r?.kind === CanaryRoutingKind.COOKIE ? r.name : undefined,
    });
  }

  private validate(props: NginxCanaryAppProps) {
    this._model.validateVersion('stable.', props.stable);
    if (props.canary !== undefined) this._model.validateVersion('canary.', props.canary);

    const ingress = props.ingress;
    if (!ingress) {
      throw propError(this, 'ingress', ingress, 'ingress-nginx routes the canary: set ingress with hosts and the className of an ingress-nginx controller');
    }
    if (!ingress.hosts?.length) {
      throw propError(this, 'ingress.hosts', ingress.hosts, 'list the hosts: the canary Ingress must match the stable Ingress host for host');
    }
    if (ingress.className === undefined) {
      throw propError(this, 'ingress.className', ingress.className, 'set the IngressClass of an ingress-nginx controller (e.g. "nginx"): the canary annotations mean nothing to other controllers');
    }
    if (props.route) {
      throw propError(this, 'route', props.route.parentRefs, 'ingress-nginx routes this canary through its Ingresses, and an HTTPRoute to the stable Service would bypass it: for a canary by HTTPRoute weights and matches use RouteCanaryApp');
    }
    const [canaryKey] = nginxCanaryAnnotationKeys(ingress.annotations);
    if (canaryKey !== undefined) {
      throw propError(this, `ingress.annotations.${canaryKey}`, canaryKey, 'the canary annotations are set on the canary Ingress from \'routing\'; on the stable Ingress they would turn it into a canary');
    }

    const r = props.routing;
    if (!r) return;
    switch (r.kind) {
      case CanaryRoutingKind.WEIGHT:
        if (r.percent === undefined) throw propError(this, 'routing.percent', r.percent, 'must be an integer from 0 to 100');
        Check.int(this, 'routing.percent', r.percent, 0, 100);
        break;
      case CanaryRoutingKind.COOKIE:
        this.checkToken('routing.name', r.name);
        break;
      default:
        this.checkToken('routing.name', r.name);
        if (r.kind === CanaryRoutingKind.HEADER && r.value !== undefined && (typeof r.value !== 'string' || !NGINX_BASIC_CHARS.test(r.value))) {
          throw propError(this, 'routing.value', r.value, 'header values are letters, digits and \'-\', \'.\', \'_\', \'~\', \':\', \'/\' (what ingress-nginx accepts)');
        }
        if (r.kind === CanaryRoutingKind.HEADER_PATTERN && !validPattern(r.pattern)) {
          throw propError(this, 'routing.pattern', r.pattern, 'must be a non-empty regular expression of letters, digits, \'-._~:/\' and the regex characters ^$[](){}*+?|&=\\ (no spaces or commas: what ingress-nginx accepts)');
        }
    }
  }

  private checkToken(prop: string, value: string | undefined) {
    if (typeof value !== 'string' || !TOKEN.test(value) || value.length > 256) {
      throw propError(this, prop, value, 'names are letters, digits, \'-\' and \'_\', starting with a letter or digit');
    }
  }
}

function validPattern(pattern: string | undefined): boolean {
  if (typeof pattern !== 'string' || !NGINX_REGEX_CHARS.test(pattern)) return false;
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}
