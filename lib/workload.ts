/**
 * Internal helpers of the app model, shared by `AppBase` and the strategies.
 * Not exported from the package.
 */
import { k8s } from 'cdk8s-plus-28';
import { AppVersionProps } from './app-props';
import { CountOrPercent } from './count-or-percent';

/** Options for one Deployment of an app. */
export interface WorkloadOptions {
  /** The Deployment name (also names its ConfigMap, HPA and PDB). */
  readonly name: string;
  /** The version it runs. */
  readonly version: AppVersionProps;
  /** The prop path of `version`, for error messages (`''` or `blue.`). */
  readonly versionProp: string;
  /** Selector labels beyond `app.kubernetes.io/name` (a color or a track). */
  readonly extraSelector?: Record<string, string>;
  /** Replicas to set; `undefined` leaves `spec.replicas` out. */
  readonly replicas?: number;
  /** Deployment spec fields of the strategy (strategy, minReadySeconds, ...). */
  readonly spec?: Partial<k8s.DeploymentSpec>;
}

/** The Kubernetes int-or-string of a count or percentage. */
export function toIntOrString(value: CountOrPercent): k8s.IntOrString {
  const kube = value.toKube();
  return typeof kube === 'number' ? k8s.IntOrString.fromNumber(kube) : k8s.IntOrString.fromString(kube);
}
