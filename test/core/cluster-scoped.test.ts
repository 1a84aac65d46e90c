import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { CLUSTER_SCOPED_KINDS, CLUSTER_SCOPED_RESOURCES, isNamespacedKind } from '../../lib/core/cluster-scoped';
import { SCHEMA_DIR } from '../../lib/validation/schemas';

const crds = fs.readdirSync(path.join(SCHEMA_DIR, 'crds')).flatMap(f => parseAllDocuments(fs.readFileSync(path.join(SCHEMA_DIR, 'crds', f), 'utf8')).map(d => d.toJS()))
  .filter(d => d?.kind === 'CustomResourceDefinition');
const definitions = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, 'kubernetes', 'v1.28.0-definitions.json'), 'utf8')).definitions as Record<string, any>;
const kubernetesKinds = new Set(Object.values(definitions).flatMap(d => (d['x-kubernetes-group-version-kind'] ?? []).map((g: any) => g.kind)));

test('every cluster-scoped custom resource we emit is known, with its resource name', () => {
  const cluster = crds.filter(c => c.spec.scope === 'Cluster').map(c => [c.spec.names.kind, c.spec.names.plural]);
  expect(cluster.length).toBeGreaterThan(0);
  for (const [kind, plural] of cluster) expect(CLUSTER_SCOPED_KINDS[kind]).toBe(plural);
  for (const c of crds.filter(d => d.spec.scope === 'Namespaced')) expect(isNamespacedKind(c.spec.names.kind)).toBe(true);
});

test('the Kubernetes kinds listed are kinds of Kubernetes 1.28, with plural lowercase resources', () => {
  const custom = new Set([...crds.map(c => c.spec.names.kind), 'GatewayClass', 'ClusterIssuer']);
  for (const [kind, resource] of Object.entries(CLUSTER_SCOPED_KINDS)) {
    expect(custom.has(kind) || kubernetesKinds.has(kind)).toBe(true);
    expect(resource).toMatch(/^[a-z]+s$/);
  }
  expect(CLUSTER_SCOPED_RESOURCES.size).toBe(Object.keys(CLUSTER_SCOPED_KINDS).length);
});

test('namespaced kinds, and kinds it does not know, live in namespaces', () => {
  for (const kind of ['Deployment', 'Role', 'LocalSubjectAccessReview', 'Canary', 'SomeCustomKind']) expect(isNamespacedKind(kind)).toBe(true);
  for (const kind of ['Namespace', 'SelfSubjectReview', 'ClusterTrustBundle', 'ClusterAnalysisTemplate']) expect(isNamespacedKind(kind)).toBe(false);
});
