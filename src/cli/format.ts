import { BIT_ORDER_NOTE, toBitstring } from '../core/index.ts';

/** A plain text table with right-aligned numeric columns. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function probabilityRows(probs: Float64Array, width: number, limit: number): { rows: string[][]; omitted: number } {
  const entries: [number, number][] = [];
  probs.forEach((p, i) => {
    if (p > 1e-12) entries.push([i, p]);
  });
  entries.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const shown = entries.slice(0, limit);
  return {
    rows: shown.map(([i, p]) => [toBitstring(i, width), String(i), p.toFixed(6)]),
    omitted: entries.length - shown.length,
  };
}

export const CONVENTIONS_LINE = `Bit order: ${BIT_ORDER_NOTE}.`;
