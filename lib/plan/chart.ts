/**
 * Mermaid `xychart-beta` pictures of a rollout timeline (GitHub renders them
 * inside Markdown). Internal: not exported from the package.
 */

/** One point of the timeline. */
export interface ChartPoint {
  /** The x-axis label. */
  readonly label: string;
  /** Share of the requests served by the new version. */
  readonly trafficPercent: number;
  /** All pods running at once (both versions). */
  readonly totalPods: number;
  /** Pods of the new version. */
  readonly newPods: number;
}

function labels(points: ChartPoint[]): string {
  return `[${points.map(p => `"${p.label.replace(/"/g, '\'')}"`).join(', ')}]`;
}

function series(values: number[]): string {
  return `[${values.join(', ')}]`;
}

/** Two fenced Mermaid charts: traffic to the new version (line), and pods (bars: all pods; line: new-version pods). */
export function mermaidTimeline(points: ChartPoint[]): string {
  const x = labels(points);
  const maxPods = Math.max(1, ...points.map(p => p.totalPods));
  return [
    '```mermaid',
    'xychart-beta',
    '  title "Requests served by the new version (%)"',
    `  x-axis ${x}`,
    '  y-axis "requests (%)" 0 --> 100',
    `  line ${series(points.map(p => p.trafficPercent))}`,
    '```',
    '',
    '```mermaid',
    'xychart-beta',
    '  title "Pods (bars: all pods, line: new-version pods)"',
    `  x-axis ${x}`,
    `  y-axis "pods" 0 --> ${maxPods}`,
    `  bar ${series(points.map(p => p.totalPods))}`,
    `  line ${series(points.map(p => p.newPods))}`,
    '```',
  ].join('\n');
}
