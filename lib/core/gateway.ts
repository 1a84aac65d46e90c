import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { Check } from './check';
import { propError } from './errors';
import { GatewayRef } from './route-props';
import { acceptNullPrototypes } from './plain-objects';

/** `spec.listeners` maxItems. */
const MAX_LISTENERS = 64;
/** `tls.certificateRefs` maxItems. */
const MAX_CERTIFICATES = 64;

/** The protocol a Gateway listener serves HTTPRoutes on. */
export enum GatewayProtocol {
  /** Plain HTTP. */
  HTTP = 'HTTP',
  /** HTTPS, terminated at the Gateway with the listener's certificates. */
  HTTPS = 'HTTPS',
}

/** Which namespaces may attach routes to a listener. */
export enum RouteNamespaces {
  /** The Gateway's own namespace only. */
  SAME = 'Same',
  /** Every namespace. */
  ALL = 'All',
  /** Namespaces whose labels match `allowedNamespaceLabels`. */
  SELECTOR = 'Selector',
}

/**
 * One listener of a Gateway: a port, a protocol and optionally a host name
 * that routes attach to (by `sectionName`).
 */
export interface GatewayListenerProps {
  /** The listener name, unique in the Gateway; routes name it as `sectionName`. */
  readonly name: string;
  /**
   * The protocol.
   *
   * @default - GatewayProtocol.HTTPS with `tlsSecretNames`, else GatewayProtocol.HTTP
   */
  readonly protocol?: GatewayProtocol;
  /**
   * The port.
   *
   * @default - 443 for HTTPS, 80 for HTTP
   */
  readonly port?: number;
  /**
   * The host name (or `*.domain`) the listener serves.
   *
   * @default - every host
   */
  readonly hostname?: string;
  /**
   * Secrets (type `kubernetes.io/tls`, in the Gateway's namespace) holding the
   * certificates HTTPS terminates with; required for HTTPS.
   *
   * @default - none
   */
  readonly tlsSecretNames?: string[];
  /**
   * Which namespaces may attach routes. Apps usually run in namespaces of
   * their own, so a shared Gateway needs ALL or SELECTOR.
   *
   * @default RouteNamespaces.SAME
   */
  readonly allowedRoutes?: RouteNamespaces;
  /**
   * The labels a namespace needs to attach routes (with RouteNamespaces.SELECTOR).
   *
   * @default - none
   */
  readonly allowedNamespaceLabels?: Record<string, string>;
}

/**
 * Props of a `Gateway`.
 */
export interface GatewayProps {
  /** The Gateway name. */
  readonly name: string;
  /**
   * The namespace.
   *
   * @default - the chart's namespace
   */
  readonly namespace?: string;
  /** The GatewayClass: which implementation runs the Gateway (e.g. `envoy-gateway`, `istio`, `cilium`). */
  readonly gatewayClassName: string;
  /** The listeners (1 to 64). */
  readonly listeners: GatewayListenerProps[];
  /**
   * Labels on the Gateway.
   *
   * @default - none
   */
  readonly labels?: Record<string, string>;
  /**
   * Annotations on the Gateway.
   *
   * @default - none
   */
  readonly annotations?: Record<string, string>;
}

/**
 * A Gateway API Gateway (`gateway.networking.k8s.io/v1`): the platform
 * team's entry point that apps attach their HTTPRoutes to. Apps never define
 * one; define it where the platform's infrastructure lives. Checked at synth
 * time against the CRD's limits and CEL rules (unique listener names, unique
 * port/protocol/hostname, TLS on HTTPS only) and what implementations refuse
 * (HTTPS without a certificate, two protocols on one port).
 */
export class Gateway extends ApiObject {
  /** apiVersion of the objects this construct defines. */
  public static readonly API_VERSION = 'gateway.networking.k8s.io/v1';
  /** kind of the objects this construct defines. */
  public static readonly KIND = 'Gateway';

  /** The Gateway name. */
  public readonly gatewayName: string;
  /** The Gateway namespace, when set. */
  public readonly gatewayNamespace?: string;

  public constructor(scope: Construct, id: string, props: GatewayProps) {
    const holder: { spec?: unknown } = {};
    super(scope, id, {
      apiVersion: Gateway.API_VERSION,
      kind: Gateway.KIND,
      metadata: { name: props.name, namespace: props.namespace, labels: props.labels, annotations: props.annotations },
      spec: Lazy.any({ produce: () => holder.spec }),
    });
    acceptNullPrototypes(this);
    this.validate(props);
    this.gatewayName = props.name;
    this.gatewayNamespace = props.namespace;
    holder.spec = {
      gatewayClassName: props.gatewayClassName,
      listeners: props.listeners.map(l => ({
        name: l.name,
        hostname: l.hostname,
        port: portOf(l),
        protocol: protocolOf(l),
        tls: l.tlsSecretNames?.length ? { mode: 'Terminate', certificateRefs: l.tlsSecretNames.map(name => ({ name })) } : undefined,
        allowedRoutes: {
          namespaces: {
            from: l.allowedRoutes ?? RouteNamespaces.SAME,
            selector: l.allowedNamespaceLabels ? { matchLabels: { ...l.allowedNamespaceLabels } } : undefined,
          },
        },
      })),
    };
  }

  /**
   * The reference an app's `route.parentRefs` (or Flagger's `gatewayRefs`)
   * uses: the whole Gateway, or one listener by name.
   */
  public ref(sectionName?: string): GatewayRef {
    return { name: this.gatewayName, namespace: this.gatewayNamespace, sectionName };
  }

  private validate(props: GatewayProps) {
    Check.dns1123Subdomain(this, 'name', props.name);
    if (props.namespace !== undefined) Check.dns1123Label(this, 'namespace', props.namespace);
    Check.dns1123Subdomain(this, 'gatewayClassName', props.gatewayClassName);
    Check.labels(this, 'labels', props.labels);
    Check.annotations(this, 'annotations', props.annotations);
    const listeners = props.listeners;
    if (!Array.isArray(listeners) || listeners.length === 0) throw propError(this, 'listeners', listeners, `a Gateway has 1 to ${MAX_LISTENERS} listeners`);
    if (listeners.length > MAX_LISTENERS) {
      throw propError(this, `listeners[${MAX_LISTENERS}]`, listeners[MAX_LISTENERS].name, `a Gateway has at most ${MAX_LISTENERS} listeners (this one is the ${MAX_LISTENERS + 1}th of ${listeners.length})`);
    }
    listeners.forEach((l, i) => {
      const prop = `listeners[${i}]`;
      Check.dns1123Subdomain(this, `${prop}.name`, l.name);
      if (listeners.findIndex(o => o.name === l.name) !== i) throw propError(this, `${prop}.name`, l.name, 'listener names must be unique within the Gateway');
      const protocol = protocolOf(l);
      if (!Object.values(GatewayProtocol).includes(protocol)) throw propError(this, `${prop}.protocol`, protocol, 'must be GatewayProtocol.HTTP or GatewayProtocol.HTTPS');
      Check.port(this, `${prop}.port`, l.port);
      if (l.hostname !== undefined) Check.host(this, `${prop}.hostname`, l.hostname);
      this.validateTls(prop, l, protocol);
      this.validateAllowedRoutes(prop, l);
    });
    const keys = listeners.map(l => ({ protocol: protocolOf(l), port: portOf(l), hostname: l.hostname }));
    keys.forEach((k, i) => {
      if (keys.findIndex(o => o.port === k.port && o.protocol === k.protocol && o.hostname === k.hostname) !== i) {
        throw propError(this, `listeners[${i}]`, listeners[i].name, `another listener has the same port ${k.port}, protocol and hostname: the combination must be unique`);
      }
      const other = keys.find(o => o.port === k.port && o.protocol !== k.protocol);
      if (other) throw propError(this, `listeners[${i}].port`, k.port, `another listener serves ${other.protocol} on this port: one port takes one protocol`);
    });
  }

  private validateTls(prop: string, l: GatewayListenerProps, protocol: GatewayProtocol) {
    const secrets = l.tlsSecretNames;
    if (protocol === GatewayProtocol.HTTP && secrets !== undefined) {
      throw propError(this, `${prop}.tlsSecretNames`, secrets, 'an HTTP listener takes no TLS settings: use GatewayProtocol.HTTPS');
    }
    if (protocol === GatewayProtocol.HTTPS && !(secrets?.length)) {
      throw propError(this, `${prop}.tlsSecretNames`, secrets, 'an HTTPS listener terminates TLS: give at least one certificate Secret');
    }
    if ((secrets ?? []).length > MAX_CERTIFICATES) throw propError(this, `${prop}.tlsSecretNames`, secrets!.length, `at most ${MAX_CERTIFICATES} certificates per listener`);
    (secrets ?? []).forEach((s, j) => Check.dns1123Subdomain(this, `${prop}.tlsSecretNames[${j}]`, s));
  }

  private validateAllowedRoutes(prop: string, l: GatewayListenerProps) {
    const from = l.allowedRoutes ?? RouteNamespaces.SAME;
    if (!Object.values(RouteNamespaces).includes(from)) throw propError(this, `${prop}.allowedRoutes`, from, 'must be RouteNamespaces.SAME, ALL or SELECTOR');
    const labels = l.allowedNamespaceLabels;
    if (from === RouteNamespaces.SELECTOR && !(labels && Object.keys(labels).length)) {
      throw propError(this, `${prop}.allowedNamespaceLabels`, labels, 'RouteNamespaces.SELECTOR needs the namespace labels to select');
    }
    if (from !== RouteNamespaces.SELECTOR && labels !== undefined) {
      throw propError(this, `${prop}.allowedNamespaceLabels`, labels, 'applies only with allowedRoutes: RouteNamespaces.SELECTOR');
    }
    Check.labels(this, `${prop}.allowedNamespaceLabels`, labels);
  }
}

function protocolOf(l: GatewayListenerProps): GatewayProtocol {
  return l.protocol ?? (l.tlsSecretNames?.length ? GatewayProtocol.HTTPS : GatewayProtocol.HTTP);
}

function portOf(l: GatewayListenerProps): number {
  return l.port ?? (protocolOf(l) === GatewayProtocol.HTTPS ? 443 : 80);
}
