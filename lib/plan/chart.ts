/**
 * Mermaid `xychart-beta` pictures of a rollout timeline (GitHub renders them
 * inside Markdown). Internal: not exported from the package.
 *
 * When every step has a time, the x-axis is time: the chart samples the
 * timeline at even intervals (xychart spreads the values of a numeric axis
 * evenly over it), so steps that start together share a point and the gaps
 * between them are to scale. Steps that wait for commits have no time: the
 * x-axis then lists them by name.
 */
import { duration } from './format';

/** One step of a timeline. */
export interface TimelineStep {
  /** The step's name (the x-axis label when the steps have no time). */
  readonly name: string;
  /** When the step starts, in seconds; undefined for a step that waits for a commit. */
  readonly startSeconds?: number;
  /** Share of the requests served by the new version. */
  readonly trafficPercent: number;
  /** All pods running at once (both versions). */
  readonly totalPods: number;
  /** Pods of the new version. */
  readonly newPods: number;
}

/** How a timeline is drawn. */
export interface TimelineOptions {
  /** What the time axis counts from, e.g. "the first step". */
  readonly since: string;
  /** The state before the first step. */
  readonly before: { readonly trafficPercent: number; readonly totalPods: number; readonly newPods: number };
  /** Draw a time axis until at least this time (seconds), e.g. when the rollout is done. */
  readonly endSeconds?: number;
  /** Draw a time axis even when every step starts at the same time (e.g. after waiting for a gate). */
  readonly alwaysTime?: boolean;
}

/** At most this many points on a time axis. */
const MAX_POINTS = 30;
/** Sampling intervals, in seconds: the smallest that keeps the points under MAX_POINTS is used. */
const INTERVALS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400];
/**
 * Colors that read on light and dark backgrounds (the default theme draws
 * the first series in a near-white).
 */
const TRAFFIC_COLORS = '#2563eb';
const POD_COLORS = '#94a3b8, #c2410c';
/** Line colors of charts with one line per series. */
export const SERIES_COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777'];
/** The color names of SERIES_COLORS, for the legend under a chart. */
export const SERIES_COLOR_NAMES = ['blue', 'red', 'green', 'purple', 'orange', 'teal', 'yellow', 'pink'];

/** A point of a chart: its x value (label or time) and the three series. */
interface Point {
  readonly x: string | number;
  readonly trafficPercent: number;
  readonly totalPods: number;
  readonly newPods: number;
}

/** A time axis: where the samples are and how they are labelled. */
export interface TimeAxis {
  /** The sample times, in seconds, evenly spaced; the first is one interval before 0. */
  readonly samples: number[];
  /** The x-axis of the chart (`"minutes since …" -1 --> 12`). */
  readonly line: string;
}

/** The two fenced charts of a timeline: requests to the new version, and pods. */
export function mermaidTimeline(steps: TimelineStep[], options: TimelineOptions): string {
  const before = options.before;
  const times = steps.map(s => s.startSeconds);
  // steps that start together (a Recreate's stop and start) keep their own points unless asked otherwise
  const timed = steps.length > 0 && times.every(t => t !== undefined) && (new Set(times).size > 1 || options.alwaysTime === true);
  if (!timed) {
    const points = [{ x: 'before', ...before }, ...steps.map(s => ({ ...s, x: s.name }))];
    return charts(`[${points.map(p => `"${String(p.x).replace(/"/g, '\'')}"`).join(', ')}]`, points);
  }
  const axis = timeAxis(Math.max(options.endSeconds ?? 0, ...times as number[]), options.since);
  const points = axis.samples.map(t => ({ ...stateAt(steps, t) ?? before, x: t }));
  return charts(axis.line, points);
}

/** A time axis from one interval before 0 to past `endSeconds`, in seconds or (past three minutes) minutes. */
export function timeAxis(endSeconds: number, since: string): TimeAxis {
  const end = Math.max(endSeconds, 1);
  const step = INTERVALS.find(i => Math.ceil(end / i) + 2 <= MAX_POINTS) ?? Math.ceil(end / (MAX_POINTS - 2));
  const last = (Math.floor(end / step) + 1) * step;
  const samples: number[] = [];
  for (let t = -step; t <= last; t += step) samples.push(t);
  const minutes = end >= 180;
  const unit = (t: number) => String(minutes ? Math.round((t / 60) * 1000) / 1000 : t);
  return { samples, line: `"${minutes ? 'minutes' : 'seconds'} since ${since} (one point every ${duration(step)})" ${unit(-step)} --> ${unit(last)}` };
}

/** The step in effect at `seconds`: the last one started by then (undefined before the first). */
export function stateAt<T extends { readonly startSeconds?: number }>(steps: T[], seconds: number): T | undefined {
  let current: T | undefined;
  for (const s of steps) if ((s.startSeconds ?? 0) <= seconds) current = s;
  return current;
}

/** A Mermaid init line that sets the colors of the series, in order. */
export function palette(colors: string): string {
  return `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${colors}"}}}}%%`;
}

/**
 * The top of a pod axis. d3 draws about ten ticks: up to 7 they fall on
 * fractions of a pod, from 8 on every tick is a whole pod.
 */
export function podAxisTop(maxPods: number): number {
  return Math.max(8, Math.ceil(maxPods));
}

function series(values: number[]): string {
  return `[${values.join(', ')}]`;
}

function charts(xAxis: string, points: Point[]): string {
  return [
    '```mermaid',
    palette(TRAFFIC_COLORS),
    'xychart-beta',
    '  title "Requests served by the new version (%)"',
    `  x-axis ${xAxis}`,
    '  y-axis "requests (%)" 0 --> 100',
    `  line ${series(points.map(p => p.trafficPercent))}`,
    '```',
    '',
    '```mermaid',
    palette(POD_COLORS),
    'xychart-beta',
    '  title "Pods (bars: all pods, line: new-version pods)"',
    `  x-axis ${xAxis}`,
    `  y-axis "pods" 0 --> ${podAxisTop(Math.max(...points.map(p => p.totalPods)))}`,
    `  bar ${series(points.map(p => p.totalPods))}`,
    `  line ${series(points.map(p => p.newPods))}`,
    '```',
  ].join('\n');
}
