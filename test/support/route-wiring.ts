/**
 * Wiring of the HTTPRoutes of one app folder: each is attached to a Gateway,
 * each rule sends requests somewhere (weights add up to more than 0), each
 * backend is a Service of the folder (or one Flagger creates) on a port it
 * serves, and none takes the name of the HTTPRoute Flagger generates for a
 * Canary (`<apex>`).
 */

/** Ports served by each Service of the folder, including the Services Flagger creates for each Canary. */
function servicePorts(objects: any[]): Map<string, number[]> {
  const ports = new Map<string, number[]>(objects.filter(o => o.kind === 'Service').map(s => [s.metadata.name, s.spec.ports.map((p: any) => p.port)]));
  for (const c of objects.filter(o => o.kind === 'Canary')) {
    const apex = c.spec.service?.name ?? c.spec.targetRef.name;
    for (const name of [apex, `${apex}-primary`, `${apex}-canary`]) ports.set(name, [c.spec.service.port]);
  }
  return ports;
}

/** What is wrong with the HTTPRoutes among `objects` (empty when nothing). */
export function routeWiringProblems(objects: any[]): string[] {
  const problems: string[] = [];
  const ports = servicePorts(objects);
  const flaggerRoutes = new Set(objects.filter(o => o.kind === 'Canary').map(c => c.spec.service?.name ?? c.spec.targetRef.name));
  for (const route of objects.filter(o => o.kind === 'HTTPRoute')) {
    const name = route.metadata.name;
    if (!(route.spec.parentRefs?.length)) problems.push(`HTTPRoute ${name}: no parentRefs (attached to no Gateway)`);
    if (flaggerRoutes.has(name)) problems.push(`HTTPRoute ${name}: Flagger creates the HTTPRoute of the Canary's apex Service "${name}" itself`);
    (route.spec.rules ?? []).forEach((rule: any, i: number) => {
      const backends = rule.backendRefs ?? [];
      const total = backends.reduce((sum: number, b: any) => sum + (b.weight ?? 1), 0);
      if (total <= 0) problems.push(`HTTPRoute ${name}: rule ${i} sends requests nowhere (weights add up to ${total})`);
      for (const b of backends) {
        const served = ports.get(b.name);
        if (!served) problems.push(`HTTPRoute ${name}: rule ${i} backend ${b.name} is no Service of the folder`);
        else if (!served.includes(b.port)) problems.push(`HTTPRoute ${name}: rule ${i} backend ${b.name} port ${b.port} is not served (${served.join(', ')})`);
      }
    });
  }
  return problems;
}
