/** Props of an app's NetworkPolicy: the default-deny, the namespaces its wiring needs, and the user's allow rules. */

/** The kind of a NetworkPolicy peer. */
export enum NetworkPolicyPeerKind {
  /** Pods selected by labels (in the app's namespace or another one). */
  PODS = 'pods',
  /** Every pod of a namespace. */
  NAMESPACE = 'namespace',
  /** An IP range. */
  IP_BLOCK = 'ipBlock',
}

/** The other side of a NetworkPolicy rule: pods, a namespace or an IP range. */
export class NetworkPolicyPeer {
  /** Pods of the app's namespace carrying `labels`. */
  public static pods(labels: Record<string, string>): NetworkPolicyPeer {
    return new NetworkPolicyPeer(NetworkPolicyPeerKind.PODS, undefined, labels, undefined, undefined, undefined);
  }

  /** Pods of `namespace` carrying `labels`. */
  public static podsInNamespace(namespace: string, labels: Record<string, string>): NetworkPolicyPeer {
    return new NetworkPolicyPeer(NetworkPolicyPeerKind.PODS, namespace, labels, undefined, undefined, undefined);
  }

  /**
   * The pods of another app of this library, `name` (in `namespace`, else the
   * app's), including Flagger's `<name>-primary` pods.
   */
  public static app(name: string, namespace?: string): NetworkPolicyPeer {
    return new NetworkPolicyPeer(NetworkPolicyPeerKind.PODS, namespace, undefined, name, undefined, undefined);
  }

  /** Every pod of `namespace`. */
  public static allPodsIn(namespace: string): NetworkPolicyPeer {
    return new NetworkPolicyPeer(NetworkPolicyPeerKind.NAMESPACE, namespace, undefined, undefined, undefined, undefined);
  }

  /** Addresses in `cidr` (e.g. "10.0.0.0/8"), except those in `except`. */
  public static ipBlock(cidr: string, except?: string[]): NetworkPolicyPeer {
    return new NetworkPolicyPeer(NetworkPolicyPeerKind.IP_BLOCK, undefined, undefined, undefined, cidr, except);
  }

  private constructor(
    /** What the peer is. */
    public readonly kind: NetworkPolicyPeerKind,
    /** The namespace, for NAMESPACE and for PODS in another namespace. */
    public readonly namespace: string | undefined,
    /** The pod labels, for PODS by labels. */
    public readonly labels: Record<string, string> | undefined,
    /** The app name, for PODS of an app. */
    public readonly appName: string | undefined,
    /** The IP range, for IP_BLOCK. */
    public readonly cidr: string | undefined,
    /** Ranges left out of `cidr`. */
    public readonly except: string[] | undefined) {}
}

/** A port of a NetworkPolicy rule. */
export class NetworkPolicyPort {
  /** A TCP port number. */
  public static tcp(port: number): NetworkPolicyPort {
    return new NetworkPolicyPort('TCP', port, undefined);
  }

  /** A UDP port number. */
  public static udp(port: number): NetworkPolicyPort {
    return new NetworkPolicyPort('UDP', port, undefined);
  }

  /** A named container port of the app's pods (ingress rules), e.g. "http". */
  public static named(name: string): NetworkPolicyPort {
    return new NetworkPolicyPort('TCP', undefined, name);
  }

  private constructor(
    /** The protocol. */
    public readonly protocol: string,
    /** The port number, for numbered ports. */
    public readonly port: number | undefined,
    /** The port name, for named ports. */
    public readonly name: string | undefined) {}
}

/**
 * An allow rule: traffic with `peers` on `ports`.
 */
export interface NetworkPolicyRuleProps {
  /** Who may connect (ingress rules) or be connected to (egress rules); at least one. */
  readonly peers: NetworkPolicyPeer[];
  /**
   * The ports allowed.
   *
   * @default - every port
   */
  readonly ports?: NetworkPolicyPort[];
}

/**
 * A NetworkPolicy `<name>` that denies every connection to and from the
 * app's pods (Flagger's `<name>-primary` pods included) except those its own
 * wiring needs and the rules given here: requests from the ingress
 * controller or Gateway (`ingressNamespaces`), from a Flagger loadtester the
 * analysis calls, scrapes from Prometheus (`prometheusNamespace`), DNS to
 * kube-dns, and the API server when the app has a Role (`apiServerCidrs`).
 * It needs a CNI that enforces NetworkPolicies.
 */
export interface NetworkPolicyProps {
  /**
   * Namespaces of the ingress controller or Gateway pods that forward
   * requests to the app (required when the app is reached through an
   * Ingress or a routing provider); they may reach the main port.
   *
   * @default - none
   */
  readonly ingressNamespaces?: string[];
  /**
   * The namespace Prometheus runs in (required with `monitoring`); it may
   * reach the metrics port.
   *
   * @default - none
   */
  readonly prometheusNamespace?: string;
  /**
   * The API server's addresses (`kubectl get endpoints kubernetes -n default`),
   * allowed on ports 443 and 6443 (required when the app has Role rules).
   *
   * @default - none
   */
  readonly apiServerCidrs?: string[];
  /**
   * Allow DNS queries to kube-dns (pods `k8s-app: kube-dns` in kube-system,
   * port 53). Turn it off only with a rule of your own for DNS (e.g. NodeLocal DNSCache).
   *
   * @default true
   */
  readonly allowDns?: boolean;
  /**
   * More sources allowed in. A NodePort or LoadBalancer main Service takes
   * requests from outside the cluster, which the policy does not let in by
   * itself: it then needs a rule here with an IP range
   * (`NetworkPolicyPeer.ipBlock`) on the main port, else the app is refused.
   * The range is the clients' with `externalTrafficPolicy: Local`; with
   * `Cluster` kube-proxy replaces their address with a node's (or the load
   * balancer's), so allow those.
   *
   * @default - none
   */
  readonly ingress?: NetworkPolicyRuleProps[];
  /**
   * More destinations allowed out.
   *
   * @default - none
   */
  readonly egress?: NetworkPolicyRuleProps[];
}
