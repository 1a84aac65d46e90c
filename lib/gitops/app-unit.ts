/**
 * One app folder of one environment, as a GitOps output sees it: where it
 * is, what it holds, how long its rollouts take and what its apps publish.
 * Internal: not exported from the package.
 */
import { AppBase } from '../base/app-base';
import { DeliveryHints, isDeliveryHintSource, RevisionGate } from '../core/delivery-hints';
import { RolloutPlan } from '../plan/rollout-plan';
import { ApiObject, Chart } from 'cdk8s';
import { AppFolder } from './app-folder';
import { DeliveryEnvironment } from './delivery-environment';

/** One app folder of one environment. */
export interface AppUnit {
  /** The environment. */
  readonly environment: DeliveryEnvironment;
  /** The app folder. */
  readonly folder: AppFolder;
  /** The folder's path inside the Git repository, e.g. `./dist/staging/web`. */
  readonly path: string;
  /** The synthesized objects of the folder. */
  readonly objects: any[];
  /** The rollout plans of the apps in the chart. */
  readonly plans: RolloutPlan[];
  /** What the constructs of the chart publish for GitOps: health rules, fields controllers change. */
  readonly hints: DeliveryHints;
  /** GitOps units it needs beyond those of its folder (e.g. the one applying a shared helper). */
  readonly extraDependsOn?: string[];
}

/** The objects of each helper in `chart` that the apps of a namespace share, by helper. */
export function sharedHelpers(chart: Chart): Array<{ path: string; ids: Set<string> }> {
  return chart.node.findAll()
    .filter(c => isDeliveryHintSource(c) && c._deliveryHints().sharedPerNamespace)
    .map(c => ({
      path: c.node.path,
      ids: new Set(c.node.findAll().filter(x => ApiObject.isApiObject(x)).map(x => `${(x as ApiObject).kind}/${(x as ApiObject).name}`)),
    }));
}

/** The plans and the merged delivery hints of the constructs in `chart` (health rules once per kind). */
export function chartDeliveryInfo(chart: Chart): { plans: RolloutPlan[]; hints: DeliveryHints } {
  const plans: RolloutPlan[] = [];
  const healthRules = new Map<string, DeliveryHints['healthRules'][number]>();
  const driftIgnores: DeliveryHints['driftIgnores'] = [];
  const revisionGates: RevisionGate[] = [];
  const needs = { flagger: false, gatewayApi: false, flaggerProviders: new Set<string>() };
  for (const c of chart.node.findAll()) {
    if (c instanceof AppBase) plans.push(c.plan);
    if (ApiObject.isApiObject(c) && (c as ApiObject).apiVersion.startsWith('gateway.networking.k8s.io/')) needs.gatewayApi = true;
    if (!isDeliveryHintSource(c)) continue;
    const hints = c._deliveryHints();
    for (const rule of hints.healthRules) healthRules.set(`${rule.apiVersion}/${rule.kind}`, rule);
    driftIgnores.push(...hints.driftIgnores);
    revisionGates.push(...hints.revisionGates ?? []);
    needs.flagger ||= hints.needs?.flagger ?? false;
    needs.gatewayApi ||= hints.needs?.gatewayApi ?? false;
    if (hints.needs?.flaggerProvider) needs.flaggerProviders.add(hints.needs.flaggerProvider);
  }
  return {
    plans,
    hints: { healthRules: [...healthRules.values()], driftIgnores, revisionGates, needs: { flagger: needs.flagger, gatewayApi: needs.gatewayApi, flaggerProvider: [...needs.flaggerProviders].sort().join(',') || undefined } },
  };
}
