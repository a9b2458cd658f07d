// The five-colour warning scale (五色预警) in one place, for the list, the detail and the map:
// 5 red 特别严重, 4 orange 严重, 3 yellow 较重, 2 blue 一般, 1 green 轻微.
export type Severity = 1 | 2 | 3 | 4 | 5;

export const SEVERITY_COLOURS: Readonly<Record<Severity, string>> = {
  5: '#ff3b3b',
  4: '#ff8a1f',
  3: '#ffd60a',
  2: '#3d8bff',
  1: '#2ee6a0',
};

/** Colour of a severity, clamped into 1–5 so a bad value still draws. */
export function severityColour(severity: number): string {
  const s = Math.min(5, Math.max(1, Math.round(severity))) as Severity;
  return SEVERITY_COLOURS[s];
}

/** Text on a severity background: dark on the light colours, white on the deep ones. */
export function severityInk(severity: number): string {
  return severity === 5 || severity === 2 ? '#ffffff' : '#02050b';
}
