/**
 * Where the Applications of a cluster deploy to, as Argo CD names it.
 */
export enum ArgoCdDestination {
  /**
   * Every cluster runs its own Argo CD: Applications deploy to
   * `https://kubernetes.default.svc`, the cluster Argo CD runs in.
   */
  IN_CLUSTER = 'in-cluster',
  /**
   * One Argo CD deploys to every cluster: Applications name their cluster,
   * registered in Argo CD under the layout's cluster name
   * (`argocd cluster add <context> --name <cluster>`).
   */
  CLUSTER_NAME = 'cluster-name',
}

/**
 * Props of the Argo CD output of a `GitOpsLayout`.
 */
export interface ArgoCdOutputProps {
  /**
   * The Git repository Argo CD reads the output from, as Argo CD knows it:
   * `https://...`, `ssh://...` or `git@host:org/repo.git`.
   */
  readonly repoUrl: string;
  /**
   * The branch, tag or commit every Application follows.
   *
   * @default "HEAD" (the default branch)
   */
  readonly targetRevision?: string;
  /**
   * A branch, tag or commit per environment, overriding `targetRevision`
   * for the Applications of that environment's apps, e.g.
   * `{ production: 'release' }`: production then follows what your
   * pipeline pushes to `release` once staging is healthy.
   *
   * @default - every environment follows `targetRevision`
   */
  readonly environmentRevisions?: Record<string, string>;
  /**
   * Accept an environment that comes `after` another and follows the same
   * revision. Argo CD then syncs both on every commit at once: sync waves
   * order only what the root applies (new Applications, changed specs), not
   * new commits of their folders. Without the Flux output, such a layout is
   * refused unless this is set: give the later environment a revision of
   * its own in `environmentRevisions` instead.
   *
   * @default false
   */
  readonly allowUngatedEnvironments?: boolean;
  /**
   * The namespace Argo CD runs in, where Applications and AppProjects live.
   *
   * @default "argocd"
   */
  readonly namespace?: string;
  /**
   * How Applications address their cluster.
   *
   * @default ArgoCdDestination.IN_CLUSTER
   */
  readonly destination?: ArgoCdDestination;
  /**
   * The clusters Argo CD deploys (the others get no Argo CD folder), e.g.
   * while a migration moves one cluster at a time.
   *
   * @default - every cluster of the layout
   */
  readonly clusters?: string[];
  /**
   * The image of the promotion gate Jobs (any image with `kubectl` 1.31 or
   * later as `kubectl` on its PATH; no shell needed).
   *
   * @default "registry.k8s.io/kubectl:v1.31.5"
   */
  readonly gateImage?: string;
}
