/**
 * mathjs's expression parser, loaded from the package's single-file build. The default entry is
 * several hundred ES modules: importing it took 1.1 s in Node under tsx (0.55 s without), paid
 * by the CLI and by every worker thread at start-up, against 0.08–0.14 s for this one file. Same
 * package, same version, same parser; only `parse` is used (the fast evaluator in
 * circuit/params.ts does the arithmetic).
 */
import type { MathJsInstance } from 'mathjs';
import math from 'mathjs/lib/browser/math.js';

export type { MathNode } from 'mathjs';

export const parse: MathJsInstance['parse'] = (math as MathJsInstance).parse;
