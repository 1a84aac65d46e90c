/**
 * Arbitraries of whole layouts: `GitOpsLayout` props (outputs, Flux source
 * and namespace, repository path), environments (clusters, namespaces and
 * their options, `after`, `dependsOn`, Flux timings) and app folders, each
 * holding one generated app.
 */
import * as fc from 'fast-check';
import {
  AddAppOptions, ArgoCdDestination, DeliveryEnvironmentProps, GitOpsLayout, GitOpsLayoutProps, GitOpsOutput, NamespaceOptions, PodSecurityLevel,
} from '../../../lib';
import { AppScenario } from './strategy-apps';
import { dnsName, duration, labels, list, oneOf, pick, props, url, usually } from './values';

/** One app folder: its name, its options and the app defined in its chart. */
export interface FolderScenario {
  readonly name: string;
  readonly options: AddAppOptions;
  readonly app: AppScenario;
}

/** One environment; `after` holds indexes of earlier environments. */
export interface EnvironmentScenario {
  readonly name: string;
  readonly props: Omit<DeliveryEnvironmentProps, 'after'> & { after?: number[] };
  readonly folders: FolderScenario[];
}

/** A whole layout. */
export interface LayoutScenario {
  readonly layout: GitOpsLayoutProps;
  readonly environments: EnvironmentScenario[];
}

/** A namespace's Pod Security Standards level: mostly the default. */
const podSecurity = () => fc.constantFrom(PodSecurityLevel.RESTRICTED, PodSecurityLevel.BASELINE, PodSecurityLevel.PRIVILEGED, undefined, undefined, undefined);

export const namespaceOptions = (): fc.Arbitrary<NamespaceOptions> => props<NamespaceOptions>({
  create: fc.boolean(),
  labels: fc.oneof(labels(), fc.constant({ 'istio-injection': 'enabled' })),
  annotations: labels(),
  podSecurity: podSecurity().filter(l => l !== undefined) as fc.Arbitrary<PodSecurityLevel>,
}, 0.3);

const kustomizationName = () => dnsName('flagger', 'infra', 'staging-web');

const folder = (app: fc.Arbitrary<AppScenario>): fc.Arbitrary<FolderScenario> => fc.record({
  name: dnsName('web', 'api', 'shop'),
  options: props<AddAppOptions>({
    namespace: dnsName('shop', 'web', 'kube-system', 'default', 'flux-system'),
    dependsOn: list(kustomizationName(), 2),
    timeout: duration(),
    namespaceOptions: namespaceOptions(),
  }, 0.15),
  app,
});

const environment = (app: fc.Arbitrary<AppScenario>, maxFolders: number): fc.Arbitrary<EnvironmentScenario> => fc.record({
  name: dnsName('staging', 'production', 'dev'),
  props: props({
    cluster: dnsName('platform', 'edge'),
    namespace: dnsName('shop', 'staging'),
    namespaceOptions: namespaceOptions(),
    after: list(fc.nat(3), 2),
    dependsOn: list(kustomizationName(), 2),
    interval: duration(),
    retryInterval: duration(),
    timeout: duration(),
    wait: fc.boolean(),
  }, 0.15),
  folders: usually(fc.uniqueArray(folder(app), { minLength: 1, maxLength: maxFolders, selector: f => f.name }), fc.array(folder(app), { minLength: 1, maxLength: maxFolders }), 3),
});

const outputs = (): fc.Arbitrary<GitOpsOutput[]> => {
  const argoCd = props({
    targetRevision: pick(['main', 'HEAD', 'v1.0.0'], ['']),
    environmentRevisions: fc.dictionary(dnsName('staging', 'production'), oneOf('main', 'release'), { maxKeys: 2 }),
    allowUngatedEnvironments: fc.boolean(),
    namespace: dnsName('argocd'),
    destination: fc.constantFrom(ArgoCdDestination.IN_CLUSTER, ArgoCdDestination.CLUSTER_NAME),
    clusters: list(dnsName('platform', 'edge'), 2),
    gateImage: pick(['ghcr.io/acme/gate:1.0.0'], ['gate']),
  }, 0.2).chain(o => pick(['https://github.com/example-org/platform.git', 'git@github.com:example-org/platform.git'], ['github.com/x', 'ftp://x']).map(repoUrl => GitOpsOutput.argoCd({ repoUrl, ...o })));
  return fc.oneof(
    { weight: 20, arbitrary: fc.constant<GitOpsOutput[]>([GitOpsOutput.flux()]) },
    { weight: 5, arbitrary: argoCd.map(a => [a]) },
    { weight: 10, arbitrary: argoCd.map(a => [GitOpsOutput.flux(), a]) },
    { weight: 1, arbitrary: fc.constantFrom<GitOpsOutput[]>([], [GitOpsOutput.flux(), GitOpsOutput.flux()]) },
  );
};

const layoutProps = (): fc.Arbitrary<GitOpsLayoutProps> => fc.tuple(
  props({
    repositoryPath: pick(['./dist', './deploy/dist', 'dist/'], ['/abs', '../up', '.']),
    fluxNamespace: dnsName('flux-system', 'flux'),
    source: fc.tuple(pick(['platform', 'apps'], ['flux-system']), url(), props({ branch: pick(['main'], ['']), tag: oneOf('v1.0.0'), interval: duration(), timeout: duration(), secretName: dnsName('git-auth'), suspend: fc.boolean() }, 0.2))
      .map(([name, u, o]) => ({ name, url: u, ...o })),
  }, 0.1),
  fc.option(outputs(), { nil: undefined, freq: 2 }),
).map(([p, o]) => (o === undefined ? p : { ...p, outputs: o }));

/** A layout of up to `maxEnvironments` environments of up to `maxFolders` folders each. */
export const layoutScenario = (app: fc.Arbitrary<AppScenario>, maxEnvironments = 1, maxFolders = 1): fc.Arbitrary<LayoutScenario> => fc.record({
  layout: maxEnvironments > 1 ? layoutProps() : fc.constant({}),
  environments: usually(fc.uniqueArray(environment(app, maxFolders), { minLength: 1, maxLength: maxEnvironments, selector: e => e.name }), fc.array(environment(app, maxFolders), { minLength: 1, maxLength: maxEnvironments }), 3),
});

/** Defines the layout of a scenario (throws as the constructs do). */
export function buildLayout(s: LayoutScenario, outdir: string): GitOpsLayout {
  const layout = new GitOpsLayout({ ...s.layout, outdir });
  for (const e of s.environments) {
    const after = (e.props.after ?? []).map(i => layout.allEnvironments[i]).filter(x => x !== undefined);
    const env = layout.addEnvironment(e.name, { ...e.props, after });
    for (const f of e.folders) f.app.make(env.addApp(f.name, f.options));
  }
  return layout;
}

/** The Pod Security Standards level of each app folder's namespace, as the layout resolves it. */
export function folderLevels(s: LayoutScenario): Map<string, PodSecurityLevel> {
  const levels = new Map<string, PodSecurityLevel>();
  for (const e of s.environments) {
    for (const f of e.folders) {
      levels.set(`${e.name}/${f.name}`, f.options.namespaceOptions?.podSecurity ?? e.props.namespaceOptions?.podSecurity ?? PodSecurityLevel.RESTRICTED);
    }
  }
  return levels;
}

/** The Flux Kustomizations a scenario depends on that it does not define, as `<namespace>/<name>`. */
export function externalKustomizations(s: LayoutScenario, fluxNamespace: string): string[] {
  return s.environments.flatMap(e => [...e.props.dependsOn ?? [], ...e.folders.flatMap(f => f.options.dependsOn ?? [])]).map(d => `${fluxNamespace}/${d}`);
}
