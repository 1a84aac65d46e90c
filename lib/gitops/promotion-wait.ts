/**
 * What a promotion between environments waits for, in words for the rollout
 * plan: which app folders come before and after a folder, and how long a
 * release of it takes to be promoted at worst. Engine-neutral; each output
 * adds how its tool holds the next environment. Internal.
 */
import { duration } from '../plan/format';
import { AppUnit } from './app-unit';
import { DeliveryEnvironment } from './delivery-environment';
import { appUnitName } from './unit-name';

/** The app folder names of each environment, with the folder count they were read at. */
const FOLDER_NAMES = new WeakMap<DeliveryEnvironment, { count: number; names: Set<string> }>();

/** Whether `env` has an app folder `name` (a set per environment: layouts hold thousands of apps). */
function hasFolder(env: DeliveryEnvironment, name: string): boolean {
  let entry = FOLDER_NAMES.get(env);
  if (!entry || entry.count !== env._folders.length) {
    entry = { count: env._folders.length, names: new Set(env._folders.map(f => f.name)) };
    FOLDER_NAMES.set(env, entry);
  }
  return entry.names.has(name);
}

/** The environments that come `after` this unit's and deploy the same app. */
export function downstreamEnvironments(unit: AppUnit, environments: DeliveryEnvironment[]): DeliveryEnvironment[] {
  return environments.filter(e => (e.props.after ?? []).includes(unit.environment) && hasFolder(e, unit.folder.name));
}

/** The environments this unit's comes after that deploy the same app. */
export function upstreamEnvironments(unit: AppUnit): DeliveryEnvironment[] {
  return (unit.environment.props.after ?? []).filter(e => hasFolder(e, unit.folder.name));
}

/** The units of the same app in the environments this unit's comes after. */
export function upstreamUnits(unit: AppUnit): string[] {
  return upstreamEnvironments(unit).map(e => appUnitName(e.name, unit.folder.name));
}

/**
 * The worst-case wait of each app of `unit` once its folder is applied, as a
 * sentence per app: with Flagger, noticing the release (one interval), the
 * analysis (the minimum time to promote) and the promotion (the primary rolls,
 * then finalising: two more intervals); otherwise the plan's completion budget.
 */
export function worstCaseWaits(unit: AppUnit): string[] {
  return unit.plans.map(plan => {
    const interval = plan.intervalSeconds;
    if (interval === undefined || plan.minTimeToPromoteSeconds === undefined) {
      return `Worst-case wait for \`${plan.appName}\`: ${duration(plan.completionBudgetSeconds)} for the rollout to finish (${plan.strategy}).`;
    }
    const total = interval + plan.minTimeToPromoteSeconds + 2 * interval;
    return `Worst-case wait for \`${plan.appName}\` when every check passes: ${duration(total)}. Flagger notices the release within ${duration(interval)} (one interval), `
      + `analyses it for ${duration(plan.minTimeToPromoteSeconds)}, then promotes and finalises (${duration(2 * interval)}, two intervals).`;
  });
}
