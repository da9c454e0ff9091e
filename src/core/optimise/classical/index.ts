export * from './minimisation-form.ts';
export * from './exhaustive.ts';
export * from './annealing.ts';
export * from './tabu.ts';
export * from './greedy.ts';
export * from './milp.ts';
export * from './goemans-williamson.ts';
