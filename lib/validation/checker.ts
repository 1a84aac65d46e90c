/**
 * The validation of a set of manifests, fed group by group (one app folder
 * at a time), so that a layout of thousands of apps is checked without
 * holding every object: per group the schema, Pod Security Standards and
 * wiring rules, across groups one owner per object (objects a controller
 * creates at runtime included) and Flux `dependsOn` targets. Internal.
 */
import { PodSecurityLevel } from '../core/pod-security-level';
import { ValidationFinding } from './finding';
import { describeObject } from './findings';
import { podSecurityViolations, podSpecOf, podSpecPath } from './pod-security';
import { schemaProblems } from './schemas';
import { wiringFindings } from './wiring';

/** A Flux Kustomization's identity and its dependencies, kept for the final check. */
interface FluxUnit {
  readonly object: string;
  readonly file?: string;
  readonly key: string;
  readonly dependsOn: string[];
}

/** Who applies or creates an object. */
interface Owner {
  readonly owner: string;
  /** A controller creates it at runtime. */
  readonly runtime: boolean;
  /** The GitOps engine whose own objects it is among, if any. */
  readonly engine?: string;
}

/** Checks manifests group by group. */
export class ManifestChecker {
  /** Findings so far. */
  readonly findings: ValidationFinding[] = [];
  private readonly owners = new Map<string, Owner[]>();
  private readonly ingressRoutes = new Map<string, string>();
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
    const add = (f: ValidationFinding, obj: any) => this.findings.push({ ...f, file: fileOf(obj) });
    const byObject = new Map(objects.map(o => [describeObject(o), o]));
    for (const f of wiringFindings(objects)) add(f, byObject.get(f.object));
    for (const obj of objects) {
      const object = describeObject(obj);
      for (const [field, message] of schemaProblems(obj)) add({ rule: 'schema', object, field, message }, obj);
      this.claim(obj.kind, obj.metadata?.namespace, obj.metadata?.name, { owner: fileOf(obj) ?? where, runtime: false, engine }, (other) => add({
        rule: 'ownership', object, field: '/metadata/name',
        message: other.runtime
          ? `${other.owner} creates this object at runtime; applying it from Git too makes the two fight over it: rename it`
          : `${other.owner} applies an object of the same kind, namespace and name: one of them would overwrite the other`,
      }, obj));
      if (obj.kind === 'Ingress') this.claimIngressPaths(obj, fileOf(obj) ?? where, (field, message) => add({ rule: 'ingress', object, field, message }, obj));
      if (obj.kind === 'Kustomization' && String(obj.apiVersion).startsWith('kustomize.toolkit.fluxcd.io/')) {
        const ns = obj.metadata?.namespace ?? '';
        this.kustomizations.push({ object, file: fileOf(obj), key: `${ns}/${obj.metadata?.name}`, dependsOn: (obj.spec?.dependsOn ?? []).map((d: any) => `${d.namespace ?? ns}/${d.name}`) });
      }
      const spec = podSpecOf(obj);
      if (!spec) continue;
      const namespace = obj.metadata?.namespace;
      const level = this.levelOf(namespace);
      const annotations = obj.kind === 'Pod' ? obj.metadata?.annotations : obj.spec?.template?.metadata?.annotations;
      for (const [field, message] of podSecurityViolations(spec, level, annotations ?? {})) {
        add({
          rule: 'pod-security', object, field: field.startsWith('/metadata') ? field : `${podSpecPath(obj)}${field}`,
          message: `${message}; the namespace ${namespace ?? '(default)'} enforces Pod Security Standards "${level}": drop the opt-out, or set the namespace's podSecurity`,
        }, obj);
      }
    }
  }

  /**
   * Records that `owner` (e.g. "Flagger, for Canary web in staging/web")
   * creates an object at runtime; an object of the same identity applied
   * from Git is a finding.
   */
  addRuntimeObject(kind: string, namespace: string | undefined, name: string, owner: string): void {
    this.claim(kind, namespace, name, { owner, runtime: true }, (other) => this.findings.push({
      rule: 'ownership', object: `${kind} ${namespace ? `${namespace}/` : ''}${name}`, field: '/metadata/name',
      message: `${owner} creates this object at runtime, and ${other.owner} ${other.runtime ? 'creates' : 'applies'} it too: rename one of them`,
    }));
  }

  /** The findings, after the checks that need every group (Flux dependencies). */
  finish(): ValidationFinding[] {
    const known = new Set([...this.kustomizations.map(k => k.key), ...this.externalKustomizations]);
    for (const k of this.kustomizations) {
      k.dependsOn.forEach((d, i) => {
        if (!known.has(d)) {
          this.findings.push({ rule: 'flux-depends-on', object: k.object, file: k.file, field: `/spec/dependsOn/${i}`, message: `depends on the Kustomization ${d}, which is not among the objects applied and not declared external: Flux would wait for it forever` });
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
    (ingress.spec?.rules ?? []).forEach((rule: any, r: number) => (rule.http?.paths ?? []).forEach((p: any, i: number) => {
      const key = `${ingress.spec?.ingressClassName ?? ''}|${rule.host ?? '*'}|${p.path ?? '/'}`;
      const other = this.ingressRoutes.get(key);
      if (other !== undefined && other !== owner) onConflict(`/spec/rules/${r}/http/paths/${i}`, `${other} routes the same host "${rule.host ?? '*'}" and path "${p.path ?? '/'}" (IngressClass ${ingress.spec?.ingressClassName ?? 'default'}): ingress-nginx refuses the second Ingress; give one another host or path`);
      else this.ingressRoutes.set(key, owner);
    }));
  }

  /** Records `owner` for an object (the same kind in any API version is the same object). */
  private claim(kind: string, namespace: string | undefined, name: string, owner: Owner, onConflict: (other: Owner) => void) {
    const key = `${kind}/${namespace ?? ''}/${name}`;
    const others = this.owners.get(key);
    const other = others?.find(o => o.engine === undefined || owner.engine === undefined || o.engine === owner.engine);
    if (other !== undefined) onConflict(other);
    else if (others) others.push(owner);
    else this.owners.set(key, [owner]);
  }
}
