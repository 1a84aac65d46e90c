/**
 * The validation of a set of manifests, fed group by group (one app folder
 * at a time), so that a layout of thousands of apps is checked without
 * holding every object: per group the schema (with the HTTPRoute CRD's CEL
 * rules), Pod Security Standards and wiring rules, across groups one owner
 * per object (objects a controller creates at runtime included) and Flux
 * `dependsOn` targets. Internal.
 */
import { PodSecurityLevel } from '../core/pod-security-level';
import { RolloutPlan } from '../plan/rollout-plan';
import { ValidationFinding } from './finding';
import { describeObject } from './findings';
import { podSecurityViolations, podsOf } from './pod-security';
import { httpRouteCelProblems } from './route-rules';
import { schemaProblems } from './schemas';
import { wiringFindings } from './wiring';

/** A Flux Kustomization's identity and its dependencies, kept for the final check. */
interface FluxUnit {
  readonly object: string;
  readonly file?: string;
  readonly key: string;
  readonly dependsOn: string[];
}

/**
 * Who applies or creates objects: a group of objects applied together, or a
 * controller. One record serves all its objects (thousands of groups are
 * checked in one synth), and an object's file is only worked out for a finding.
 */
interface Owner {
  /** The group, or the controller. */
  readonly where: string;
  /** The file of an object of the group, if known. */
  readonly fileOf: (obj: any) => string | undefined;
  /** A controller creates the objects at runtime. */
  readonly runtime: boolean;
  /** The GitOps engine whose own objects they are among, if any. */
  readonly engine?: string;
}

/** What names `owner` in a message about the object `kind`/`name`: the file, else the group or controller. */
function ownerLabel(owner: Owner, kind: string, name: string): string {
  return owner.fileOf({ kind, metadata: { name } }) ?? owner.where;
}

/** Checks manifests group by group. */
export class ManifestChecker {
  /** Findings so far. */
  readonly findings: ValidationFinding[] = [];
  /** Object key -> its owner (owners, when outputs of several engines hold it). */
  private readonly owners = new Map<string, Owner | Owner[]>();
  /** Ingress class, host and path -> who routes it: the Ingress and its file (or group). */
  private readonly ingressRoutes = new Map<string, { owner: string; object: string }>();
  private readonly kustomizations: FluxUnit[] = [];

  /**
   * `levelOf` gives the Pod Security Standards level of a namespace;
   * `externalKustomizations` are `<namespace>/<name>` of Kustomizations that
   * exist outside the checked manifests.
   */
  constructor(private readonly levelOf: (namespace: string | undefined) => PodSecurityLevel, private readonly externalKustomizations: string[] = []) {}

  /**
   * Checks one group of objects applied together; `where` names it in
   * messages, `fileOf` gives each object's file. `engine` marks the objects
   * of one GitOps output (e.g. "flux"): objects of two engines are
   * alternatives, never two owners of one object.
   */
  addGroup(objects: any[], where: string, fileOf: (obj: any) => string | undefined = () => undefined, engine?: string): void {
    const add = (f: ValidationFinding, obj: any) => {
      const file = fileOf(obj);
      this.findings.push(file === undefined ? f : { ...f, file });
    };
    const group: Owner = { where, fileOf, runtime: false, engine };
    const wiring = wiringFindings(objects);
    if (wiring.length) {
      const byObject = new Map(objects.map(o => [describeObject(o), o]));
      for (const f of wiring) add(f, byObject.get(f.object));
    }
    for (const obj of objects) {
      const object = describeObject(obj);
      for (const [field, message] of schemaProblems(obj)) add({ rule: 'schema', object, field, message }, obj);
      for (const [field, message] of httpRouteCelProblems(obj)) add({ rule: 'cel', object, field, message }, obj);
      const other = this.claim(obj.kind, obj.metadata?.namespace, obj.metadata?.name, group);
      if (other !== undefined) {
        const by = ownerLabel(other, obj.kind, obj.metadata?.name);
        add({
          rule: 'ownership', object, field: '/metadata/name',
          message: other.runtime
            ? `${by} creates this object at runtime; applying it from Git too makes the two fight over it: rename it`
            : `${by} applies an object of the same kind, namespace and name: one of them would overwrite the other`,
        }, obj);
      }
      if (obj.kind === 'Ingress') this.claimIngressPaths(obj, fileOf(obj) ?? where, (field, message) => add({ rule: 'ingress', object, field, message }, obj));
      if (obj.kind === 'Kustomization' && String(obj.apiVersion).startsWith('kustomize.toolkit.fluxcd.io/')) {
        const ns = obj.metadata?.namespace ?? '';
        this.kustomizations.push({ object, file: fileOf(obj), key: `${ns}/${obj.metadata?.name}`, dependsOn: (obj.spec?.dependsOn ?? []).map((d: any) => `${d.namespace ?? ns}/${d.name}`) });
      }
      const pods = podsOf(obj);
      if (!pods.length) continue;
      const namespace = obj.metadata?.namespace;
      const level = this.levelOf(namespace);
      for (const pod of pods) {
        for (const [field, message] of podSecurityViolations(pod.spec, level, pod.annotations)) {
          add({
            rule: 'pod-security', object, field: field.startsWith('/metadata') ? field : `${pod.path}${field}`,
            message: `${message}; the namespace ${namespace ?? '(default)'} enforces Pod Security Standards "${level}": drop the opt-out, or set the namespace's podSecurity`,
          }, obj);
        }
      }
    }
  }

  /**
   * Records the objects the controllers of `plans` create at runtime (e.g.
   * Flagger's `<name>-primary` and Services), except those `applied` holds:
   * a controller changes an object the group applies, it does not create it.
   * `where` names the group, `namespace` is its default namespace.
   */
  addRuntimeObjectsOf(plans: RolloutPlan[], applied: any[], namespace: string | undefined, where: string): void {
    for (const plan of plans) {
      const controller: Owner = { where: `the controller of ${where} (${plan.strategy})`, fileOf: () => undefined, runtime: true };
      // skipped: what the group applies, and a name pattern already claimed (one stands for several objects, e.g. an AnalysisRun per template)
      const seen = new Set(applied.map(o => `${o.kind}/${o.metadata?.name}`));
      for (const o of plan.runtimeObjects) {
        if (seen.has(`${o.kind}/${o.name}`)) continue;
        seen.add(`${o.kind}/${o.name}`);
        const ns = plan.namespace ?? namespace;
        const other = this.claim(o.kind, ns, o.name, controller);
        if (other === undefined) continue;
        this.findings.push({
          rule: 'ownership', object: `${o.kind} ${ns ? `${ns}/` : ''}${o.name}`, field: '/metadata/name',
          message: `${controller.where} creates this object at runtime, and ${ownerLabel(other, o.kind, o.name)} ${other.runtime ? 'creates' : 'applies'} it too: rename one of them`,
        });
      }
    }
  }

  /** The findings, after the checks that need every group (Flux dependencies). */
  finish(): ValidationFinding[] {
    const known = new Set([...this.kustomizations.map(k => k.key), ...this.externalKustomizations]);
    for (const k of this.kustomizations) {
      k.dependsOn.forEach((d, i) => {
        if (!known.has(d)) {
          this.findings.push({ rule: 'flux-depends-on', object: k.object, ...(k.file === undefined ? {} : { file: k.file }), field: `/spec/dependsOn/${i}`, message: `depends on the Kustomization ${d}, which is not among the objects applied and not declared external: Flux would wait for it forever` });
        }
      });
    }
    return this.findings;
  }

  /**
   * Records the host and path of each rule of an Ingress: ingress-nginx's
   * admission refuses a second Ingress of the same class for a host and path
   * already taken (a canary Ingress, which shares them on purpose, excepted).
   */
  private claimIngressPaths(ingress: any, owner: string, onConflict: (field: string, message: string) => void) {
    if (ingress.metadata?.annotations?.['nginx.ingress.kubernetes.io/canary'] === 'true') return;
    const object = describeObject(ingress);
    (ingress.spec?.rules ?? []).forEach((rule: any, r: number) => (rule.http?.paths ?? []).forEach((p: any, i: number) => {
      const key = `${ingress.spec?.ingressClassName ?? ''}|${rule.host ?? '*'}|${p.path ?? '/'}`;
      const other = this.ingressRoutes.get(key);
      if (other === undefined) this.ingressRoutes.set(key, { owner, object });
      else if (other.owner !== owner || other.object !== object) {
        const by = other.owner === owner ? other.object : other.owner;
        onConflict(`/spec/rules/${r}/http/paths/${i}`, `${by} routes the same host "${rule.host ?? '*'}" and path "${p.path ?? '/'}" (IngressClass ${ingress.spec?.ingressClassName ?? 'default'}): ingress-nginx refuses the second Ingress; give one another host or path`);
      }
    }));
  }

  /**
   * Records `owner` for an object (the same kind in any API version is the
   * same object); returns the owner it already had, if any.
   */
  private claim(kind: string, namespace: string | undefined, name: string, owner: Owner): Owner | undefined {
    const key = `${kind}/${namespace ?? ''}/${name}`;
    const known = this.owners.get(key);
    if (known === undefined) {
      this.owners.set(key, owner);
      return undefined;
    }
    const others = Array.isArray(known) ? known : [known];
    const other = others.find(o => o.engine === undefined || owner.engine === undefined || o.engine === owner.engine);
    if (other === undefined) this.owners.set(key, [...others, owner]);
    return other;
  }
}
