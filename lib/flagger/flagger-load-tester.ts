import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AppModel } from '../core/app-model';
import { AppVersionProps } from '../core/app-props';
import { defineIdentity } from '../core/app-support';
import { Check, INT32_MAX } from '../core/check';
import { DeliveryHints } from '../core/delivery-hints';
import { ResourcesProps } from '../core/container-props';
import { propError } from '../core/errors';
import { AppServiceAccountProps } from '../core/identity-props';
import { Probe } from '../core/probe';
import { SchedulingProps } from '../core/scheduling-props';
import { LoadTester } from './load-tester';
import { LOADTESTER_DURATION } from './load-tester-pods';
import { acceptNullPrototypes } from '../core/plain-objects';

/** The flagger-loadtester image used by default. */
const DEFAULT_IMAGE = 'ghcr.io/fluxcd/flagger-loadtester:0.34.0';

/**
 * Props of a `FlaggerLoadTester`.
 */
export interface FlaggerLoadTesterProps {
  /**
   * The Deployment and Service name.
   *
   * @default "flagger-loadtester"
   */
  readonly name?: string;
  /**
   * The namespace, which the loadtester's URL names (Flagger calls it from
   * its own namespace). Required when the chart has none.
   *
   * @default - the chart's namespace
   */
  readonly namespace?: string;
  /**
   * The loadtester image, pinned.
   *
   * @default "ghcr.io/fluxcd/flagger-loadtester:0.34.0"
   */
  readonly image?: string;
  /**
   * Replicas.
   *
   * @default 1
   */
  readonly replicas?: number;
  /**
   * How long a command may run before it is killed (loadtester `-timeout`).
   *
   * @default "1h"
   */
  readonly commandTimeout?: string;
  /**
   * Only Canaries in namespaces matching this regular expression may call it.
   *
   * @default - every namespace
   */
  readonly namespaceRegexp?: string;
  /**
   * Resource requests and limits.
   *
   * @default - 10m CPU and 64Mi memory requested, 512Mi memory limit
   */
  readonly resources?: ResourcesProps;
  /**
   * The numeric user the container runs as (the image's user is not numeric).
   *
   * @default 10001
   */
  readonly runAsUser?: number;
  /**
   * Where its pods run: node selector, tolerations, affinity, priority class.
   *
   * @default - any node, spread over hostnames
   */
  readonly scheduling?: SchedulingProps;
  /**
   * A ServiceAccount of its own (e.g. annotated for cloud workload identity, when tests call cloud APIs).
   *
   * @default - the namespace's default service account
   */
  readonly serviceAccount?: AppServiceAccountProps;
}

/**
 * Flagger's load tester (Deployment + Service, port 80 to container port
 * 8080) for `hey` load tests, bash tests and manual gates. Use its `tester`
 * to define the webhooks. A helper beside the apps, not an app: it has no
 * rollout plan of its own.
 */
export class FlaggerLoadTester extends Construct {
  /** The Deployment. */
  public readonly deployment: k8s.KubeDeployment;
  /** The Service (port 80). */
  public readonly service: k8s.KubeService;
  /** The PodDisruptionBudget, when 2 or more replicas run. */
  public readonly disruptionBudget?: k8s.KubePodDisruptionBudget;
  /** Webhook helpers pointing at this loadtester. */
  public readonly tester: LoadTester;

  /**
   * One loadtester serves every app of its namespace: a layout applies it
   * once, from the first app folder that defines it.
   *
   * @internal
   */
  public _deliveryHints(): DeliveryHints {
    return { healthRules: [], driftIgnores: [], sharedPerNamespace: true };
  }
  /** Its ServiceAccount, when `serviceAccount` is given without `existing`. */
  public readonly serviceAccount?: k8s.KubeServiceAccount;
  /** Its Role, when `serviceAccount.rules` are given. */
  public readonly role?: k8s.KubeRole;
  /** The RoleBinding of its Role, when `serviceAccount.rules` are given. */
  public readonly roleBinding?: k8s.KubeRoleBinding;

  public constructor(scope: Construct, id: string, props: FlaggerLoadTesterProps = {}) {
    super(scope, id);
    acceptNullPrototypes(this);
    const name = props.name ?? 'flagger-loadtester';
    const runAsUser = props.runAsUser ?? 10001;
    // checked before the model sees it as security.runAsUser: the prop here is runAsUser
    Check.int(this, 'runAsUser', props.runAsUser, 1, INT32_MAX);
    const model = new AppModel(this, {
      name,
      namespace: props.namespace,
      port: 8080,
      portName: 'http',
      servicePort: 80,
      readiness: Probe.http('/healthz', { periodSeconds: 10, timeoutSeconds: 5 }),
      liveness: Probe.http('/healthz', { periodSeconds: 20, timeoutSeconds: 5 }),
      resources: props.resources ?? { cpuRequest: '10m', memoryRequest: '64Mi', memoryLimit: '512Mi' },
      security: { runAsUser, runAsGroup: runAsUser },
      scheduling: props.scheduling,
      serviceAccount: props.serviceAccount,
    });
    const commandTimeout = props.commandTimeout ?? '1h';
    if (!LOADTESTER_DURATION.test(commandTimeout)) throw propError(this, 'commandTimeout', commandTimeout, 'must be a whole number of seconds, minutes or hours such as "1h"');
    if (props.namespaceRegexp !== undefined) {
      try {
        new RegExp(props.namespaceRegexp);
      } catch {
        throw propError(this, 'namespaceRegexp', props.namespaceRegexp, 'must be a valid regular expression');
      }
    }
    const version: AppVersionProps = {
      image: props.image ?? DEFAULT_IMAGE,
      replicas: props.replicas ?? 1,
      args: ['-port=8080', '-log-level=info', `-timeout=${commandTimeout}`, ...(props.namespaceRegexp !== undefined ? [`-namespace-regexp=${props.namespaceRegexp}`] : [])],
      env: { HOME: '/tmp' },
    };
    model.validateVersion('', version);
    this.deployment = model.deployment('Deployment', { name, version, versionProp: '', replicas: version.replicas });
    this.service = model.service('Service', name, model.selectorLabels);
    this.disruptionBudget = model.pdb('DisruptionBudget', name, model.selectorLabels, version.replicas!);
    const identity = defineIdentity(model);
    this.serviceAccount = identity.serviceAccount;
    this.role = identity.role;
    this.roleBinding = identity.roleBinding;
    const namespace = model.effectiveNamespace;
    if (namespace === undefined) {
      throw propError(this, 'namespace', undefined, `Flagger calls the webhooks from its own namespace, so the loadtester's URL must name the namespace it runs in: set namespace, or define it in a chart with a namespace`);
    }
    this.tester = LoadTester._withPods(`http://${name}.${namespace}/`, { namespace, labels: model.selectorLabels });
  }
}
