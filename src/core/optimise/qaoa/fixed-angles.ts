import table from '../../../../data/qaoa/fixed-angles-regular-graphs.json' with { type: 'json' };

/**
 * Fixed QAOA angles for MaxCut on d-regular graphs (Wurtz & Lykov, arXiv:2107.00677, 2021; data in
 * data/qaoa/, see its README for source and citation). Farhi's convention, as ours. `cutFraction`
 * is the expected fraction of edges cut on graphs of girth > 2p + 1 (tree-like neighbourhoods).
 */
export interface FixedAngles {
  readonly degree: number;
  readonly p: number;
  readonly gamma: readonly number[];
  readonly beta: readonly number[];
  readonly cutFraction: number;
}

type Table = Record<string, Record<string, { AR: number; gamma: number[]; beta: number[] }>>;

export function fixedAngles(degree: number, p: number): FixedAngles | undefined {
  const entry = (table as Table)[String(degree)]?.[String(p)];
  if (!entry) return undefined;
  return { degree, p, gamma: entry.gamma, beta: entry.beta, cutFraction: entry.AR };
}

/** Depths tabled for a degree (empty when the degree is not in the table). */
export function fixedAngleDepths(degree: number): number[] {
  return Object.keys((table as Table)[String(degree)] ?? {}).map(Number).sort((a, b) => a - b);
}

export const FIXED_ANGLES_CITATION = 'J. Wurtz and D. Lykov, The fixed angle conjecture for QAOA on regular MaxCut graphs, arXiv:2107.00677 (2021)';
