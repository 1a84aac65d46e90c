import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { propError } from '../core/errors';
import { Check } from '../core/check';
import { acceptNullPrototypes } from '../core/plain-objects';

/** The metrics backends a Flagger `MetricTemplate` can query. */
export enum MetricProviderType {
  /** Prometheus (PromQL). */
  PROMETHEUS = 'prometheus',
  /** Datadog. */
  DATADOG = 'datadog',
  /** Amazon CloudWatch (needs `region`; authenticates with AWS credentials or IRSA). */
  CLOUDWATCH = 'cloudwatch',
  /** New Relic (NRQL). */
  NEW_RELIC = 'newrelic',
  /** Graphite. */
  GRAPHITE = 'graphite',
  /** InfluxDB (Flux queries). */
  INFLUXDB = 'influxdb',
  /** Dynatrace. */
  DYNATRACE = 'dynatrace',
  /** Google Cloud Monitoring (Stackdriver). */
  STACKDRIVER = 'stackdriver',
  /** Splunk Observability (SignalFx). */
  SPLUNK = 'splunk',
  /** Keptn metrics and analyses. */
  KEPTN = 'keptn',
  /** The Kubernetes external metrics API. */
  EXTERNAL_METRICS = 'externalmetrics',
}

/** Providers that are queried through an HTTP API at `address`. */
const NEEDS_ADDRESS = [MetricProviderType.PROMETHEUS, MetricProviderType.GRAPHITE, MetricProviderType.INFLUXDB, MetricProviderType.DYNATRACE];
/** Providers that ignore `address`. */
const NO_ADDRESS = [MetricProviderType.CLOUDWATCH, MetricProviderType.STACKDRIVER, MetricProviderType.KEPTN];
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Props of a `MetricTemplate`.
 */
export interface MetricTemplateProps {
  /** The template name (a DNS-1123 subdomain); metrics refer to it. */
  readonly name: string;
  /**
   * The template namespace.
   *
   * @default - the chart's namespace
   */
  readonly namespace?: string;
  /** The metrics backend. */
  readonly provider: MetricProviderType;
  /**
   * The backend's API URL, e.g. `http://prometheus.monitoring:9090`.
   * Required for prometheus, graphite, influxdb and dynatrace; not used by
   * cloudwatch, stackdriver and keptn.
   *
   * @default - the provider's default endpoint
   */
  readonly address?: string;
  /**
   * A Secret (in the template's namespace) holding the backend credentials,
   * e.g. `username`/`password` or `token` for Prometheus, `datadog_api_key`
   * and `datadog_application_key` for Datadog.
   *
   * @default - no credentials
   */
  readonly secretName?: string;
  /**
   * The AWS region (cloudwatch only, where it is required).
   *
   * @default - none
   */
  readonly region?: string;
  /**
   * Extra HTTP headers sent with each query (one value per header).
   *
   * @default - none
   */
  readonly headers?: Record<string, string>;
  /**
   * Skip TLS verification of the backend (avoid outside of tests).
   *
   * @default false
   */
  readonly insecureSkipVerify?: boolean;
  /**
   * The query; it must return a single number. Flagger fills in
   * `{{ name }}`, `{{ namespace }}`, `{{ target }}`, `{{ service }}`,
   * `{{ ingress }}`, `{{ interval }}` and `{{ variables.<key> }}`
   * (from the metric's template variables).
   */
  readonly query: string;
  /**
   * Labels of the template.
   *
   * @default - none
   */
  readonly labels?: Record<string, string>;
  /**
   * Annotations of the template.
   *
   * @default - none
   */
  readonly annotations?: Record<string, string>;
}

/**
 * A Flagger `MetricTemplate` (flagger.app/v1beta1): a custom query that
 * canary analyses check against a threshold range. Reference it from an
 * analysis with `Metric.fromTemplate(template, {...})`.
 */
export class MetricTemplate extends ApiObject {
  /** apiVersion of the objects this construct defines. */
  public static readonly API_VERSION = 'flagger.app/v1beta1';
  /** kind of the objects this construct defines. */
  public static readonly KIND = 'MetricTemplate';

  /** The metrics backend. */
  public readonly provider: MetricProviderType;
  /** The query. */
  public readonly query: string;

  public constructor(scope: Construct, id: string, props: MetricTemplateProps) {
    super(scope, id, {
      apiVersion: MetricTemplate.API_VERSION,
      kind: MetricTemplate.KIND,
      metadata: { name: props.name, namespace: props.namespace, labels: props.labels, annotations: props.annotations },
      spec: {
        provider: {
          type: props.provider,
          address: props.address,
          secretRef: props.secretName !== undefined ? { name: props.secretName } : undefined,
          region: props.region,
          headers: props.headers ? Object.fromEntries(Object.entries(props.headers).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, [v]])) : undefined,
          insecureSkipVerify: props.insecureSkipVerify,
        },
        query: props.query,
      },
    });
    acceptNullPrototypes(this);
    this.provider = props.provider;
    this.query = props.query;
    this.validate(props);
  }

  private validate(props: MetricTemplateProps) {
    Check.dns1123Subdomain(this, 'name', props.name);
    if (props.namespace !== undefined) Check.dns1123Label(this, 'namespace', props.namespace);
    if (!Object.values(MetricProviderType).includes(props.provider)) {
      throw propError(this, 'provider', props.provider, `must be one of ${Object.values(MetricProviderType).join(', ')}`);
    }
    if (typeof props.query !== 'string' || props.query.trim() === '') throw propError(this, 'query', props.query, 'a query that returns a single number is required');
    if (props.address !== undefined && NO_ADDRESS.includes(props.provider)) {
      throw propError(this, 'address', props.address, `the ${props.provider} provider does not use an address; leave it out`);
    }
    if (props.address === undefined && NEEDS_ADDRESS.includes(props.provider)) {
      throw propError(this, 'address', props.address, `the ${props.provider} provider needs the API URL, e.g. "http://prometheus.monitoring:9090"`);
    }
    Check.httpUrl(this, 'address', props.address);
    if (props.secretName !== undefined) Check.dns1123Subdomain(this, 'secretName', props.secretName);
    if (props.provider === MetricProviderType.CLOUDWATCH && !props.region) {
      throw propError(this, 'region', props.region, 'the cloudwatch provider needs the AWS region, e.g. "us-east-1"');
    }
    if (props.region !== undefined && props.provider !== MetricProviderType.CLOUDWATCH) {
      throw propError(this, 'region', props.region, 'only the cloudwatch provider uses a region');
    }
    for (const name of Object.keys(props.headers ?? {})) {
      if (!HEADER_NAME.test(name)) throw propError(this, `headers.${name}`, name, 'header names are HTTP tokens (letters, digits and !#$%&\'*+-.^_`|~)');
    }
    Check.labels(this, 'labels', props.labels);
    Check.annotations(this, 'annotations', props.annotations);
  }
}
