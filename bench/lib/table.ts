/** Plain-text tables for the terminal and for BENCHMARKS.md (GitHub-flavoured Markdown). */

export type Cell = string | number;

export interface Table {
  readonly title: string;
  readonly head: readonly string[];
  readonly rows: Cell[][];
  readonly notes?: readonly string[];
}

function text(cell: Cell): string {
  return typeof cell === 'number' ? String(cell) : cell;
}

/** Markdown table (also readable in a terminal). */
export function renderTable(table: Table): string {
  const cells = [table.head.map(text), ...table.rows.map((r) => r.map(text))];
  const widths = table.head.map((_, c) => Math.max(...cells.map((r) => [...(r[c] ?? '')].length)));
  const line = (r: string[]) => `| ${r.map((v, c) => v + ' '.repeat(widths[c]! - [...v].length)).join(' | ')} |`;
  const out = [`### ${table.title}`, '', line(cells[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.slice(1).map(line)];
  if (table.notes?.length) out.push('', ...table.notes.map((n) => `- ${n}`));
  return out.join('\n');
}

export const fmt = {
  ms(x: number | undefined): string {
    if (x === undefined || !Number.isFinite(x)) return '–';
    if (x >= 10_000) return `${(x / 1000).toFixed(1)} s`;
    if (x >= 100) return `${x.toFixed(0)} ms`;
    if (x >= 10) return `${x.toFixed(1)} ms`;
    return `${x.toFixed(2)} ms`;
  },
  ns(x: number): string {
    return x.toFixed(2);
  },
  ratio(x: number | undefined): string {
    if (x === undefined || !Number.isFinite(x)) return '–';
    if (x >= 100) return `${x.toFixed(0)}×`;
    if (x >= 10) return `${x.toFixed(1)}×`;
    return `${x.toFixed(2)}×`;
  },
  mib(bytes: number): string {
    return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  },
  verdict(ok: boolean | undefined): string {
    return ok === undefined ? 'n/a' : ok ? 'met' : 'MISSED';
  },
};
