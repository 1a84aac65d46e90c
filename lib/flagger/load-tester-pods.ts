/**
 * Where the pods of the loadtester behind a webhook run, so that the
 * NetworkPolicy of an app whose analysis calls it lets them in, and the
 * duration format the loadtester takes. Internal: not exported from the package.
 */
import { NetworkPolicyPeer } from '../core/network-policy-props';
import { Webhook } from './webhook';

/** A loadtester duration (hey `-z`, `-timeout`): whole seconds, minutes or hours. */
export const LOADTESTER_DURATION = /^[0-9]+(s|m|h)$/;

/** Where a loadtester's pods run, when known. */
export interface LoadTesterPods {
  /** Their namespace (unset: the namespace of the apps that call it). */
  readonly namespace?: string;
  /** Their labels (unset: every pod of the namespace). */
  readonly labels?: Record<string, string>;
}

/** The loadtester pods behind each webhook a `LoadTester` made. */
const SERVED_BY = new WeakMap<Webhook, LoadTesterPods>();

/** Remembers that the loadtester pods `pods` serve `webhook`. */
export function servedBy(webhook: Webhook, pods: LoadTesterPods): Webhook {
  SERVED_BY.set(webhook, pods);
  return webhook;
}

/**
 * The peers of the loadtesters that serve `webhooks` (loadtesters known by
 * URL only are left out: allow them with a rule of your own).
 */
export function loadTesterPeers(webhooks: Webhook[]): NetworkPolicyPeer[] {
  const peers = new Map<string, NetworkPolicyPeer>();
  for (const w of webhooks) {
    const pods = SERVED_BY.get(w);
    if (!pods || (pods.namespace === undefined && pods.labels === undefined)) continue;
    const peer = pods.labels === undefined ? NetworkPolicyPeer.allPodsIn(pods.namespace!)
      : pods.namespace === undefined ? NetworkPolicyPeer.pods(pods.labels) : NetworkPolicyPeer.podsInNamespace(pods.namespace, pods.labels);
    peers.set(JSON.stringify(pods), peer);
  }
  return [...peers.values()];
}
