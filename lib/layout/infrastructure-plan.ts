/**
 * What each cluster's infrastructure is, from what its apps need: a pass
 * over the app folders before any is rendered (the app Kustomizations depend
 * on the infrastructure's). Internal.
 */
import { AppFolder } from '../gitops/app-folder';
import { chartDeliveryInfo } from '../gitops/app-unit';
import { DeliveryEnvironment } from '../gitops/delivery-environment';
import { addNeeds, ClusterInfrastructure, clusterInfrastructure, ClusterUse } from '../gitops/flux/infrastructure';
import { InfrastructureProps } from '../gitops/flux/infrastructure-props';
import { OutputContext } from './gitops-output';

/** The infrastructure of each cluster, and the delivery info read to plan it. */
export interface InfrastructurePlan {
  readonly byCluster: Map<string, ClusterInfrastructure>;
  /** The plans and hints of `folder` read by the pass (once: the next call computes them again). */
  takeInfo(folder: AppFolder): ReturnType<typeof chartDeliveryInfo> | undefined;
}

/** Plans the infrastructure of every cluster of `environments`. */
export function planInfrastructure(environments: DeliveryEnvironment[], props: InfrastructureProps = {}, flux: OutputContext): InfrastructurePlan {
  const infos = new Map<AppFolder, ReturnType<typeof chartDeliveryInfo>>();
  const uses = new Map<string, ClusterUse>();
  for (const env of environments) {
    const use = uses.get(env.cluster) ?? { flagger: false, gatewayApi: false, flaggerProviders: new Set<string>() };
    uses.set(env.cluster, use);
    for (const folder of env._folders) {
      const info = chartDeliveryInfo(folder.chart);
      infos.set(folder, info);
      addNeeds(use, info.hints.needs);
    }
  }
  const source = flux.source?.name ?? 'flux-system';
  const byCluster = new Map([...uses].map(([cluster, use]) => [cluster, clusterInfrastructure(cluster, use, props, { namespace: flux.fluxNamespace, source, repositoryPath: flux.repositoryPath })]));
  return {
    byCluster,
    takeInfo: folder => {
      const info = infos.get(folder);
      infos.delete(folder);
      return info;
    },
  };
}
