import { Construct } from 'constructs';
import { propError } from '../core/errors';
import { ClusterOutput } from '../gitops/cluster-output';
import { DeliveryEnvironment } from '../gitops/delivery-environment';
import { ArgoCdOutputProps } from '../gitops/argocd/argocd-output-props';
import { ArgoCdClusterOutput } from '../gitops/argocd/argocd-output';
import { ArgoCdSettings, checkArgoCdProps } from '../gitops/argocd/argocd-settings';
import { FluxClusterOutput } from '../gitops/flux/flux-output';
import { FluxGitRepositoryProps } from '../gitops/flux/git-repository';
import { ClusterInfrastructure } from '../gitops/flux/infrastructure';

/** The GitOps tools a layout can write for. */
export enum GitOpsEngine {
  /** Flux: Kustomizations in `clusters/<cluster>/`. */
  FLUX = 'flux',
  /** Argo CD: Applications and AppProjects in `argocd/<cluster>/`. */
  ARGO_CD = 'argocd',
}

/**
 * A GitOps output of a `GitOpsLayout`: the objects a GitOps tool needs to
 * deploy the app folders. Several outputs deploy the same app folders from
 * control folders of their own, e.g. while a team moves from Flux to Argo CD.
 */
export class GitOpsOutput {
  /**
   * Flux: `clusters/<cluster>/` with the Namespaces and a Kustomization per
   * app folder (configured by the layout's `source` and `fluxNamespace`),
   * and the cluster's infrastructure (the layout's `infrastructure`).
   */
  public static flux(): GitOpsOutput {
    return new GitOpsOutput(GitOpsEngine.FLUX);
  }

  /**
   * Argo CD: `argocd/<cluster>/` with a root Application (app of apps), an
   * AppProject per environment, an Application per app folder and the
   * cluster's Namespaces.
   */
  public static argoCd(props: ArgoCdOutputProps): GitOpsOutput {
    return new GitOpsOutput(GitOpsEngine.ARGO_CD, props);
  }

  /** The tool. */
  public readonly engine: GitOpsEngine;
  /** @internal */
  public readonly _argoCd?: ArgoCdOutputProps;

  private constructor(engine: GitOpsEngine, argoCd?: ArgoCdOutputProps) {
    this.engine = engine;
    this._argoCd = argoCd;
  }
}

/** What the outputs of a layout need from it. Internal. */
export interface OutputContext {
  readonly fluxNamespace: string;
  readonly source?: FluxGitRepositoryProps;
  readonly repositoryPath: string;
}

/** Checks the outputs of a layout (prop `outputs`): at least one, each tool once, valid props. */
export function checkOutputs(scope: Construct, outputs: GitOpsOutput[]): void {
  if (outputs.length === 0) throw propError(scope, 'outputs', outputs, 'at least one output, e.g. [GitOpsOutput.flux()]; leave it out for Flux only');
  outputs.forEach((output, i) => {
    if (!(output instanceof GitOpsOutput)) throw propError(scope, `outputs[${i}]`, output, 'GitOpsOutput.flux() or GitOpsOutput.argoCd({...})');
    if (outputs.findIndex(o => o.engine === output.engine) !== i) throw propError(scope, `outputs[${i}]`, output.engine, 'each tool once: its control folder is per cluster');
    if (output._argoCd) checkArgoCdProps(scope, `outputs[${i}]`, output._argoCd);
  });
}

/**
 * The writers of one render: `forCluster` gives each cluster its writer of
 * every output that deploys it. Internal.
 */
export class OutputWriters {
  private readonly argoCd: Array<ArgoCdSettings | undefined>;

  constructor(scope: Construct, private readonly outputs: GitOpsOutput[], private readonly context: OutputContext, environments: DeliveryEnvironment[]) {
    this.argoCd = outputs.map((o, i) => (o._argoCd ? new ArgoCdSettings(scope.node.path, `outputs[${i}]`, o._argoCd) : undefined));
    const alone = !outputs.some(o => o.engine === GitOpsEngine.FLUX);
    this.argoCd.forEach(settings => settings?.checkEnvironments(environments, alone));
  }

  /** The writers of `cluster`, in the order of the outputs; Flux installs `infrastructure` too. */
  forCluster(cluster: string, infrastructure?: ClusterInfrastructure): ClusterOutput[] {
    return this.outputs.flatMap((_output, i): ClusterOutput[] => {
      const argoCd = this.argoCd[i];
      if (!argoCd) return [new FluxClusterOutput(cluster, this.context.fluxNamespace, this.context.source, infrastructure)];
      return argoCd.deploys(cluster) ? [new ArgoCdClusterOutput(cluster, argoCd, this.context.repositoryPath)] : [];
    });
  }
}
