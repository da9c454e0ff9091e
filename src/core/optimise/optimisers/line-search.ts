/**
 * One-dimensional minimisation for direction-set methods: bracket a minimum by golden-ratio
 * expansion, then Brent's method (parabolic steps guarded by golden sections; Brent 1973).
 */
const GOLD = 1.618033988749895;
const CGOLD = 0.3819660112501051;

export function bracketMinimum(phi: (a: number) => number, step: number, f0: number): { a: number; b: number; c: number; fb: number } {
  let a = 0, fa = f0, b = step, fb = phi(b);
  if (fb > fa) {
    [a, b] = [b, a];
    [fa, fb] = [fb, fa];
  }
  let c = b + GOLD * (b - a), fc = phi(c);
  let guard = 0;
  while (fb > fc && guard++ < 60) {
    a = b; fa = fb;
    b = c; fb = fc;
    c = b + GOLD * (b - a);
    fc = phi(c);
  }
  return a < c ? { a, b, c, fb } : { a: c, b, c: a, fb };
}

/** Brent's minimiser on a bracket a < b < c with φ(b) ≤ φ(a), φ(c). */
export function brentMinimise(phi: (a: number) => number, bracket: { a: number; b: number; c: number; fb: number }, tol = 1e-8, maxIterations = 100): { x: number; fx: number } {
  let a = bracket.a, b = bracket.c;
  let x = bracket.b, w = x, v = x;
  let fx = bracket.fb, fw = fx, fv = fx;
  let d = 0, e = 0;
  for (let iter = 0; iter < maxIterations; iter++) {
    const xm = 0.5 * (a + b);
    const tol1 = tol * Math.abs(x) + 1e-12, tol2 = 2 * tol1;
    if (Math.abs(x - xm) <= tol2 - 0.5 * (b - a)) break;
    let useGolden = true;
    if (Math.abs(e) > tol1) {
      const r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      q = Math.abs(q);
      const eTemp = e;
      e = d;
      if (!(Math.abs(p) >= Math.abs(0.5 * q * eTemp) || p <= q * (a - x) || p >= q * (b - x))) {
        d = p / q;
        const u = x + d;
        if (u - a < tol2 || b - u < tol2) d = xm - x >= 0 ? tol1 : -tol1;
        useGolden = false;
      }
    }
    if (useGolden) {
      e = x >= xm ? a - x : b - x;
      d = CGOLD * e;
    }
    const u = Math.abs(d) >= tol1 ? x + d : x + (d >= 0 ? tol1 : -tol1);
    const fu = phi(u);
    if (fu <= fx) {
      if (u >= x) a = x; else b = x;
      v = w; fv = fw; w = x; fw = fx; x = u; fx = fu;
    } else {
      if (u < x) a = u; else b = u;
      if (fu <= fw || w === x) { v = w; fv = fw; w = u; fw = fu; }
      else if (fu <= fv || v === x || v === w) { v = u; fv = fu; }
    }
  }
  return { x, fx };
}
