import { App, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { AppBase } from '../base/app-base';
import { PodSecurityLevel } from '../core/pod-security-level';
import { ManifestChecker } from './checker';
import { ValidationFinding } from './finding';
import { throwIfAny } from './findings';

/** The namespace label that sets the Pod Security Standards level enforced in it. */
const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';

/**
 * Options of a validation.
 */
export interface ValidationOptions {
  /**
   * The Pod Security Standards level of namespaces whose level is not known
   * from a Namespace object among the validated ones.
   *
   * @default PodSecurityLevel.RESTRICTED
   */
  readonly podSecurity?: PodSecurityLevel;
  /**
   * Flux Kustomizations that exist outside the validated objects (e.g. the
   * one `flux bootstrap` creates, or one that installs Flagger), as
   * `<namespace>/<name>`; a `dependsOn` on another missing Kustomization is
   * a finding.
   *
   * @default - none
   */
  readonly externalKustomizations?: string[];
}

/**
 * Checks synthesized manifests the way `GitOpsLayout.synth()` checks its own
 * before writing anything: every object strictly against the Kubernetes 1.28
 * schema and the CRDs in `schemas/` (unknown fields and bad formats are
 * errors), HTTPRoutes against the CEL rules of their CRD, every pod template against the Pod Security Standards level of its
 * namespace, the wiring of the objects applied together (selectors, Service,
 * Ingress and route targets and ports, HPA and PDB targets, probe ports, no
 * object Flagger creates itself), one owner per object and Flux `dependsOn`
 * targets that exist.
 */
export class Validator {
  /**
   * The findings for the objects defined under `scope`: an App (every chart),
   * a Chart, or a construct inside a chart (its chart). The objects of one
   * chart are checked for wiring together.
   */
  public static validate(scope: IConstruct, options: ValidationOptions = {}): ValidationFinding[] {
    const groups = chartsOf(scope).map(chart => ({ chart, objects: chart.toJson() }));
    const checker = newChecker(groups.flatMap(g => g.objects), options);
    for (const { chart, objects } of groups) {
      checker.addGroup(objects, chart.node.path);
      const plans = chart.node.findAll().filter((c): c is AppBase => c instanceof AppBase && Chart.of(c) === chart).map(app => app.plan);
      checker.addRuntimeObjectsOf(plans, objects, chart.namespace, chart.node.path);
    }
    return checker.finish();
  }

  /** Like `validate`, but throws an Error listing every finding when there is any. */
  public static validateOrThrow(scope: IConstruct, options: ValidationOptions = {}): void {
    throwIfAny(Validator.validate(scope, options));
  }

  /** The findings for `manifests` (plain objects as `toJson()` returns them), applied together. */
  public static validateManifests(manifests: any[], options: ValidationOptions = {}): ValidationFinding[] {
    const checker = newChecker(manifests, options);
    checker.addGroup(manifests, 'the manifests');
    return checker.finish();
  }
}

/** A checker for `all` objects: namespaces' PSS levels from their Namespace objects, else the options'. */
function newChecker(all: any[], options: ValidationOptions): ManifestChecker {
  const levels = namespaceLevels(all);
  return new ManifestChecker(ns => (ns !== undefined ? levels.get(ns) : undefined) ?? options.podSecurity ?? PodSecurityLevel.RESTRICTED, options.externalKustomizations);
}

function chartsOf(scope: IConstruct): Chart[] {
  if (scope.node.scope === undefined && Array.isArray((scope as App).charts)) return (scope as App).charts;
  if (Chart.isChart(scope)) return [scope as Chart];
  return [Chart.of(scope)];
}

/** The enforced PSS level of each namespace defined among the objects. */
function namespaceLevels(all: any[]): Map<string, PodSecurityLevel> {
  const levels = new Map<string, PodSecurityLevel>();
  for (const ns of all.filter(o => o.kind === 'Namespace' && o.apiVersion === 'v1')) {
    const level = ns.metadata?.labels?.[ENFORCE_LABEL];
    if (Object.values(PodSecurityLevel).includes(level)) levels.set(ns.metadata.name, level);
  }
  return levels;
}
