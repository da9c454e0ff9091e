export { Qaoa, qaoaCostVector, validateDiagonalProblem, type QaoaOptions, type CostTerm } from './qaoa.ts';
export { qaoaCircuit } from './circuit.ts';
export { compileMixer, termUnitary, type MixerSpec, type MixerTerm, type CompiledMixer } from './mixers.ts';
export { buildCostLevels, levelDistribution, type CostLevels } from './cost-levels.ts';
export { fixedAngles, fixedAngleDepths, FIXED_ANGLES_CITATION, type FixedAngles } from './fixed-angles.ts';
export { linearRamp, interpGrow, fourierToAngles, fourierGradient, fourierGrow, fourierFromDepthOne, randomAngles } from './initialisation.ts';
export { solveQaoa, regularMaxCutDegree, type QaoaSolveOptions, type QaoaSolveResult, type QaoaInitialisation } from './solve.ts';
