import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AppModel } from '../core/app-model';
import { AppVersionProps } from '../core/app-props';
import { ResourcesProps } from '../core/container-props';
import { Check, INT32_MAX } from '../core/check';
import { DeliveryHints } from '../core/delivery-hints';
import { propError } from '../core/errors';
import { Probe } from '../core/probe';
import { Webhook, WebhookType } from './webhook';

/** The flagger-loadtester image used by default. */
const DEFAULT_IMAGE = 'ghcr.io/fluxcd/flagger-loadtester:0.34.0';
/** A loadtester duration (hey `-z`, `-timeout`): whole seconds, minutes or hours. */
const DURATION = /^[0-9]+(s|m|h)$/;
const URL = /^https?:\/\/[^\s/'"]+(\/[^\s'"]*)?$/;

/**
 * Options of a `hey` load test.
 */
export interface HeyLoadTestOptions {
  /** The URL to load; route it through the public host so the traffic crosses the provider's routing. */
  readonly url: string;
  /**
   * The webhook name.
   *
   * @default "load-test"
   */
  readonly name?: string;
  /**
   * How long each run lasts (hey `-z`); match the analysis interval.
   *
   * @default "1m"
   */
  readonly duration?: string;
  /**
   * Requests per second of each worker (hey `-q`).
   *
   * @default 10
   */
  readonly qps?: number;
  /**
   * Concurrent workers (hey `-c`).
   *
   * @default 2
   */
  readonly concurrency?: number;
  /**
   * The HTTP method (hey `-m`).
   *
   * @default "GET"
   */
  readonly method?: string;
  /**
   * Request headers (hey `-H`), e.g. to hit an A/B match.
   *
   * @default - none
   */
  readonly headers?: Record<string, string>;
  /**
   * The Host header (hey `-host`), to go through an ingress controller's address.
   *
   * @default - the URL's host
   */
  readonly host?: string;
  /**
   * The webhook timeout (the loadtester answers at once and runs hey in the background).
   *
   * @default "5s"
   */
  readonly timeout?: string;
  /**
   * Log hey's report in the loadtester.
   *
   * @default false
   */
  readonly logCmdOutput?: boolean;
}

/**
 * Options of a blocking `bash` test run by the loadtester.
 */
export interface BashTestOptions {
  /** The bash command; a non-zero exit fails the check. */
  readonly command: string;
  /**
   * The webhook name.
   *
   * @default "acceptance-test"
   */
  readonly name?: string;
  /**
   * When the test runs.
   *
   * @default WebhookType.PRE_ROLLOUT
   */
  readonly type?: WebhookType;
  /**
   * How long Flagger waits for the test (it blocks until the command ends).
   *
   * @default "30s"
   */
  readonly timeout?: string;
  /**
   * Return the command's output to Flagger (shown in its logs).
   *
   * @default false
   */
  readonly returnCmdOutput?: boolean;
}

/**
 * Options of a background command run by the loadtester every interval.
 */
export interface BackgroundCommandOptions {
  /** The shell command (started once; not restarted while it still runs). */
  readonly command: string;
  /** The webhook name. */
  readonly name: string;
  /**
   * The webhook timeout.
   *
   * @default "5s"
   */
  readonly timeout?: string;
  /**
   * Log the command's output in the loadtester.
   *
   * @default false
   */
  readonly logCmdOutput?: boolean;
}

/**
 * Webhooks served by a flagger-loadtester: load tests, blocking tests and
 * manual gates. Open a gate with
 * `curl -d '{"name":"<canary>","namespace":"<ns>"}' <gateOpenUrl>`.
 */
export class LoadTester {
  /** The loadtester at `url` (e.g. `http://flagger-loadtester.test/`). */
  public static at(url: string): LoadTester {
    if (typeof url !== 'string' || !URL.test(url)) throw propError('LoadTester', 'url', url, 'must be an http:// or https:// URL such as "http://flagger-loadtester.test/"');
    return new LoadTester(url.replace(/\/+$/, '') + '/');
  }

  /** The loadtester Service `serviceName` in `namespace`. */
  public static inNamespace(namespace: string, serviceName: string = 'flagger-loadtester'): LoadTester {
    Check.dns1123Label('LoadTester', 'namespace', namespace);
    Check.dns1035('LoadTester', 'serviceName', serviceName);
    return new LoadTester(`http://${serviceName}.${namespace}/`);
  }

  private constructor(
    /** The loadtester base URL, ending with "/". */
    public readonly url: string) {}

  /** The URL a gate webhook checks (200 once opened). */
  public get gateCheckUrl(): string {
    return `${this.url}gate/check`;
  }

  /** POST `{"name","namespace"}` here to open the gate of a canary. */
  public get gateOpenUrl(): string {
    return `${this.url}gate/open`;
  }

  /** POST `{"name","namespace"}` here to close the gate of a canary again. */
  public get gateCloseUrl(): string {
    return `${this.url}gate/close`;
  }

  /** The URL a rollback webhook checks (200 once opened, which rolls back). */
  public get rollbackCheckUrl(): string {
    return `${this.url}rollback/check`;
  }

  /** POST `{"name","namespace"}` here to roll a canary back. */
  public get rollbackOpenUrl(): string {
    return `${this.url}rollback/open`;
  }

  /** POST `{"name","namespace"}` here to disarm the rollback switch. */
  public get rollbackCloseUrl(): string {
    return `${this.url}rollback/close`;
  }

  /** A `rollout` webhook that runs `hey` in the background every interval. */
  public heyLoadTest(options: HeyLoadTestOptions): Webhook {
    const where = `LoadTester ${this.url}`;
    if (typeof options.url !== 'string' || !URL.test(options.url)) throw propError(where, 'heyLoadTest.url', options.url, 'must be an http:// or https:// URL without quotes or spaces');
    const duration = options.duration ?? '1m';
    if (!DURATION.test(duration)) throw propError(where, 'heyLoadTest.duration', duration, 'must be a whole number of seconds, minutes or hours such as "1m"');
    Check.int(where, 'heyLoadTest.qps', options.qps, 1);
    Check.int(where, 'heyLoadTest.concurrency', options.concurrency, 1);
    if (options.method !== undefined && !/^[A-Z]+$/.test(options.method)) throw propError(where, 'heyLoadTest.method', options.method, 'must be an uppercase HTTP method such as "GET" or "POST"');
    if (options.host !== undefined && !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:[0-9]+)?$/.test(options.host)) throw propError(where, 'heyLoadTest.host', options.host, 'must be a host name');
    const args = ['hey', '-z', duration, '-q', String(options.qps ?? 10), '-c', String(options.concurrency ?? 2)];
    if (options.method !== undefined) args.push('-m', options.method);
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) throw propError(where, `heyLoadTest.headers.${name}`, name, 'header names are HTTP tokens');
      args.push('-H', shellQuote(`${name}: ${value}`));
    }
    if (options.host !== undefined) args.push('-host', options.host);
    args.push(shellWord(options.url));
    return Webhook.rollout(options.name ?? 'load-test', this.url, {
      timeout: options.timeout ?? '5s',
      metadata: { type: 'cmd', cmd: args.join(' '), ...(options.logCmdOutput ? { logCmdOutput: 'true' } : {}) },
    });
  }

  /** A `rollout` webhook that runs `command` in the background (`sh -c`) every interval. */
  public backgroundCommand(options: BackgroundCommandOptions): Webhook {
    if (typeof options.command !== 'string' || options.command.trim() === '') throw propError(`LoadTester ${this.url}`, 'backgroundCommand.command', options.command, 'give the command to run');
    return Webhook.rollout(options.name, this.url, {
      timeout: options.timeout ?? '5s',
      metadata: { type: 'cmd', cmd: options.command, ...(options.logCmdOutput ? { logCmdOutput: 'true' } : {}) },
    });
  }

  /** A blocking test (`bash -c command`), before rollout by default; a non-zero exit fails the check. */
  public bashTest(options: BashTestOptions): Webhook {
    if (typeof options.command !== 'string' || options.command.trim() === '') throw propError(`LoadTester ${this.url}`, 'bashTest.command', options.command, 'give the bash command to run');
    return Webhook.of(options.type ?? WebhookType.PRE_ROLLOUT, options.name ?? 'acceptance-test', this.url, {
      timeout: options.timeout ?? '30s',
      metadata: { type: 'bash', cmd: options.command, ...(options.returnCmdOutput ? { returnCmdOutput: 'true' } : {}) },
    });
  }

  /** A manual gate before the canary is scaled up (open it at `gateOpenUrl`). */
  public confirmRolloutGate(name: string = 'confirm-rollout'): Webhook {
    return Webhook.confirmRollout(name, this.gateCheckUrl);
  }

  /** A manual gate before each traffic increase (progressive canaries only). */
  public confirmTrafficIncreaseGate(name: string = 'confirm-traffic-increase'): Webhook {
    return Webhook.confirmTrafficIncrease(name, this.gateCheckUrl);
  }

  /** A manual gate before promotion (open it at `gateOpenUrl`). */
  public confirmPromotionGate(name: string = 'confirm-promotion'): Webhook {
    return Webhook.confirmPromotion(name, this.gateCheckUrl);
  }

  /** A manual rollback switch (trigger it at `rollbackOpenUrl`). */
  public rollbackGate(name: string = 'rollback'): Webhook {
    return Webhook.rollback(name, this.rollbackCheckUrl);
  }
}

/** Quotes a string for `sh`. */
function shellQuote(s: string): string {
  return `'${s.replace(/'/g, '\'\\\'\'')}'`;
}

/** A string as one `sh` word: as is when it has no special characters, else quoted. */
function shellWord(s: string): string {
  return /^[-A-Za-z0-9_.:/@%+=,~]+$/.test(s) ? s : shellQuote(s);
}

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
   * The namespace.
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

  public constructor(scope: Construct, id: string, props: FlaggerLoadTesterProps = {}) {
    super(scope, id);
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
    });
    const commandTimeout = props.commandTimeout ?? '1h';
    if (!DURATION.test(commandTimeout)) throw propError(this, 'commandTimeout', commandTimeout, 'must be a whole number of seconds, minutes or hours such as "1h"');
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
    const namespace = model.effectiveNamespace;
    this.tester = namespace ? LoadTester.inNamespace(namespace, name) : LoadTester.at(`http://${name}/`);
  }
}
