/**
 * The Job of a `RolloutMetric.job`: one run per measurement, started by the
 * AnalysisRun, passing when the Job succeeds. Its pod passes the Pod Security
 * Standards "restricted" (non-root, every capability dropped, read-only root
 * filesystem with a writable `/tmp`, RuntimeDefault seccomp) and gets no
 * service account token. Internal: not exported from the package.
 */
import { k8s } from 'cdk8s-plus-28';
import { IConstruct } from 'constructs';
import { Check } from '../core/check';
import { checkResources } from '../core/container-checks';
import { ImagePullPolicy } from '../core/container-props';
import { buildContainer } from '../core/containers';
import { propError } from '../core/errors';
import { parseImage } from '../core/image';
import { MANAGED_BY, MANAGED_BY_LABEL, PART_OF_LABEL } from '../core/labels';
import { RolloutMetric } from './rollout-metric';

/** The user and group the Job runs as unless given (`nobody`). */
const DEFAULT_USER = 65534;

/**
 * The labels of an app's analysis Job pods: not the app's selector labels
 * (its Services would send them requests), but what a NetworkPolicy peer can
 * select to let their requests in.
 */
export function analysisJobLabels(appName: string): Record<string, string> {
  return { 'app.kubernetes.io/component': 'analysis', [PART_OF_LABEL]: appName, [MANAGED_BY_LABEL]: MANAGED_BY };
}

/** Checks the Job of a job metric at `at` (e.g. `analysis.metrics[0]`). */
export function checkJobMetric(scope: IConstruct, at: string, metric: RolloutMetric) {
  const job = metric.jobOptions!;
  parseImage(scope, `${at}.image`, job.image);
  if (!Array.isArray(job.command) || job.command.length === 0 || job.command.some(c => typeof c !== 'string' || c === '')) {
    throw propError(scope, `${at}.command`, job.command, 'give the command and its arguments as non-empty strings, e.g. ["hey", "-z", "50s", "http://web-preview/"]');
  }
  Check.int(scope, `${at}.timeoutSeconds`, metric.timeoutSeconds, 1);
  Check.int(scope, `${at}.runAsUser`, job.runAsUser, 1);
  for (const name of Object.keys(job.env ?? {})) Check.envVarName(scope, `${at}.env`, name);
  checkResources(scope, `${at}.`, job.resources);
}

/** The metric's `provider.job`: the Job's labels and spec. */
export function jobProvider(metric: RolloutMetric, appName: string): Record<string, unknown> {
  const job = metric.jobOptions!;
  const user = job.runAsUser ?? DEFAULT_USER;
  const labels = analysisJobLabels(appName);
  const { container, volumes } = buildContainer({
    name: 'check',
    image: job.image,
    imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
    command: [...job.command],
    env: { HOME: '/tmp', ...job.env },
    resources: job.resources,
    ports: [],
    security: {},
    ownIds: false,
    writablePrefix: 'writable',
    mounts: [],
  });
  const spec: k8s.JobSpec = {
    backoffLimit: 0,
    activeDeadlineSeconds: metric.timeoutSeconds,
    template: {
      metadata: { labels },
      spec: {
        restartPolicy: 'Never',
        automountServiceAccountToken: false,
        securityContext: { runAsNonRoot: true, runAsUser: user, runAsGroup: user, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [container],
        volumes,
      },
    },
  };
  return { job: { metadata: { labels }, spec: k8s.toJson_JobSpec(spec) } };
}
