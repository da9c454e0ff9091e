/**
 * A model as the diagonal problem the quantum algorithms consume: the objective of every basis
 * state (penalties included for constrained models, slack variables as extra qubits after the
 * model's own) and its Ising form.
 */
import { checkStateFits } from '../../sim/state.ts';
import type { DiagonalProblem } from '../types.ts';
import { allStatesObjective, FeasibilityBlocks } from './all-states.ts';
import type { BinaryModel } from './binary-model.ts';
import { isingToQubo, quboToIsing, type IsingModel } from './ising.ts';
import { toPenaltyModel, type PenaltyOptions } from './penalty.ts';

export interface DiagonalOptions {
  /** Memory budget for the state the problem will be simulated on (default: the simulator's). */
  maxBytes?: number;
  penalty?: PenaltyOptions;
}

export function isIsingModel(model: BinaryModel | IsingModel): model is IsingModel {
  return 'terms' in model;
}

export function toDiagonalProblem(model: BinaryModel | IsingModel, options: DiagonalOptions = {}): DiagonalProblem {
  if (isIsingModel(model)) {
    checkStateFits(model.terms.numSpins, options.maxBytes);
    return { numQubits: model.terms.numSpins, sense: model.sense, objective: allStatesObjective(isingToQubo(model.terms)), ising: model.terms };
  }
  if (model.constraints.length === 0) {
    checkStateFits(model.variables.length, options.maxBytes);
    return { numQubits: model.variables.length, sense: model.sense, objective: allStatesObjective(model.objective), ising: quboToIsing(model.objective) };
  }
  const penalised = toPenaltyModel(model, options.penalty);
  const numQubits = penalised.model.variables.length;
  checkStateFits(numQubits, options.maxBytes);
  return {
    numQubits,
    sense: model.sense,
    objective: allStatesObjective(penalised.model.objective),
    ising: quboToIsing(penalised.model.objective),
    feasible: feasibilityMask(model, numQubits),
  };
}

/** feasible[x] = 1 when the model's own variables (the low bits of x) satisfy every constraint. */
export function feasibilityMask(model: BinaryModel, numQubits = model.variables.length): Uint8Array {
  const n = model.variables.length;
  const mask = new Uint8Array(2 ** numQubits);
  const blocks = new FeasibilityBlocks(n, model.constraints);
  const block = new Uint8Array(blocks.blockSize);
  const own = 2 ** n;
  for (let h = 0; h * blocks.blockSize < own; h++) {
    blocks.fill(h, block);
    mask.set(block.subarray(0, Math.min(blocks.blockSize, own)), h * blocks.blockSize);
  }
  // Slack bits do not change feasibility: repeat the pattern over them.
  for (let start = own; start < mask.length; start += own) mask.copyWithin(start, 0, own);
  return mask;
}
