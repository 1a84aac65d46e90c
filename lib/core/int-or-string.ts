import { k8s } from 'cdk8s-plus-28';
import { CountOrPercent } from './count-or-percent';

/** The Kubernetes int-or-string of a count or percentage. Internal: not exported from the package. */
export function toIntOrString(value: CountOrPercent): k8s.IntOrString {
  const kube = value.toKube();
  return typeof kube === 'number' ? k8s.IntOrString.fromNumber(kube) : k8s.IntOrString.fromString(kube);
}
