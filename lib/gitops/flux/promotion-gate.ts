/**
 * The promotion gate of an app folder under Flux: the folder's Kustomization
 * is Ready only once every release in it is promoted, so a Kustomization that
 * depends on it (the next environment) applies a release only after it passed
 * here. Internal: the Flux writer uses it for folders whose apps publish
 * revision gates.
 *
 * Why: a Flagger Canary keeps the previous release's `Succeeded` until
 * Flagger notices a new revision (up to one interval later). Flagger copies
 * the target's pod template, revision annotation included, into
 * `<name>-primary` only after the analysis passed, so "the primary runs this
 * revision" holds exactly when the release is promoted. Flux checks named
 * objects (`healthChecks`) only with `wait: false`, hence that mode here.
 */
import { HealthRule, RevisionGate } from '../../core/delivery-hints';
import { AppUnit } from '../app-unit';
import { upstreamUnits } from '../promotion-wait';
import { appUnitName } from '../unit-name';
import { FluxHealthCheck } from './kustomization';

/** The workload kinds checked by kstatus (or the Deployment rule below). */
const WORKLOADS: Record<string, string> = { Deployment: 'apps/v1', StatefulSet: 'apps/v1', DaemonSet: 'apps/v1' };

/** A CEL expression for the desired replicas of a Deployment (1 when unset). */
const REPLICAS = '(has(spec.replicas) ? spec.replicas : 1)';
/** A Deployment whose pods are all updated and available (the Flux status check has already compared generations). */
const DEPLOYMENT_READY = `(${REPLICAS} == 0 || (has(status.updatedReplicas) && has(status.availableReplicas) && status.updatedReplicas >= ${REPLICAS} && status.availableReplicas >= ${REPLICAS}))`;
/** A Deployment past its progress deadline. */
const DEPLOYMENT_FAILED = "has(status.conditions) && status.conditions.exists(c, c.type == 'Progressing' && c.status == 'False' && c.reason == 'ProgressDeadlineExceeded')";

/** The Deployment rule: ready, and for each gated workload (a primary) at its revision. */
export function deploymentGateRule(gates: RevisionGate[]): HealthRule {
  const atRevision = (g: RevisionGate) => `(has(spec.template.metadata.annotations) && '${g.annotation}' in spec.template.metadata.annotations && spec.template.metadata.annotations['${g.annotation}'] == '${g.revision}')`;
  const current = gates.reduceRight((otherwise, g) => `(metadata.name == '${g.name}' ? ${atRevision(g)} && ${DEPLOYMENT_READY} : ${otherwise})`, DEPLOYMENT_READY);
  return { apiVersion: 'apps/v1', kind: 'Deployment', current, failed: DEPLOYMENT_FAILED };
}

/**
 * The objects a gated folder's Kustomization checks: every object of a kind
 * with a health rule (Canaries, Rollouts), every workload it applies, and
 * the gated workloads the controller creates.
 */
export function gateHealthChecks(objects: any[], rules: HealthRule[], gates: RevisionGate[], namespace: string): FluxHealthCheck[] {
  const ruled = new Set(rules.map(r => `${r.apiVersion}/${r.kind}`));
  const checks: FluxHealthCheck[] = objects
    .filter(o => ruled.has(`${o.apiVersion}/${o.kind}`) || WORKLOADS[o.kind] === o.apiVersion)
    .map(o => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata?.name, namespace: o.metadata?.namespace ?? namespace }));
  for (const g of gates) checks.push({ apiVersion: g.apiVersion, kind: g.kind, name: g.name, namespace: g.namespace ?? namespace });
  return checks;
}

/**
 * The "Promotion gate" lines of a folder's rollout plan under Flux: what it
 * waits for, what waits for it and on which condition, the worst-case wait
 * and the Kustomization's timeout (`timeout`, derived from the plans).
 */
export function fluxGateNotes(unit: AppUnit, downstream: string[], timeout: string): string[] {
  const name = appUnitName(unit.environment.name, unit.folder.name);
  const notes: string[] = [];
  const upstream = upstreamUnits(unit);
  if (upstream.length) notes.push(`Flux: applies this folder only once ${codeList(upstream)} is Ready (\`dependsOn\`).`);
  if (downstream.length === 0) return notes;
  const gates = unit.hints.revisionGates ?? [];
  const waits = unit.environment.props.wait ?? true;
  if (!waits) {
    notes.push(`Flux: ${codeList(downstream)} waits for \`${name}\`, which does not check health (\`wait: false\`): it is Ready as soon as it is applied, so the next environment gets the release before it ran here.`);
    return notes;
  }
  if (gates.length) {
    notes.push(`Flux: ${codeList(downstream)} waits until \`${name}\` is Ready: every workload it applies is ready, no Canary is \`Failed\`, and ${codeList(gates.map(g => g.name))} `
      + `run${gates.length === 1 ? 's' : ''} this release's revision (the pod-template annotation \`${gates[0].annotation}\`, a hash of what is rendered). Flagger copies it there only after the analysis passed, `
      + 'so a Canary still showing the last release\'s `Succeeded` does not open the gate; a failed analysis keeps the old revision there and holds the next environment.');
  } else {
    notes.push(`Flux: ${codeList(downstream)} waits until \`${name}\` is Ready: every object it applies is ready (Kubernetes status and the health rules of the controllers' kinds).`);
  }
  notes.push(`Flux's timeout for \`${name}\` is ${timeout}, enough for the worst-case wait below; past it the Kustomization reports a failed health check, the next environment keeps waiting, and Flux retries every ${unit.environment.props.retryInterval ?? '2m'}. `
    + `Flux first needs the commit: up to the source's interval, or at once with \`flux reconcile kustomization ${name} --with-source\`.`);
  return notes;
}

/** `a`, `a` and `b`, ... in code spans. */
function codeList(names: string[]): string {
  const code = names.map(n => `\`${n}\``);
  return code.length === 1 ? code[0] : `${code.slice(0, -1).join(', ')} and ${code[code.length - 1]}`;
}
