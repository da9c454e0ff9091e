import { fail } from '../../errors.ts';
import { adam, type AdamOptions } from './adam.ts';
import { lbfgs, type LbfgsOptions } from './lbfgs.ts';
import { nelderMead } from './nelder-mead.ts';
import { powell } from './powell.ts';
import { spsa, type SpsaOptions } from './spsa.ts';
import type { OptimiseOptions, OptimiseProblem, OptimiseResult } from './types.ts';

export const OPTIMISER_NAMES = ['nelder-mead', 'powell', 'spsa', 'adam', 'lbfgs'] as const;
export type OptimiserName = (typeof OPTIMISER_NAMES)[number];

/** Whether the method needs `valueAndGradient`. */
export function needsGradient(name: OptimiserName): boolean {
  return name === 'adam' || name === 'lbfgs';
}

export function isOptimiserName(name: string): name is OptimiserName {
  return (OPTIMISER_NAMES as readonly string[]).includes(name);
}

export type AnyOptimiserOptions = OptimiseOptions & SpsaOptions & AdamOptions & LbfgsOptions;

/** Minimises with the named method. */
export function minimise(name: string, problem: OptimiseProblem, x0: ArrayLike<number>, options: AnyOptimiserOptions = {}): OptimiseResult {
  if (!isOptimiserName(name)) fail('invalid-argument', `unknown optimiser "${name}"`, { hint: `use one of ${OPTIMISER_NAMES.join(', ')}` });
  if (needsGradient(name) && !problem.valueAndGradient) fail('invalid-argument', `${name} needs gradients and this objective has none`, { hint: 'use nelder-mead, powell or spsa' });
  for (let k = 0; k < x0.length; k++) if (!Number.isFinite(x0[k]!)) fail('invalid-argument', `starting point component ${k} is ${x0[k]}`);
  switch (name) {
    case 'nelder-mead': return nelderMead(problem, x0, options);
    case 'powell': return powell(problem, x0, options);
    case 'spsa': return spsa(problem, x0, options);
    case 'adam': return adam(problem, x0, options);
    case 'lbfgs': return lbfgs(problem, x0, options);
  }
}
