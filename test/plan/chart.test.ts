import { mermaidTimeline, podAxisTop, stateAt, timeAxis } from '../../lib/plan/chart';

const before = { trafficPercent: 0, totalPods: 2, newPods: 0 };
const step = (name: string, startSeconds: number | undefined, trafficPercent: number, newPods = 1, totalPods = 3) => ({ name, startSeconds, trafficPercent, newPods, totalPods });

describe('time axis', () => {
  test('samples evenly from one interval before 0 to past the end, in seconds up to three minutes', () => {
    const axis = timeAxis(10, 'the first step');
    expect(axis.samples).toEqual([-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(axis.line).toBe('"seconds since the first step (one point every 1s)" -1 --> 11');
  });

  test('in minutes from three minutes on, with at most 30 points', () => {
    const axis = timeAxis(3600, 'the first step');
    expect(axis.samples.length).toBeLessThanOrEqual(30);
    expect(axis.line).toBe('"minutes since the first step (one point every 5m)" -5 --> 65');
  });

  test('the state at a time is the last step started by then', () => {
    const steps = [step('a', 0, 10), step('b', 60, 20), step('c', 60, 100)];
    expect(stateAt(steps, -1)).toBeUndefined();
    expect(stateAt(steps, 59)?.name).toBe('a');
    expect(stateAt(steps, 60)?.name).toBe('c');
  });
});

describe('charts', () => {
  test('timed steps: a time axis on which steps that start together share a point (no overlapping labels)', () => {
    const md = mermaidTimeline([step('10%', 0, 10), step('promote', 120, 100, 2), step('finalise', 120, 100, 1)], { since: 'the first step', before });
    expect(md).toContain('x-axis "seconds since the first step (one point every 5s)" -5 --> 125');
    expect(md).not.toContain('promote');
    expect(md.match(/line \[[^\]]*\]/)![0]).toBe(`line [0, ${Array(24).fill(10).join(', ')}, 100, 100]`);
  });

  test('steps that wait for commits, or all start at once, are listed by name', () => {
    const md = mermaidTimeline([step('stop old', 0, 0, 0, 0), step('start new', 0, 100, 2, 2)], { since: 'the first step', before });
    expect(md).toContain('x-axis ["before", "stop old", "start new"]');
    expect(mermaidTimeline([step('weight 20%', undefined, 20)], { since: 'x', before })).toContain('x-axis ["before", "weight 20%"]');
  });

  test('alwaysTime draws one step applied after a wait on a time axis from the state before', () => {
    const md = mermaidTimeline([step('switch', 120, 100, 4, 8)], { since: 'Flux applies the commit', before: { trafficPercent: 20, totalPods: 8, newPods: 4 }, endSeconds: 180, alwaysTime: true });
    expect(md).toContain('"minutes since Flux applies the commit (one point every 10s)"');
    expect(md).toMatch(/line \[20, (20, ){12}100/);
  });

  test('every series has a color that reads on light and dark backgrounds (the default palette starts near-white)', () => {
    const md = mermaidTimeline([step('a', undefined, 50)], { since: 'x', before });
    expect(md).toContain('%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#2563eb"}}}}%%');
    expect(md).toContain('"plotColorPalette": "#94a3b8, #c2410c"');
    expect(md).not.toMatch(/#FFF4DD/i);
  });

  test('the pod axis ends at 8 or more, so every tick is a whole pod', () => {
    expect([1, 3, 7, 8, 13].map(podAxisTop)).toEqual([8, 8, 8, 8, 13]);
    expect(mermaidTimeline([step('a', undefined, 50)], { since: 'x', before })).toContain('y-axis "pods" 0 --> 8');
  });
});
