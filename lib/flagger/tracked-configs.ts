/**
 * The ConfigMaps and Secrets Flagger tracks for a target: those its regular
 * containers read as env and those its volumes mount (projected sources
 * included). Flagger copies each to `<name>-primary` and starts an analysis
 * when one changes. Internal.
 */
import { AppCommonProps } from '../core/app-props';
import { EnvSourceKind } from '../core/env-from';
import { VolumeSourceKind } from '../core/volume-props';

/** One tracked ConfigMap or Secret, with the prop that names it. */
export interface TrackedConfig {
  readonly kind: EnvSourceKind;
  readonly name: string;
  readonly prop: string;
}

/** The tracked ConfigMaps and Secrets of an app, in prop order (a name may appear twice). */
export function trackedConfigs(props: AppCommonProps): TrackedConfig[] {
  const fromEnv = (prefix: string, sources = props.envFrom) => (sources ?? []).map((e, i) => ({ kind: e.kind, name: e.name, prop: `${prefix}envFrom[${i}].name` }));
  return [
    ...fromEnv(''),
    ...(props.sidecars ?? []).flatMap((s, i) => s.native ? [] : fromEnv(`sidecars[${i}].`, s.envFrom)),
    ...(props.volumes ?? []).flatMap((v, i) => {
      const kind = v.source.kind === VolumeSourceKind.SECRET ? EnvSourceKind.SECRET : v.source.kind === VolumeSourceKind.CONFIG_MAP ? EnvSourceKind.CONFIG_MAP : undefined;
      return kind ? [{ kind, name: v.source.ref!.name, prop: `volumes[${i}].source.ref.name` }] : [];
    }),
  ];
}
