import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { propError } from '../core/errors';
import { Check } from '../core/check';
import { acceptNullPrototypes } from '../core/plain-objects';

/** The chat services a Flagger `AlertProvider` can post to. */
export enum AlertProviderType {
  /** Slack (incoming webhook, or a bot token in the Secret). */
  SLACK = 'slack',
  /** Microsoft Teams. */
  MS_TEAMS = 'msteams',
  /** Discord (Flagger appends `/slack` to the webhook URL). */
  DISCORD = 'discord',
  /** Rocket.Chat. */
  ROCKET = 'rocket',
  /** Google Chat. */
  GOOGLE_CHAT = 'gchat',
}

/**
 * Props of an `AlertProvider`. Give exactly one of `address` and
 * `secretName`; prefer `secretName` so that the webhook URL (a credential)
 * stays out of Git.
 */
export interface AlertProviderProps {
  /** The provider name (a DNS-1123 subdomain); alerts refer to it. */
  readonly name: string;
  /**
   * The provider namespace.
   *
   * @default - the chart's namespace
   */
  readonly namespace?: string;
  /** The chat service. */
  readonly type: AlertProviderType;
  /**
   * The channel to post to.
   *
   * @default - Flagger's default ("general")
   */
  readonly channel?: string;
  /**
   * The user name the messages are posted as.
   *
   * @default - Flagger's default ("flagger")
   */
  readonly username?: string;
  /**
   * The webhook URL, inline (it ends up in Git: prefer `secretName`).
   *
   * @default - read from the Secret `secretName`
   */
  readonly address?: string;
  /**
   * A Secret holding the webhook URL under the key `address` (and a Slack bot
   * token under `token`, if used).
   *
   * @default - the inline `address` is used
   */
  readonly secretName?: string;
  /**
   * An HTTP(S) proxy to post through.
   *
   * @default - no proxy
   */
  readonly proxy?: string;
  /**
   * Labels of the provider.
   *
   * @default - none
   */
  readonly labels?: Record<string, string>;
  /**
   * Annotations of the provider.
   *
   * @default - none
   */
  readonly annotations?: Record<string, string>;
}

/**
 * A Flagger `AlertProvider` (flagger.app/v1beta1): where canary analyses send
 * their alerts. Reference it from an analysis with `Alert.to(provider, severity)`.
 */
export class AlertProvider extends ApiObject {
  /** apiVersion of the objects this construct defines. */
  public static readonly API_VERSION = 'flagger.app/v1beta1';
  /** kind of the objects this construct defines. */
  public static readonly KIND = 'AlertProvider';

  /** The chat service. */
  public readonly type: AlertProviderType;

  public constructor(scope: Construct, id: string, props: AlertProviderProps) {
    super(scope, id, {
      apiVersion: AlertProvider.API_VERSION,
      kind: AlertProvider.KIND,
      metadata: { name: props.name, namespace: props.namespace, labels: props.labels, annotations: props.annotations },
      spec: {
        type: props.type,
        channel: props.channel,
        username: props.username,
        address: props.address,
        secretRef: props.secretName !== undefined ? { name: props.secretName } : undefined,
        proxy: props.proxy,
      },
    });
    acceptNullPrototypes(this);
    this.type = props.type;
    this.validate(props);
  }

  private validate(props: AlertProviderProps) {
    Check.dns1123Subdomain(this, 'name', props.name);
    if (props.namespace !== undefined) Check.dns1123Label(this, 'namespace', props.namespace);
    if (!Object.values(AlertProviderType).includes(props.type)) {
      throw propError(this, 'type', props.type, `must be one of ${Object.values(AlertProviderType).join(', ')}`);
    }
    if ((props.address === undefined) === (props.secretName === undefined)) {
      throw propError(this, 'address/secretName', { address: props.address, secretName: props.secretName },
        'set exactly one of address and secretName (the CRD accepts one or the other); prefer secretName to keep the webhook URL out of Git');
    }
    Check.httpUrl(this, 'address', props.address);
    Check.httpUrl(this, 'proxy', props.proxy);
    if (props.secretName !== undefined) Check.dns1123Subdomain(this, 'secretName', props.secretName);
    Check.labels(this, 'labels', props.labels);
    Check.annotations(this, 'annotations', props.annotations);
  }
}
