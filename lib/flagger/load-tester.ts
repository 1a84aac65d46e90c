import { Check } from '../core/check';
import { propError } from '../core/errors';
import { LOADTESTER_DURATION, LoadTesterPods, servedBy } from './load-tester-pods';
import { Webhook, WebhookType } from './webhook';

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
    return new LoadTester(`http://${serviceName}.${namespace}/`, { namespace });
  }

  /** The loadtester at `url` whose pods are `pods`. @internal */
  public static _withPods(url: string, pods: LoadTesterPods): LoadTester {
    return new LoadTester(url, pods);
  }

  private constructor(
    /** The loadtester base URL, ending with "/". */
    public readonly url: string,
    /** Where its pods run, when known (for the NetworkPolicy of the apps it calls). */
    private readonly pods: LoadTesterPods = {}) {}

  /** Remembers that `webhook` is served by this loadtester. */
  private serve(webhook: Webhook): Webhook {
    return servedBy(webhook, this.pods);
  }

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
    if (!LOADTESTER_DURATION.test(duration)) throw propError(where, 'heyLoadTest.duration', duration, 'must be a whole number of seconds, minutes or hours such as "1m"');
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
    return this.serve(Webhook.rollout(options.name ?? 'load-test', this.url, {
      timeout: options.timeout ?? '5s',
      metadata: { type: 'cmd', cmd: args.join(' '), ...(options.logCmdOutput ? { logCmdOutput: 'true' } : {}) },
    }));
  }

  /** A `rollout` webhook that runs `command` in the background (`sh -c`) every interval. */
  public backgroundCommand(options: BackgroundCommandOptions): Webhook {
    if (typeof options.command !== 'string' || options.command.trim() === '') throw propError(`LoadTester ${this.url}`, 'backgroundCommand.command', options.command, 'give the command to run');
    return this.serve(Webhook.rollout(options.name, this.url, {
      timeout: options.timeout ?? '5s',
      metadata: { type: 'cmd', cmd: options.command, ...(options.logCmdOutput ? { logCmdOutput: 'true' } : {}) },
    }));
  }

  /** A blocking test (`bash -c command`), before rollout by default; a non-zero exit fails the check. */
  public bashTest(options: BashTestOptions): Webhook {
    if (typeof options.command !== 'string' || options.command.trim() === '') throw propError(`LoadTester ${this.url}`, 'bashTest.command', options.command, 'give the bash command to run');
    return this.serve(Webhook.of(options.type ?? WebhookType.PRE_ROLLOUT, options.name ?? 'acceptance-test', this.url, {
      timeout: options.timeout ?? '30s',
      metadata: { type: 'bash', cmd: options.command, ...(options.returnCmdOutput ? { returnCmdOutput: 'true' } : {}) },
    }));
  }

  /** A manual gate before the canary is scaled up (open it at `gateOpenUrl`). */
  public confirmRolloutGate(name: string = 'confirm-rollout'): Webhook {
    return this.serve(Webhook.confirmRollout(name, this.gateCheckUrl));
  }

  /** A manual gate before each traffic increase (progressive canaries only). */
  public confirmTrafficIncreaseGate(name: string = 'confirm-traffic-increase'): Webhook {
    return this.serve(Webhook.confirmTrafficIncrease(name, this.gateCheckUrl));
  }

  /** A manual gate before promotion (open it at `gateOpenUrl`). */
  public confirmPromotionGate(name: string = 'confirm-promotion'): Webhook {
    return this.serve(Webhook.confirmPromotion(name, this.gateCheckUrl));
  }

  /** A manual rollback switch (trigger it at `rollbackOpenUrl`). */
  public rollbackGate(name: string = 'rollback'): Webhook {
    return this.serve(Webhook.rollback(name, this.rollbackCheckUrl));
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
