/**
 * The HTTPRoute of a Gateway API canary, whose backendRef weights the
 * `argoproj-labs/gatewayAPI` plugin sets. Internal: not exported from the
 * package (kept small until the apps share a general HTTPRoute builder).
 */
import { ApiObject } from 'cdk8s';
import { AppModel } from '../core/app-model';
import { DriftIgnore } from '../core/delivery-hints';
import { RolloutTrafficRouter } from './traffic-router';

/** The label the plugin puts on a route while a release runs (its `inProgressLabelKey` default). */
const IN_PROGRESS_LABEL = 'rollouts.argoproj.io/gatewayapi-canary';

/**
 * What the plugin changes on HTTPRoute `name`: the weights of its
 * backendRefs, and its in-progress label. The weights sit in `spec.rules`,
 * an atomic list: a tool that drops ignored fields from what it applies
 * must leave out every rule (a rule without weights would split 1:1).
 */
export function pluginRouteDrift(name: string): DriftIgnore {
  return {
    kind: 'HTTPRoute',
    name,
    paths: ['/spec/rules'],
    exactPointers: [`/metadata/labels/${IN_PROGRESS_LABEL.replace('/', '~1')}`],
    exactJqPaths: ['.spec.rules[].backendRefs[].weight'],
  };
}

/**
 * Defines HTTPRoute `name`: every request of the hosts to the stable Service
 * (weight 100) and the canary Service (weight 0). Both weights are explicit:
 * Gateway API's default weight is 1, which would split 50/50 until the
 * plugin first reconciles.
 */
export function defineHttpRoute(model: AppModel, id: string, name: string, router: RolloutTrafficRouter, stableService: string, canaryService: string): ApiObject {
  const port = model.servicePort;
  return new ApiObject(model.scope, id, {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: model.metadata(name),
    spec: {
      parentRefs: (router.gatewayRefs ?? []).map(g => ({ name: g.name, namespace: g.namespace, sectionName: g.sectionName })),
      hostnames: router.hosts?.length ? [...router.hosts] : undefined,
      rules: [{
        backendRefs: [
          { name: stableService, port, weight: 100 },
          { name: canaryService, port, weight: 0 },
        ],
      }],
    },
  });
}
