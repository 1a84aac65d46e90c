/**
 * Kubernetes resource quantities ("100m", "1.5", "128Mi", "1Gi", "1e3") as
 * numbers, for the resource arithmetic of rollout plans. Internal: not
 * exported from the package.
 */

const QUANTITY = /^(\+?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(n|u|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|[eE][-+]?[0-9]+)?$/;

const MULTIPLIERS: Record<string, number> = {
  '': 1, 'n': 1e-9, 'u': 1e-6, 'm': 1e-3, 'k': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12, 'P': 1e15, 'E': 1e18,
  'Ki': 2 ** 10, 'Mi': 2 ** 20, 'Gi': 2 ** 30, 'Ti': 2 ** 40, 'Pi': 2 ** 50, 'Ei': 2 ** 60,
};

const BINARY_UNITS: Array<[string, number]> = [['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]];

/** The quantity in base units (cores or bytes), or `undefined` when it is not a non-negative quantity. */
export function parseQuantity(value: string): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = QUANTITY.exec(value);
  if (!m) return undefined;
  const suffix = m[2] ?? '';
  const multiplier = /^[eE]/.test(suffix) ? 10 ** Number(suffix.slice(1)) : MULTIPLIERS[suffix];
  return Number(m[1]) * multiplier;
}

/** Rounds away float noise (1.1 * 1000 = 1100.0000000000002), then up, as Kubernetes rounds. */
function ceilClean(n: number): number {
  return Math.ceil(Number(n.toFixed(6)));
}

/** CPU millicores of a quantity ("250m" → 250, "1.5" → 1500), rounded up. */
export function cpuMillis(value: string): number | undefined {
  const cores = parseQuantity(value);
  return cores === undefined ? undefined : ceilClean(cores * 1000);
}

/** Bytes of a quantity ("128Mi" → 134217728, "1G" → 1e9), rounded up. */
export function memoryBytes(value: string): number | undefined {
  const bytes = parseQuantity(value);
  return bytes === undefined ? undefined : ceilClean(bytes);
}

/** Millicores as a quantity in millicores ("250m", "1500m"): unambiguous in a table. */
export function formatMillis(millis: number): string {
  return `${millis}m`;
}

/** Bytes as a quantity in the largest binary unit that divides them ("384Mi", "2Gi"), else rounded to two decimals. */
export function formatBytes(bytes: number): string {
  if (bytes === 0) return '0';
  for (const [unit, size] of BINARY_UNITS) {
    if (bytes % size === 0) return `${bytes / size}${unit}`;
  }
  for (const [unit, size] of BINARY_UNITS) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(2))}${unit}`;
  }
  return String(bytes);
}
