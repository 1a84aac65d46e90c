/**
 * What changed in one Kubernetes object between two outputs, by aspect: the
 * images, the config, the rest of the pod template, replicas, analysis,
 * routing, the selector, other settings. Internal.
 */

import { REVISION_ANNOTATION } from '../core/delivery-hints';

/** The aspects of an object change, in the order a reviewer reads them. */
export type AspectKind = 'image' | 'config' | 'pods' | 'replicas' | 'analysis' | 'routing' | 'selector' | 'settings';

/** One aspect of a change, in words. */
export interface Aspect {
  readonly kind: AspectKind;
  readonly text: string;
}

/** One leaf that differs: its path (`spec.template.spec.containers[web].image`) and values. */
export interface LeafChange {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** A revision as the promotion gate's rules quote it. */
const REVISION_VALUE = new RegExp(`\\['${REVISION_ANNOTATION}'\\] == '[0-9a-f]+'`, 'g');

/** Kinds whose `spec.template` is a pod template. */
export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Rollout'];
/** Kinds that route requests. */
const ROUTING_KINDS = ['HTTPRoute', 'GRPCRoute', 'Ingress', 'Service', 'Gateway', 'VirtualService', 'TrafficSplit'];
/** Kinds that describe an analysis. */
const ANALYSIS_KINDS = ['AnalysisTemplate', 'ClusterAnalysisTemplate', 'MetricTemplate'];
/** Leaves listed per aspect before the rest are counted. */
const MAX_LEAVES = 3;

/** The differing leaves of two JSON values (arrays of named items are matched by name). */
export function leafChanges(before: unknown, after: unknown, at = ''): LeafChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap(k => leafChanges(before[k], after[k], at ? `${at}.${k}` : k));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    if (named(before) && named(after)) {
      const names = [...new Set([...before, ...after].map(i => i.name as string))];
      return names.flatMap(n => leafChanges(before.find(i => i.name === n), after.find(i => i.name === n), `${at}[${n}]`));
    }
    const n = Math.max(before.length, after.length);
    return Array.from({ length: n }, (_, i) => leafChanges(before[i], after[i], `${at}[${i}]`)).flat();
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path: at, before, after }];
}

/** The aspects of the change of one object from `before` to `after` (leaves that only follow the release's revision left out). */
export function aspectsOf(before: any, after: any): Aspect[] {
  const kind = String(after?.kind ?? before?.kind);
  const leaves = leafChanges(before, after).filter(l => !followsRevision(l));
  const groups = new Map<AspectKind, LeafChange[]>();
  for (const leaf of leaves) {
    const aspect = aspectOfLeaf(kind, leaf.path);
    groups.set(aspect, [...groups.get(aspect) ?? [], leaf]);
  }
  const order: AspectKind[] = ['image', 'config', 'pods', 'replicas', 'analysis', 'routing', 'selector', 'settings'];
  return order.filter(a => groups.has(a)).map(a => ({ kind: a, text: describe(a, groups.get(a)!) }));
}

/** Whether a change of these aspects replaces the pods of a workload. */
export function replacesPods(aspects: Aspect[]): boolean {
  return aspects.some(a => a.kind === 'image' || a.kind === 'config' || a.kind === 'pods');
}

/** The images of a workload's pod template, by container name. */
export function imagesOf(obj: any): Map<string, string> {
  const spec = obj?.spec?.template?.spec;
  const containers = [...spec?.initContainers ?? [], ...spec?.containers ?? []];
  return new Map(containers.map((c: any) => [String(c.name), String(c.image)]));
}

/**
 * Whether a leaf changes only because the release's revision did: the
 * revision annotation (a hash of the rest of the pod template) and the
 * promotion gate's health rule that names it.
 */
function followsRevision(leaf: LeafChange): boolean {
  if (leaf.path.endsWith(`.annotations.${REVISION_ANNOTATION}`)) return true;
  const revisionFree = (v: unknown) => (typeof v === 'string' ? v.replace(REVISION_VALUE, '\'\'') : v);
  return typeof leaf.before === 'string' && typeof leaf.after === 'string' && revisionFree(leaf.before) === revisionFree(leaf.after);
}

/** Which aspect a differing leaf belongs to. */
function aspectOfLeaf(kind: string, leaf: string): AspectKind {
  if (WORKLOAD_KINDS.includes(kind)) {
    if (/^spec\.template\.spec\.(initContainers|containers)\[[^\]]+\]\.image$/.test(leaf)) return 'image';
    if (/^spec\.template\.metadata\.annotations\.checksum\//.test(leaf)) return 'config';
    if (/^(spec\.template\.)?metadata\.labels\.app\.kubernetes\.io\/version$/.test(leaf)) return 'image';
    if (leaf.startsWith('spec.template.')) return 'pods';
    if (leaf === 'spec.replicas') return 'replicas';
    if (leaf.startsWith('spec.selector')) return 'selector';
    if (kind === 'Rollout' && leaf.startsWith('spec.strategy.')) return /\.(activeService|previewService|canaryService|stableService|trafficRouting)\b/.test(leaf) ? 'routing' : 'analysis';
    return 'settings';
  }
  if (kind === 'HorizontalPodAutoscaler' && /^spec\.(minReplicas|maxReplicas)$/.test(leaf)) return 'replicas';
  if (kind === 'Canary') return leaf.startsWith('spec.analysis') ? 'analysis' : leaf.startsWith('spec.service') ? 'routing' : 'settings';
  if (ANALYSIS_KINDS.includes(kind) && leaf.startsWith('spec')) return 'analysis';
  if ((kind === 'ConfigMap' || kind === 'Secret') && /^(data|binaryData|stringData)\./.test(leaf)) return 'config';
  if (ROUTING_KINDS.includes(kind) && (leaf.startsWith('spec') || leaf.startsWith('metadata.annotations.nginx.ingress.kubernetes.io/'))) return 'routing';
  return 'settings';
}

/** An aspect in words: the leaves that matter, with their values. */
function describe(aspect: AspectKind, leaves: LeafChange[]): string {
  if (aspect === 'image') {
    const images = leaves.filter(l => l.path.endsWith('.image'));
    if (images.length) return images.map(l => `image \`${containerOf(l.path)}\`: ${imageChange(l.before, l.after)}`).join('; ');
    return `version label: ${show(leaves[0].before)} → ${show(leaves[0].after)}`;
  }
  if (aspect === 'config' && leaves.every(l => l.path.includes('checksum/'))) return 'config checksum changed (the config files the pods mount changed)';
  if (aspect === 'config') return `config: ${keysOf(leaves)}`;
  const lines = changeLines(leaves);
  const shown = lines.slice(0, MAX_LEAVES);
  const more = lines.length > MAX_LEAVES ? ` (and ${lines.length - MAX_LEAVES} more)` : '';
  const label = { pods: 'pod template', replicas: 'replicas', analysis: 'analysis', routing: 'routing', selector: 'selector', settings: 'settings' }[aspect];
  return `${label}: ${shown.join('; ')}${more}`;
}

/** An image change, the repository said once when only the tag or digest changes: `ghcr.io/x/web: 1.0 → 1.1`. */
function imageChange(before: unknown, after: unknown): string {
  const split = (image: unknown) => /^(.*?)(@[^@]+|:[^:@/]+)$/.exec(String(image));
  const b = split(before);
  const a = split(after);
  if (typeof before === 'string' && typeof after === 'string' && a && b && a[1] === b[1]) return `${a[1]} ${b[2].slice(1)} → ${a[2].slice(1)}`;
  return `${show(before)} → ${show(after)}`;
}

/**
 * Leaves in words: `path: before → after`, and items of a named list that
 * come or go as `list: −old +new` (e.g. the backends of a route).
 */
function changeLines(leaves: LeafChange[]): string[] {
  const lines: string[] = [];
  const lists = new Map<string, string[]>();
  for (const l of leaves) {
    const item = /^(.*)\[([^\]]+)\]$/.exec(l.path);
    if (item && (l.before === undefined || l.after === undefined)) {
      const parent = short(item[1]);
      if (!lists.has(parent)) {
        lists.set(parent, []);
        lines.push(parent);
      }
      lists.get(parent)!.push(`${l.before === undefined ? '+' : '−'}${item[2]}`);
    } else {
      lines.push(`${short(l.path)}: ${show(l.before)} → ${show(l.after)}`);
    }
  }
  return lines.map(line => (lists.has(line) ? `${line}: ${lists.get(line)!.join(' ')}` : line));
}

/** The container of an image leaf, e.g. `web` in `spec.template.spec.containers[web].image`. */
function containerOf(leaf: string): string {
  return /\[([^\]]+)\]\.image$/.exec(leaf)?.[1] ?? leaf;
}

/** The data keys of config leaves, e.g. "data.application.yaml changed". */
function keysOf(leaves: LeafChange[]): string {
  return leaves.map(l => `${l.path} ${l.before === undefined ? 'added' : l.after === undefined ? 'removed' : 'changed'}`).join(', ');
}

/** A leaf path without the parts every workload shares. */
function short(leaf: string): string {
  return leaf.replace(/^spec\.template\.spec\./, '').replace(/^spec\.template\./, '').replace(/^spec\./, '');
}

/** A value for a one-line summary: scalars as they are, the rest as short JSON; absent as "–". */
export function show(value: unknown): string {
  if (value === undefined) return '–';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function named(items: unknown[]): items is Array<{ name: string }> {
  const names = items.map(i => (isObject(i) && typeof i.name === 'string' ? i.name : undefined));
  return names.every(n => n !== undefined) && new Set(names).size === names.length;
}
