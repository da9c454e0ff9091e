// The single-file (UMD) build of mathjs has no type entry of its own: it is the default instance.
declare module 'mathjs/lib/browser/math.js' {
  const math: import('mathjs').MathJsInstance;
  export default math;
}
