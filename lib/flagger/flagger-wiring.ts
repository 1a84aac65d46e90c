/**
 * How the common app props meet what Flagger generates: the Service fields
 * its Canary can carry (the rest is refused), the ConfigMaps and Secrets it
 * tracks, how its pods and Services are named for the NetworkPolicy and the
 * monitor, and the plan note about builtin metrics nobody scrapes. Internal.
 */
import { AppCommonProps } from '../core/app-props';
import { AppShape } from '../core/app-support';
import { propError, Where } from '../core/errors';
import { ServiceType } from '../core/service-props';
import { exposedPorts } from '../core/services';
import { loadTesterPeers } from './load-tester-pods';
import { Metric } from './metric';
import { PROVIDERS } from './provider-table';
import { CanaryProvider } from './providers';
import { trackedConfigs } from './tracked-configs';
import { Webhook } from './webhook';

/** The longest ConfigMap or Secret name Flagger can track: its copy is `<name>-primary`. */
const MAX_TRACKED_CONFIG_NAME_LENGTH = 253 - '-primary'.length;

/** Whether Flagger adds the container ports beyond the main one to its Services: by default when there are any. */
export function portDiscoveryOf(props: AppCommonProps & { readonly portDiscovery?: boolean }): boolean | undefined {
  return props.portDiscovery ?? (exposedPorts(props).length > 0 ? true : undefined);
}

/**
 * Refuses what Flagger's generated Services cannot carry (their type and
 * traffic fields: Flagger makes them ClusterIP and owns them), and tracked
 * ConfigMaps and Secrets whose `-primary` copy would be too long.
 */
export function checkFlaggerProps(scope: Where, props: AppCommonProps) {
  const s = props.service ?? {};
  const why = 'Flagger generates the Services (ClusterIP, owned by the Canary; its service spec has no such field)';
  if (s.type !== undefined && s.type !== ServiceType.CLUSTER_IP) throw propError(scope, 'service.type', s.type, `${why}; expose the app through the provider instead`);
  // (externalTrafficPolicy and the affinity timeout need a NodePort type or ClientIP affinity, refused here or by the app model)
  for (const key of ['sessionAffinity', 'internalTrafficPolicy'] as const) {
    if (s[key] !== undefined) throw propError(scope, `service.${key}`, s[key], `${why}; for sticky canaries use analysis.sessionAffinity (istio, gatewayapi)`);
  }
  for (const c of trackedConfigs(props)) {
    if (typeof c.name === 'string' && c.name.length > MAX_TRACKED_CONFIG_NAME_LENGTH) {
      throw propError(scope, c.prop, c.name, `at most ${MAX_TRACKED_CONFIG_NAME_LENGTH} characters: Flagger copies it to "<name>-primary", which must stay a 253-character name`);
    }
  }
}

/**
 * The shape of a Flagger app for its NetworkPolicy and monitor: pods
 * `<name>` (the canary) and `<name>-primary` (Flagger rewrites the name
 * label on the copy), Services `<name>-primary` and `<name>-canary` for a
 * ServiceMonitor (the apex `<name>` selects the primary pods again), their
 * ports, how requests reach it, and the loadtesters its analysis calls.
 */
export function flaggerShape(props: AppCommonProps, portName: string, portDiscovery: boolean | undefined, provider: CanaryProvider, webhooks: Webhook[]): AppShape {
  const name = props.name;
  const facts = PROVIDERS[provider.type];
  return {
    podNames: [name, `${name}-primary`],
    serviceNames: [`${name}-primary`, `${name}-canary`],
    servicePorts: [portName, ...(portDiscovery ? exposedPorts(props).map(p => p.port.name) : [])],
    servicePortsNote: 'Flagger generates them with the main port, and the other container ports only with portDiscovery',
    exposedThrough: props.ingress ? 'its Ingress' : facts.exposure ? `the ${provider.type} provider's routing` : undefined,
    loadTesters: loadTesterPeers(webhooks),
  };
}

/** The plan note of an analysis whose builtin metrics read series of the app that nothing makes Prometheus scrape. */
export function unscrapedMetricsNotes(props: AppCommonProps, provider: CanaryProvider, metrics: Metric[]): string[] {
  const builtins = metrics.filter(m => m.isBuiltin).map(m => m.name);
  if (!builtins.length || !PROVIDERS[provider.type].appMetrics || props.monitoring) return [];
  const which = builtins.length > 1 ? `metrics ${builtins.join(' and ')} of the ${provider.type} provider read` : `metric ${builtins[0]} of the ${provider.type} provider reads`;
  return [`Nothing scrapes this app: the builtin ${which} the app's own \`http_request_duration_seconds\` series (labels kubernetes_namespace, kubernetes_pod_name), so without \`monitoring\` (or a scrape config of your own) every check fails with "no values found" and the canary is rolled back (the app must export that histogram too).`];
}
