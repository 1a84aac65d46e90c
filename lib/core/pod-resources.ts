/**
 * What one pod of an app requests, as the scheduler counts it: the sum of
 * its containers (main, sidecars, native sidecars), or the largest init
 * container plus the native sidecars started before it, whichever is larger.
 * Internal: the rollout plans size their resource overhead with it.
 */
import { AppCommonProps } from './app-props';
import { ResourcesProps } from './container-props';
import { DEFAULT_RESOURCES } from './containers';
import { cpuMillis, formatMillis, memoryBytes } from './quantity';

/** The CPU and memory one pod requests, as quantities. */
export function podRequests(props: AppCommonProps): { cpu: string; memory: string } {
  const sidecars = props.sidecars ?? [];
  const native = sidecars.filter(s => s.native);
  const request = (r: ResourcesProps | undefined) => ({
    cpu: cpuMillis(r?.cpuRequest ?? DEFAULT_RESOURCES.cpuRequest!) ?? 0,
    memory: memoryBytes(r?.memoryRequest ?? DEFAULT_RESOURCES.memoryRequest!) ?? 0,
  });
  const sum = (rs: Array<ResourcesProps | undefined>) => rs.map(request).reduce((a, b) => ({ cpu: a.cpu + b.cpu, memory: a.memory + b.memory }), { cpu: 0, memory: 0 });
  // native sidecars start before the init containers (they come first in initContainers) and run beside each of them
  const running = sum([props.resources, ...sidecars.map(s => s.resources)]);
  const beside = sum(native.map(s => s.resources));
  let cpu = running.cpu;
  let memory = running.memory;
  for (const init of props.initContainers ?? []) {
    const r = request(init.resources);
    cpu = Math.max(cpu, r.cpu + beside.cpu);
    memory = Math.max(memory, r.memory + beside.memory);
  }
  // bytes as a plain number: exact, whatever units the containers used
  return { cpu: formatMillis(cpu), memory: String(memory) };
}
