;; Superpose state-vector kernels, WebAssembly SIMD (f64x2). Hand-written; assembled by
;; scripts/build-wasm.mjs into two variants: this text as is (non-shared memory) and with the
;; marker below replaced so the imported memory is `shared` (threads feature), so several
;; instances (one per worker) can run on one state. scripts/lib/wasm64.mjs widens it into a
;; twin for 64-bit memory (states past 4 GiB, backend wasm64): every i32 becomes i64, so keep
;; to folded S-expressions and do not rely on 32-bit wrap-around (its build fails on what it
;; cannot widen).
;;
;; Memory layout (all addresses are byte addresses into the imported memory):
;;   [0, 65536)        scratch: 64 slots of 1 KiB, one per instance; JS writes matrices and
;;                     diagonal tables there before a call and passes the slot address ($mat/$tbl).
;;   after the state   64 slots of 32 KiB for diagk's tables (3…9 qubits), one per instance.
;;   [65536, ...)      the state: amplitude i at 65536 + 16·i, re then im, so one v128 holds one
;;                     complex amplitude.
;;
;; Complex numbers in the scratch area are stored pre-splatted for the SIMD complex multiply
;;   v·(re, re) + swap(v)·(−im, +im)
;; i.e. as 32 bytes [re, re, −im, +im]. The multiply-add order matches the TypeScript reference
;; kernels term by term, so results agree bit for bit (up to the sign of zero); dense1Phased (a
;; QFT layer) folds its phase factors in an order of its own per layout, so there the two backends
;; agree to rounding (the tests hold them to 1e-12).
;;
;; Enumeration kernels (dense1, phase1, x1, swap2, dense2) take the work range [k, end) plus a
;; layout computed once per call in JS from mask = targets | controls (as bit positions):
;;   $base  state address + 16·cval (phase1: + 16·(1 << t)), the control values OR-ed in;
;;   $off   16·insertZeros(k): byte offset of the first item;
;;   $mask  16·mask (the inserted bit positions, in bytes);
;;   $step  16·2^r, r = number of inserted positions 0, 1, …, r−1 at the bottom (the bottom run
;;          of the mask): consecutive items are $step bytes apart within a run;
;;   $run   2^(p − r) items per run, p = lowest inserted position above r (2^30 when none):
;;          items k … k + run − 1 (aligned) are equally spaced, so the inner loop is a pointer
;;          increment; between runs the next offset is ((last | mask) + 16) & ~mask.
;; Runs are at least 2 items long, and t = 0 gives step 32 (pairs are adjacent v128s).

(module
  (import "env" "memory" (memory 1 (; max-shared ;)))

  ;; The enumeration kernels share one signature so that `streams` can run any of them: the
  ;; layout above, then four i32 and two f64 arguments (each kernel names its own, the rest are
  ;; unused), returning the byte offset of the item after the range (the next call's $off).
  (type $enumeration (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 f64 f64) (result i32)))
  (table 5 funcref)
  (elem (i32.const 0) $dense1 $phase1 $x1 $swap2 $dense2)

  ;; ------------------------------------------------------------------ streams: several at a time
  ;; On a state far larger than the caches one sequential stream gets a fraction of the memory
  ;; bandwidth here (a scale pass at n = 22: 1.6–2.3 ns per amplitude as one stream, 0.75–0.9 as
  ;; four side by side), and the more arithmetic a kernel does per cache line the worse one
  ;; stream does. So a large work range runs as $S equal parts at once: $chunk items of the first
  ;; part [k, end), then the same items of every other part, part s's amplitudes lying 16 bytes times
  ;; the i32 at $offs + 4·s further (amplitudes, not bytes, so the 64-bit twin reads them too) (the whole range is a power of two aligned to its length, so each
  ;; part's layout is the first's shifted by a constant). $fn: 0 dense1, 1 phase1, 2 x1, 3 swap2,
  ;; 4 dense2.
  (func (export "streams") (param $fn i32)
    (param $base i32) (param $off i32) (param $mask i32) (param $step i32) (param $run i32)
    (param $k i32) (param $end i32) (param $a i32) (param $b i32) (param $c i32) (param $d i32)
    (param $re f64) (param $im f64) (param $S i32) (param $offs i32) (param $chunk i32)
    (local $ce i32) (local $s i32) (local $next i32)
    (loop $chunks
      (local.set $ce (i32.add (local.get $k) (local.get $chunk)))
      (if (i32.gt_s (local.get $ce) (local.get $end)) (then (local.set $ce (local.get $end))))
      (local.set $s (i32.const 0))
      (loop $parts
        (local.set $next (call_indirect (type $enumeration)
          (i32.add (local.get $base) (i32.shl (i32.load (i32.add (local.get $offs) (i32.shl (local.get $s) (i32.const 2)))) (i32.const 4)))
          (local.get $off) (local.get $mask) (local.get $step) (local.get $run) (local.get $k) (local.get $ce)
          (local.get $a) (local.get $b) (local.get $c) (local.get $d) (local.get $re) (local.get $im) (local.get $fn)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br_if $parts (i32.ne (local.get $s) (local.get $S))))
      (local.set $off (local.get $next))
      (local.set $k (local.get $ce))
      (br_if $chunks (i32.lt_s (local.get $k) (local.get $end)))))

  ;; ------------------------------------------------------------------ dense1: 2×2 on one qubit
  ;; $stride = 16·2^t (offset of the |1⟩ partner); $mat → 4 complex entries m00, m01, m10, m11.
  ;; $real selects a cheaper loop: 1 every imaginary part is zero (H, RY); 2 real diagonal and
  ;; imaginary off-diagonal (RX); 3 diagonal (RZ); 4 anti-diagonal (X·RZ: a CNOT's half that
  ;; absorbed an RZ); 5 imaginary diagonal and real off-diagonal (X·RX); 0 general (same results
  ;; up to signs of 0).
  (func $dense1 (export "dense1") (type $enumeration)
    (param $base i32) (param $off i32) (param $mask i32) (param $step i32) (param $run i32)
    (param $k i32) (param $end i32) (param $stride i32) (param $mat i32) (param $real i32)
    (param $_d i32) (param $_re f64) (param $_im f64) (result i32)
    (local $p i32) (local $pend i32) (local $q i32) (local $rend i32)
    (local $m00r v128) (local $m00i v128) (local $m01r v128) (local $m01i v128)
    (local $m10r v128) (local $m10i v128) (local $m11r v128) (local $m11i v128)
    (local $a v128) (local $b v128) (local $as v128) (local $bs v128)
    (local.set $m00r (v128.load offset=0 (local.get $mat)))
    (local.set $m00i (v128.load offset=16 (local.get $mat)))
    (local.set $m01r (v128.load offset=32 (local.get $mat)))
    (local.set $m01i (v128.load offset=48 (local.get $mat)))
    (local.set $m10r (v128.load offset=64 (local.get $mat)))
    (local.set $m10i (v128.load offset=80 (local.get $mat)))
    (local.set $m11r (v128.load offset=96 (local.get $mat)))
    (local.set $m11i (v128.load offset=112 (local.get $mat)))
    ;; Short runs (2–8 items: t = 1…3 without a control below, t = 0 with a control on qubit 2 but
    ;; not 1, …), from an even item to an even end: two items per turn (runs are even, so a turn
    ;; never straddles two runs), then the next-offset formula. The run loop below spends ≈ 25
    ;; operations per run on its bookkeeping and shape dispatch, more than a cheap gate's two
    ;; items cost (n = 14, qubit 1 against qubit 0: RX 0.87 against 0.40 ns per amplitude, u3
    ;; 1.09 against 0.78; with this path 0.48–0.52 and 0.74–0.80, qubit 2 likewise).
    (if (i32.and (i32.and (i32.le_u (local.get $run) (i32.const 8)) (i32.lt_s (local.get $k) (local.get $end)))
                 (i32.eqz (i32.and (i32.or (local.get $k) (local.get $end)) (i32.const 1))))
      (then
        (if (i32.eq (local.get $real) (i32.const 1))  ;; real (H, RY)
          (then
            (loop $rpairs
              (local.set $p (i32.add (local.get $base) (local.get $off)))
              (local.set $q (i32.add (local.get $p) (local.get $stride)))
              (local.set $a (v128.load (local.get $p)))
              (local.set $b (v128.load (local.get $q)))
              (v128.store (local.get $p) (f64x2.add (f64x2.mul (local.get $a) (local.get $m00r)) (f64x2.mul (local.get $b) (local.get $m01r))))
              (v128.store (local.get $q) (f64x2.add (f64x2.mul (local.get $a) (local.get $m10r)) (f64x2.mul (local.get $b) (local.get $m11r))))
              (local.set $p (i32.add (local.get $p) (local.get $step)))
              (local.set $q (i32.add (local.get $q) (local.get $step)))
              (local.set $a (v128.load (local.get $p)))
              (local.set $b (v128.load (local.get $q)))
              (v128.store (local.get $p) (f64x2.add (f64x2.mul (local.get $a) (local.get $m00r)) (f64x2.mul (local.get $b) (local.get $m01r))))
              (v128.store (local.get $q) (f64x2.add (f64x2.mul (local.get $a) (local.get $m10r)) (f64x2.mul (local.get $b) (local.get $m11r))))
              (local.set $off
                (i32.and
                  (i32.add (i32.or (i32.add (local.get $off) (local.get $step)) (local.get $mask)) (i32.const 16))
                  (i32.xor (local.get $mask) (i32.const -1))))
              (local.set $k (i32.add (local.get $k) (i32.const 2)))
              (br_if $rpairs (i32.lt_s (local.get $k) (local.get $end))))
            (return (local.get $off))))
        (if (i32.eq (local.get $real) (i32.const 2))  ;; RX-like
          (then
            (loop $xpairs
              (local.set $p (i32.add (local.get $base) (local.get $off)))
              (local.set $q (i32.add (local.get $p) (local.get $stride)))
              (local.set $a (v128.load (local.get $p)))
              (local.set $b (v128.load (local.get $q)))
              (v128.store (local.get $p)
                (f64x2.add (f64x2.mul (local.get $a) (local.get $m00r))
                           (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $b) (local.get $b)) (local.get $m01i))))
              (v128.store (local.get $q)
                (f64x2.add (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)) (local.get $m10i))
                           (f64x2.mul (local.get $b) (local.get $m11r))))
              (local.set $p (i32.add (local.get $p) (local.get $step)))
              (local.set $q (i32.add (local.get $q) (local.get $step)))
              (local.set $a (v128.load (local.get $p)))
              (local.set $b (v128.load (local.get $q)))
              (v128.store (local.get $p)
                (f64x2.add (f64x2.mul (local.get $a) (local.get $m00r))
                           (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $b) (local.get $b)) (local.get $m01i))))
              (v128.store (local.get $q)
                (f64x2.add (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)) (local.get $m10i))
                           (f64x2.mul (local.get $b) (local.get $m11r))))
              (local.set $off
                (i32.and
                  (i32.add (i32.or (i32.add (local.get $off) (local.get $step)) (local.get $mask)) (i32.const 16))
                  (i32.xor (local.get $mask) (i32.const -1))))
              (local.set $k (i32.add (local.get $k) (i32.const 2)))
              (br_if $xpairs (i32.lt_s (local.get $k) (local.get $end))))
            (return (local.get $off))))
        (if (i32.eq (local.get $real) (i32.const 3))  ;; diagonal
          (then
            (loop $dpairs
              (local.set $p (i32.add (local.get $base) (local.get $off)))
              (local.set $q (i32.add (local.get $p) (local.get $stride)))
              (local.set $a (v128.load (local.get $p)))
              (local.set $b (v128.load (local.get $q)))
              (v128.store (local.get $p)
                (f64x2.add (f64x2.mul (local.get $a) (local.get $m00r))
                           (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)) (local.get $m00i))))
              (v128.store (local.get $q)
                (f64x2.add (f64x2.mul (local.get $b) (local.get $m11r))
                           (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $b) (local.get $b)) (local.get $m11i))))
              (local.set $p (i32.add (local.get $p) (local.get $step)))
              (local.set $q (i32.add (local.get $q) (local.get $step)))
              (local.set $a (v128.load (local.get $p)))
              (local.set $b (v128.load (local.get $q)))
              (v128.store (local.get $p)
                (f64x2.add (f64x2.mul (local.get $a) (local.get $m00r))
                           (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)) (local.get $m00i))))
              (v128.store (local.get $q)
                (f64x2.add (f64x2.mul (local.get $b) (local.get $m11r))
                           (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $b) (local.get $b)) (local.get $m11i))))
              (local.set $off
                (i32.and
                  (i32.add (i32.or (i32.add (local.get $off) (local.get $step)) (local.get $mask)) (i32.const 16))
                  (i32.xor (local.get $mask) (i32.const -1))))
              (local.set $k (i32.add (local.get $k) (i32.const 2)))
              (br_if $dpairs (i32.lt_s (local.get $k) (local.get $end))))
            (return (local.get $off))))
        (if (i32.eq (local.get $real) (i32.const 4))  ;; anti-diagonal
          (then
            (loop $apairs
              (local.set $p (i32.add (local.get $base) (local.get $off)))
              (local.set $q (i32.add (local.get $p) (local.get $stride)))
              (local.set $a (v128.load (local.get $p)))
              (local.set $b (v128.load (local.get $q)))
              (v128.store (local.get $p)
                (f64x2.add (f64x2.mul (local.get $b) (local.get $m01r))
                           (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $b) (local.get $b)) (local.get $m01i))))
              (v128.store (local.get $q)
                (f64x2.add (f64x2.mul (local.get $a) (local.get $m10r))
                           (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)) (local.get $m10i))))
              (local.set $p (i32.add (local.get $p) (local.get $step)))
              (local.set $q (i32.add (local.get $q) (local.get $step)))
              (local.set $a (v128.load (local.get $p)))
              (local.set $b (v128.load (local.get $q)))
              (v128.store (local.get $p)
                (f64x2.add (f64x2.mul (local.get $b) (local.get $m01r))
                           (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $b) (local.get $b)) (local.get $m01i))))
              (v128.store (local.get $q)
                (f64x2.add (f64x2.mul (local.get $a) (local.get $m10r))
                           (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)) (local.get $m10i))))
              (local.set $off
                (i32.and
                  (i32.add (i32.or (i32.add (local.get $off) (local.get $step)) (local.get $mask)) (i32.const 16))
                  (i32.xor (local.get $mask) (i32.const -1))))
              (local.set $k (i32.add (local.get $k) (i32.const 2)))
              (br_if $apairs (i32.lt_s (local.get $k) (local.get $end))))
            (return (local.get $off))))
        (if (i32.eq (local.get $real) (i32.const 5))  ;; X·RX-like
          (then
            (loop $ypairs
              (local.set $p (i32.add (local.get $base) (local.get $off)))
              (local.set $q (i32.add (local.get $p) (local.get $stride)))
              (local.set $a (v128.load (local.get $p)))
              (local.set $b (v128.load (local.get $q)))
              (v128.store (local.get $p)
                (f64x2.add (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)) (local.get $m00i))
                           (f64x2.mul (local.get $b) (local.get $m01r))))
              (v128.store (local.get $q)
                (f64x2.add (f64x2.mul (local.get $a) (local.get $m10r))
                           (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $b) (local.get $b)) (local.get $m11i))))
              (local.set $p (i32.add (local.get $p) (local.get $step)))
              (local.set $q (i32.add (local.get $q) (local.get $step)))
              (local.set $a (v128.load (local.get $p)))
              (local.set $b (v128.load (local.get $q)))
              (v128.store (local.get $p)
                (f64x2.add (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)) (local.get $m00i))
                           (f64x2.mul (local.get $b) (local.get $m01r))))
              (v128.store (local.get $q)
                (f64x2.add (f64x2.mul (local.get $a) (local.get $m10r))
                           (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $b) (local.get $b)) (local.get $m11i))))
              (local.set $off
                (i32.and
                  (i32.add (i32.or (i32.add (local.get $off) (local.get $step)) (local.get $mask)) (i32.const 16))
                  (i32.xor (local.get $mask) (i32.const -1))))
              (local.set $k (i32.add (local.get $k) (i32.const 2)))
              (br_if $ypairs (i32.lt_s (local.get $k) (local.get $end))))
            (return (local.get $off))))
        ;; general
            (loop $gpairs
              (local.set $p (i32.add (local.get $base) (local.get $off)))
              (local.set $q (i32.add (local.get $p) (local.get $stride)))
              (local.set $a (v128.load (local.get $p)))
              (local.set $b (v128.load (local.get $q)))
              (local.set $as (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)))
              (local.set $bs (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $b) (local.get $b)))
              (v128.store (local.get $p)
                (f64x2.add
                  (f64x2.add
                    (f64x2.add (f64x2.mul (local.get $a) (local.get $m00r)) (f64x2.mul (local.get $as) (local.get $m00i)))
                    (f64x2.mul (local.get $b) (local.get $m01r)))
                  (f64x2.mul (local.get $bs) (local.get $m01i))))
              (v128.store (local.get $q)
                (f64x2.add
                  (f64x2.add
                    (f64x2.add (f64x2.mul (local.get $a) (local.get $m10r)) (f64x2.mul (local.get $as) (local.get $m10i)))
                    (f64x2.mul (local.get $b) (local.get $m11r)))
                  (f64x2.mul (local.get $bs) (local.get $m11i))))
              (local.set $p (i32.add (local.get $p) (local.get $step)))
              (local.set $q (i32.add (local.get $q) (local.get $step)))
              (local.set $a (v128.load (local.get $p)))
              (local.set $b (v128.load (local.get $q)))
              (local.set $as (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)))
              (local.set $bs (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $b) (local.get $b)))
              (v128.store (local.get $p)
                (f64x2.add
                  (f64x2.add
                    (f64x2.add (f64x2.mul (local.get $a) (local.get $m00r)) (f64x2.mul (local.get $as) (local.get $m00i)))
                    (f64x2.mul (local.get $b) (local.get $m01r)))
                  (f64x2.mul (local.get $bs) (local.get $m01i))))
              (v128.store (local.get $q)
                (f64x2.add
                  (f64x2.add
                    (f64x2.add (f64x2.mul (local.get $a) (local.get $m10r)) (f64x2.mul (local.get $as) (local.get $m10i)))
                    (f64x2.mul (local.get $b) (local.get $m11r)))
                  (f64x2.mul (local.get $bs) (local.get $m11i))))
              (local.set $off
                (i32.and
                  (i32.add (i32.or (i32.add (local.get $off) (local.get $step)) (local.get $mask)) (i32.const 16))
                  (i32.xor (local.get $mask) (i32.const -1))))
              (local.set $k (i32.add (local.get $k) (i32.const 2)))
              (br_if $gpairs (i32.lt_s (local.get $k) (local.get $end))))
        (return (local.get $off))))
    (block $done
      (loop $runs
        (br_if $done (i32.ge_s (local.get $k) (local.get $end)))
        (local.set $rend (i32.add (i32.or (local.get $k) (i32.sub (local.get $run) (i32.const 1))) (i32.const 1)))
        (if (i32.gt_s (local.get $rend) (local.get $end)) (then (local.set $rend (local.get $end))))
        (local.set $p (i32.add (local.get $base) (local.get $off)))
        (local.set $pend (i32.add (local.get $p) (i32.mul (i32.sub (local.get $rend) (local.get $k)) (local.get $step))))
        (if (i32.eq (local.get $real) (i32.const 1))
          (then
            ;; real matrix (H, RY, …): no imaginary parts, half the multiplies, no shuffles
            (loop $ritems
              (local.set $q (i32.add (local.get $p) (local.get $stride)))
              (local.set $a (v128.load (local.get $p)))
              (local.set $b (v128.load (local.get $q)))
              (v128.store (local.get $p) (f64x2.add (f64x2.mul (local.get $a) (local.get $m00r)) (f64x2.mul (local.get $b) (local.get $m01r))))
              (v128.store (local.get $q) (f64x2.add (f64x2.mul (local.get $a) (local.get $m10r)) (f64x2.mul (local.get $b) (local.get $m11r))))
              (local.set $p (i32.add (local.get $p) (local.get $step)))
              (br_if $ritems (i32.ne (local.get $p) (local.get $pend)))))
          (else
          (if (i32.eq (local.get $real) (i32.const 2))
          (then
            ;; real diagonal, imaginary off-diagonal (RX and its kin): half the multiplies
            (loop $xitems
              (local.set $q (i32.add (local.get $p) (local.get $stride)))
              (local.set $a (v128.load (local.get $p)))
              (local.set $b (v128.load (local.get $q)))
              (v128.store (local.get $p)
                (f64x2.add (f64x2.mul (local.get $a) (local.get $m00r))
                           (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $b) (local.get $b)) (local.get $m01i))))
              (v128.store (local.get $q)
                (f64x2.add (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)) (local.get $m10i))
                           (f64x2.mul (local.get $b) (local.get $m11r))))
              (local.set $p (i32.add (local.get $p) (local.get $step)))
              (br_if $xitems (i32.ne (local.get $p) (local.get $pend)))))
          (else
          (if (i32.eq (local.get $real) (i32.const 3))
          (then
            ;; diagonal (RZ, controlled phases with both entries ≠ 1): no off-diagonal terms
            (loop $ditems
              (local.set $q (i32.add (local.get $p) (local.get $stride)))
              (local.set $a (v128.load (local.get $p)))
              (local.set $b (v128.load (local.get $q)))
              (v128.store (local.get $p)
                (f64x2.add (f64x2.mul (local.get $a) (local.get $m00r))
                           (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)) (local.get $m00i))))
              (v128.store (local.get $q)
                (f64x2.add (f64x2.mul (local.get $b) (local.get $m11r))
                           (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $b) (local.get $b)) (local.get $m11i))))
              (local.set $p (i32.add (local.get $p) (local.get $step)))
              (br_if $ditems (i32.ne (local.get $p) (local.get $pend)))))
          (else
          (if (i32.eq (local.get $real) (i32.const 4))
          (then
            ;; anti-diagonal: each amplitude is its partner times one entry
            (loop $aitems
              (local.set $q (i32.add (local.get $p) (local.get $stride)))
              (local.set $a (v128.load (local.get $p)))
              (local.set $b (v128.load (local.get $q)))
              (v128.store (local.get $p)
                (f64x2.add (f64x2.mul (local.get $b) (local.get $m01r))
                           (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $b) (local.get $b)) (local.get $m01i))))
              (v128.store (local.get $q)
                (f64x2.add (f64x2.mul (local.get $a) (local.get $m10r))
                           (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)) (local.get $m10i))))
              (local.set $p (i32.add (local.get $p) (local.get $step)))
              (br_if $aitems (i32.ne (local.get $p) (local.get $pend)))))
          (else
          (if (i32.eq (local.get $real) (i32.const 5))
          (then
            ;; imaginary diagonal, real off-diagonal (X·RX and its kin): half the multiplies
            (loop $yitems
              (local.set $q (i32.add (local.get $p) (local.get $stride)))
              (local.set $a (v128.load (local.get $p)))
              (local.set $b (v128.load (local.get $q)))
              (v128.store (local.get $p)
                (f64x2.add (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)) (local.get $m00i))
                           (f64x2.mul (local.get $b) (local.get $m01r))))
              (v128.store (local.get $q)
                (f64x2.add (f64x2.mul (local.get $a) (local.get $m10r))
                           (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $b) (local.get $b)) (local.get $m11i))))
              (local.set $p (i32.add (local.get $p) (local.get $step)))
              (br_if $yitems (i32.ne (local.get $p) (local.get $pend)))))
          (else
            (loop $items
              (local.set $q (i32.add (local.get $p) (local.get $stride)))
              (local.set $a (v128.load (local.get $p)))
              (local.set $b (v128.load (local.get $q)))
              (local.set $as (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)))
              (local.set $bs (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $b) (local.get $b)))
              (v128.store (local.get $p)
                (f64x2.add
                  (f64x2.add
                    (f64x2.add (f64x2.mul (local.get $a) (local.get $m00r)) (f64x2.mul (local.get $as) (local.get $m00i)))
                    (f64x2.mul (local.get $b) (local.get $m01r)))
                  (f64x2.mul (local.get $bs) (local.get $m01i))))
              (v128.store (local.get $q)
                (f64x2.add
                  (f64x2.add
                    (f64x2.add (f64x2.mul (local.get $a) (local.get $m10r)) (f64x2.mul (local.get $as) (local.get $m10i)))
                    (f64x2.mul (local.get $b) (local.get $m11r)))
                  (f64x2.mul (local.get $bs) (local.get $m11i))))
              (local.set $p (i32.add (local.get $p) (local.get $step)))
              (br_if $items (i32.ne (local.get $p) (local.get $pend))))))))))))))
        ;; next run: from the last item's offset, skip over the inserted bits
        (local.set $off
          (i32.and
            (i32.add (i32.or (i32.sub (i32.sub (local.get $p) (local.get $base)) (local.get $step)) (local.get $mask)) (i32.const 16))
            (i32.xor (local.get $mask) (i32.const -1))))
        (local.set $k (local.get $rend))
        (br $runs)))
    (local.get $off))

  ;; ------------------------------------------------------------------ phase1: a ← a·(re + i·im)
  ;; $base already includes 16·(1 << t): only amplitudes with bit t set are touched.
  (func $phase1 (export "phase1") (type $enumeration)
    (param $base i32) (param $off i32) (param $mask i32) (param $step i32) (param $run i32)
    (param $k i32) (param $end i32) (param $_a i32) (param $_b i32) (param $_c i32) (param $_d i32)
    (param $re f64) (param $im f64) (result i32)
    (local $p i32) (local $pend i32) (local $rend i32)
    (local $mr v128) (local $mi v128) (local $a v128)
    (local.set $mr (f64x2.splat (local.get $re)))
    (local.set $mi (f64x2.replace_lane 0 (f64x2.splat (local.get $im)) (f64.neg (local.get $im))))
    ;; Runs of 2–8 items (see dense1): two per turn, then the next-offset formula.
    (if (i32.and (i32.and (i32.le_u (local.get $run) (i32.const 8)) (i32.lt_s (local.get $k) (local.get $end)))
                 (i32.eqz (i32.and (i32.or (local.get $k) (local.get $end)) (i32.const 1))))
      (then
        (loop $ppairs
          (local.set $p (i32.add (local.get $base) (local.get $off)))
          (local.set $a (v128.load (local.get $p)))
          (v128.store (local.get $p)
            (f64x2.add
              (f64x2.mul (local.get $a) (local.get $mr))
              (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)) (local.get $mi))))
          (local.set $p (i32.add (local.get $p) (local.get $step)))
          (local.set $a (v128.load (local.get $p)))
          (v128.store (local.get $p)
            (f64x2.add
              (f64x2.mul (local.get $a) (local.get $mr))
              (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)) (local.get $mi))))
          (local.set $off
            (i32.and
              (i32.add (i32.or (i32.add (local.get $off) (local.get $step)) (local.get $mask)) (i32.const 16))
              (i32.xor (local.get $mask) (i32.const -1))))
          (local.set $k (i32.add (local.get $k) (i32.const 2)))
          (br_if $ppairs (i32.lt_s (local.get $k) (local.get $end))))
        (return (local.get $off))))
    (block $done
      (loop $runs
        (br_if $done (i32.ge_s (local.get $k) (local.get $end)))
        (local.set $rend (i32.add (i32.or (local.get $k) (i32.sub (local.get $run) (i32.const 1))) (i32.const 1)))
        (if (i32.gt_s (local.get $rend) (local.get $end)) (then (local.set $rend (local.get $end))))
        (local.set $p (i32.add (local.get $base) (local.get $off)))
        (local.set $pend (i32.add (local.get $p) (i32.mul (i32.sub (local.get $rend) (local.get $k)) (local.get $step))))
        (loop $items
          (local.set $a (v128.load (local.get $p)))
          (v128.store (local.get $p)
            (f64x2.add
              (f64x2.mul (local.get $a) (local.get $mr))
              (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)) (local.get $mi))))
          (local.set $p (i32.add (local.get $p) (local.get $step)))
          (br_if $items (i32.ne (local.get $p) (local.get $pend))))
        (local.set $off
          (i32.and
            (i32.add (i32.or (i32.sub (i32.sub (local.get $p) (local.get $base)) (local.get $step)) (local.get $mask)) (i32.const 16))
            (i32.xor (local.get $mask) (i32.const -1))))
        (local.set $k (local.get $rend))
        (br $runs)))
    (local.get $off))

  ;; ------------------------------------------------------------------ x1: swap the pair
  (func $x1 (export "x1") (type $enumeration)
    (param $base i32) (param $off i32) (param $mask i32) (param $step i32) (param $run i32)
    (param $k i32) (param $end i32) (param $stride i32) (param $_b i32) (param $_c i32) (param $_d i32)
    (param $_re f64) (param $_im f64) (result i32)
    (local $p i32) (local $pend i32) (local $q i32) (local $rend i32) (local $a v128)
    ;; Runs of 2–8 items (see dense1): two per turn, then the next-offset formula.
    (if (i32.and (i32.and (i32.le_u (local.get $run) (i32.const 8)) (i32.lt_s (local.get $k) (local.get $end)))
                 (i32.eqz (i32.and (i32.or (local.get $k) (local.get $end)) (i32.const 1))))
      (then
        (loop $xpairs1
          (local.set $p (i32.add (local.get $base) (local.get $off)))
          (local.set $q (i32.add (local.get $p) (local.get $stride)))
          (local.set $a (v128.load (local.get $p)))
          (v128.store (local.get $p) (v128.load (local.get $q)))
          (v128.store (local.get $q) (local.get $a))
          (local.set $p (i32.add (local.get $p) (local.get $step)))
          (local.set $q (i32.add (local.get $p) (local.get $stride)))
          (local.set $a (v128.load (local.get $p)))
          (v128.store (local.get $p) (v128.load (local.get $q)))
          (v128.store (local.get $q) (local.get $a))
          (local.set $off
            (i32.and
              (i32.add (i32.or (i32.add (local.get $off) (local.get $step)) (local.get $mask)) (i32.const 16))
              (i32.xor (local.get $mask) (i32.const -1))))
          (local.set $k (i32.add (local.get $k) (i32.const 2)))
          (br_if $xpairs1 (i32.lt_s (local.get $k) (local.get $end))))
        (return (local.get $off))))
    (block $done
      (loop $runs
        (br_if $done (i32.ge_s (local.get $k) (local.get $end)))
        (local.set $rend (i32.add (i32.or (local.get $k) (i32.sub (local.get $run) (i32.const 1))) (i32.const 1)))
        (if (i32.gt_s (local.get $rend) (local.get $end)) (then (local.set $rend (local.get $end))))
        (local.set $p (i32.add (local.get $base) (local.get $off)))
        (local.set $pend (i32.add (local.get $p) (i32.mul (i32.sub (local.get $rend) (local.get $k)) (local.get $step))))
        (loop $items
          (local.set $q (i32.add (local.get $p) (local.get $stride)))
          (local.set $a (v128.load (local.get $p)))
          (v128.store (local.get $p) (v128.load (local.get $q)))
          (v128.store (local.get $q) (local.get $a))
          (local.set $p (i32.add (local.get $p) (local.get $step)))
          (br_if $items (i32.ne (local.get $p) (local.get $pend))))
        (local.set $off
          (i32.and
            (i32.add (i32.or (i32.sub (i32.sub (local.get $p) (local.get $base)) (local.get $step)) (local.get $mask)) (i32.const 16))
            (i32.xor (local.get $mask) (i32.const -1))))
        (local.set $k (local.get $rend))
        (br $runs)))
    (local.get $off))

  ;; ------------------------------------------------------------------ swap2: |01⟩ ↔ |10⟩
  ;; $oa = 16·2^a, $ob = 16·2^b: swaps the amplitudes at item + oa and item + ob.
  (func $swap2 (export "swap2") (type $enumeration)
    (param $base i32) (param $off i32) (param $mask i32) (param $step i32) (param $run i32)
    (param $k i32) (param $end i32) (param $oa i32) (param $ob i32) (param $_c i32) (param $_d i32)
    (param $_re f64) (param $_im f64) (result i32)
    (local $p i32) (local $pend i32) (local $rend i32) (local $a v128)
    ;; Runs of 2–8 items (see dense1): two per turn, then the next-offset formula.
    (if (i32.and (i32.and (i32.le_u (local.get $run) (i32.const 8)) (i32.lt_s (local.get $k) (local.get $end)))
                 (i32.eqz (i32.and (i32.or (local.get $k) (local.get $end)) (i32.const 1))))
      (then
        (loop $spairs
          (local.set $p (i32.add (local.get $base) (local.get $off)))
          (local.set $a (v128.load (i32.add (local.get $p) (local.get $oa))))
          (v128.store (i32.add (local.get $p) (local.get $oa)) (v128.load (i32.add (local.get $p) (local.get $ob))))
          (v128.store (i32.add (local.get $p) (local.get $ob)) (local.get $a))
          (local.set $p (i32.add (local.get $p) (local.get $step)))
          (local.set $a (v128.load (i32.add (local.get $p) (local.get $oa))))
          (v128.store (i32.add (local.get $p) (local.get $oa)) (v128.load (i32.add (local.get $p) (local.get $ob))))
          (v128.store (i32.add (local.get $p) (local.get $ob)) (local.get $a))
          (local.set $off
            (i32.and
              (i32.add (i32.or (i32.add (local.get $off) (local.get $step)) (local.get $mask)) (i32.const 16))
              (i32.xor (local.get $mask) (i32.const -1))))
          (local.set $k (i32.add (local.get $k) (i32.const 2)))
          (br_if $spairs (i32.lt_s (local.get $k) (local.get $end))))
        (return (local.get $off))))
    (block $done
      (loop $runs
        (br_if $done (i32.ge_s (local.get $k) (local.get $end)))
        (local.set $rend (i32.add (i32.or (local.get $k) (i32.sub (local.get $run) (i32.const 1))) (i32.const 1)))
        (if (i32.gt_s (local.get $rend) (local.get $end)) (then (local.set $rend (local.get $end))))
        (local.set $p (i32.add (local.get $base) (local.get $off)))
        (local.set $pend (i32.add (local.get $p) (i32.mul (i32.sub (local.get $rend) (local.get $k)) (local.get $step))))
        (loop $items
          (local.set $a (v128.load (i32.add (local.get $p) (local.get $oa))))
          (v128.store (i32.add (local.get $p) (local.get $oa)) (v128.load (i32.add (local.get $p) (local.get $ob))))
          (v128.store (i32.add (local.get $p) (local.get $ob)) (local.get $a))
          (local.set $p (i32.add (local.get $p) (local.get $step)))
          (br_if $items (i32.ne (local.get $p) (local.get $pend))))
        (local.set $off
          (i32.and
            (i32.add (i32.or (i32.sub (i32.sub (local.get $p) (local.get $base)) (local.get $step)) (local.get $mask)) (i32.const 16))
            (i32.xor (local.get $mask) (i32.const -1))))
        (local.set $k (local.get $rend))
        (br $runs)))
    (local.get $off))

  ;; ------------------------------------------------------------------ dense2: 4×4 on [q0, q1]
  ;; $o1 = 16·2^q0, $o2 = 16·2^q1; $mat → 16 complex entries, row-major (entry (r, c) at 32·(4r + c)).
  ;; The matrix is read from the scratch slot inside the loop (L1-resident; 32 v128 would not fit
  ;; in registers anyway). $real selects a cheaper loop: 1 every imaginary part is zero; 2 parity
  ;; blocks (every entry between {00, 11} and {01, 10} is zero: RXX, RYY, XY mixers), two 2×2
  ;; gates on (x0, x3) and (x1, x2); 3 parity blocks that are RX-like (real diagonal, imaginary
  ;; off it: RXX, RYY, iSWAP, XY mixers), one multiply per term; 0 general.
  (func $dense2 (export "dense2") (type $enumeration)
    (param $base i32) (param $off i32) (param $mask i32) (param $step i32) (param $run i32)
    (param $k i32) (param $end i32) (param $o1 i32) (param $o2 i32) (param $mat i32) (param $real i32)
    (param $_re f64) (param $_im f64) (result i32)
    (local $p i32) (local $pend i32) (local $rend i32)
    (local $p1 i32) (local $p2 i32) (local $p3 i32)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (block $done
      (loop $runs
        (br_if $done (i32.ge_s (local.get $k) (local.get $end)))
        (local.set $rend (i32.add (i32.or (local.get $k) (i32.sub (local.get $run) (i32.const 1))) (i32.const 1)))
        (if (i32.gt_s (local.get $rend) (local.get $end)) (then (local.set $rend (local.get $end))))
        (local.set $p (i32.add (local.get $base) (local.get $off)))
        (local.set $pend (i32.add (local.get $p) (i32.mul (i32.sub (local.get $rend) (local.get $k)) (local.get $step))))
        (if (i32.eq (local.get $real) (i32.const 1))
          (then
            ;; real matrix: a quarter of the work of the complex loop below
            (loop $ritems
              (local.set $p1 (i32.add (local.get $p) (local.get $o1)))
              (local.set $p2 (i32.add (local.get $p) (local.get $o2)))
              (local.set $p3 (i32.add (local.get $p1) (local.get $o2)))
              (local.set $x0 (v128.load (local.get $p)))
              (local.set $x1 (v128.load (local.get $p1)))
              (local.set $x2 (v128.load (local.get $p2)))
              (local.set $x3 (v128.load (local.get $p3)))
              (v128.store (local.get $p)
                (f64x2.add (f64x2.add (f64x2.add
                  (f64x2.mul (local.get $x0) (v128.load offset=0 (local.get $mat)))
                  (f64x2.mul (local.get $x1) (v128.load offset=32 (local.get $mat))))
                  (f64x2.mul (local.get $x2) (v128.load offset=64 (local.get $mat))))
                  (f64x2.mul (local.get $x3) (v128.load offset=96 (local.get $mat)))))
              (v128.store (local.get $p1)
                (f64x2.add (f64x2.add (f64x2.add
                  (f64x2.mul (local.get $x0) (v128.load offset=128 (local.get $mat)))
                  (f64x2.mul (local.get $x1) (v128.load offset=160 (local.get $mat))))
                  (f64x2.mul (local.get $x2) (v128.load offset=192 (local.get $mat))))
                  (f64x2.mul (local.get $x3) (v128.load offset=224 (local.get $mat)))))
              (v128.store (local.get $p2)
                (f64x2.add (f64x2.add (f64x2.add
                  (f64x2.mul (local.get $x0) (v128.load offset=256 (local.get $mat)))
                  (f64x2.mul (local.get $x1) (v128.load offset=288 (local.get $mat))))
                  (f64x2.mul (local.get $x2) (v128.load offset=320 (local.get $mat))))
                  (f64x2.mul (local.get $x3) (v128.load offset=352 (local.get $mat)))))
              (v128.store (local.get $p3)
                (f64x2.add (f64x2.add (f64x2.add
                  (f64x2.mul (local.get $x0) (v128.load offset=384 (local.get $mat)))
                  (f64x2.mul (local.get $x1) (v128.load offset=416 (local.get $mat))))
                  (f64x2.mul (local.get $x2) (v128.load offset=448 (local.get $mat))))
                  (f64x2.mul (local.get $x3) (v128.load offset=480 (local.get $mat)))))
              (local.set $p (i32.add (local.get $p) (local.get $step)))
              (br_if $ritems (i32.ne (local.get $p) (local.get $pend)))))
          (else
          (if (i32.eq (local.get $real) (i32.const 3))
          (then
            ;; RX-like parity blocks: the real diagonal times x, the imaginary partner entry times swap(x)
            (loop $xitems
              (local.set $p1 (i32.add (local.get $p) (local.get $o1)))
              (local.set $p2 (i32.add (local.get $p) (local.get $o2)))
              (local.set $p3 (i32.add (local.get $p1) (local.get $o2)))
              (local.set $x0 (v128.load (local.get $p)))
              (local.set $x1 (v128.load (local.get $p1)))
              (local.set $x2 (v128.load (local.get $p2)))
              (local.set $x3 (v128.load (local.get $p3)))
              (v128.store (local.get $p)
                (f64x2.add (f64x2.mul (local.get $x0) (v128.load offset=0 (local.get $mat)))
                           (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x3) (local.get $x3)) (v128.load offset=112 (local.get $mat)))))
              (v128.store (local.get $p1)
                (f64x2.add (f64x2.mul (local.get $x1) (v128.load offset=160 (local.get $mat)))
                           (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x2) (local.get $x2)) (v128.load offset=208 (local.get $mat)))))
              (v128.store (local.get $p2)
                (f64x2.add (f64x2.mul (local.get $x2) (v128.load offset=320 (local.get $mat)))
                           (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x1) (local.get $x1)) (v128.load offset=304 (local.get $mat)))))
              (v128.store (local.get $p3)
                (f64x2.add (f64x2.mul (local.get $x3) (v128.load offset=480 (local.get $mat)))
                           (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x0) (local.get $x0)) (v128.load offset=400 (local.get $mat)))))
              (local.set $p (i32.add (local.get $p) (local.get $step)))
              (br_if $xitems (i32.ne (local.get $p) (local.get $pend)))))
          (else
          (if (i32.eq (local.get $real) (i32.const 2))
          (then
            ;; parity blocks: (x0, x3) and (x1, x2) each through a complex 2×2, a quarter of the work
            (loop $pitems
              (local.set $p1 (i32.add (local.get $p) (local.get $o1)))
              (local.set $p2 (i32.add (local.get $p) (local.get $o2)))
              (local.set $p3 (i32.add (local.get $p1) (local.get $o2)))
              (local.set $x0 (v128.load (local.get $p)))
              (local.set $x1 (v128.load (local.get $p1)))
              (local.set $x2 (v128.load (local.get $p2)))
              (local.set $x3 (v128.load (local.get $p3)))
              (local.set $s0 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x0) (local.get $x0)))
              (local.set $s1 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x1) (local.get $x1)))
              (local.set $s2 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x2) (local.get $x2)))
              (local.set $s3 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x3) (local.get $x3)))
              (v128.store (local.get $p)
                (f64x2.add
                  (f64x2.add (f64x2.mul (local.get $x0) (v128.load offset=0 (local.get $mat))) (f64x2.mul (local.get $s0) (v128.load offset=16 (local.get $mat))))
                  (f64x2.add (f64x2.mul (local.get $x3) (v128.load offset=96 (local.get $mat))) (f64x2.mul (local.get $s3) (v128.load offset=112 (local.get $mat))))))
              (v128.store (local.get $p1)
                (f64x2.add
                  (f64x2.add (f64x2.mul (local.get $x1) (v128.load offset=160 (local.get $mat))) (f64x2.mul (local.get $s1) (v128.load offset=176 (local.get $mat))))
                  (f64x2.add (f64x2.mul (local.get $x2) (v128.load offset=192 (local.get $mat))) (f64x2.mul (local.get $s2) (v128.load offset=208 (local.get $mat))))))
              (v128.store (local.get $p2)
                (f64x2.add
                  (f64x2.add (f64x2.mul (local.get $x1) (v128.load offset=288 (local.get $mat))) (f64x2.mul (local.get $s1) (v128.load offset=304 (local.get $mat))))
                  (f64x2.add (f64x2.mul (local.get $x2) (v128.load offset=320 (local.get $mat))) (f64x2.mul (local.get $s2) (v128.load offset=336 (local.get $mat))))))
              (v128.store (local.get $p3)
                (f64x2.add
                  (f64x2.add (f64x2.mul (local.get $x0) (v128.load offset=384 (local.get $mat))) (f64x2.mul (local.get $s0) (v128.load offset=400 (local.get $mat))))
                  (f64x2.add (f64x2.mul (local.get $x3) (v128.load offset=480 (local.get $mat))) (f64x2.mul (local.get $s3) (v128.load offset=496 (local.get $mat))))))
              (local.set $p (i32.add (local.get $p) (local.get $step)))
              (br_if $pitems (i32.ne (local.get $p) (local.get $pend)))))
          (else
            (loop $items
              (local.set $p1 (i32.add (local.get $p) (local.get $o1)))
              (local.set $p2 (i32.add (local.get $p) (local.get $o2)))
              (local.set $p3 (i32.add (local.get $p1) (local.get $o2)))
              (local.set $x0 (v128.load (local.get $p)))
              (local.set $x1 (v128.load (local.get $p1)))
              (local.set $x2 (v128.load (local.get $p2)))
              (local.set $x3 (v128.load (local.get $p3)))
              (local.set $s0 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x0) (local.get $x0)))
              (local.set $s1 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x1) (local.get $x1)))
              (local.set $s2 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x2) (local.get $x2)))
              (local.set $s3 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x3) (local.get $x3)))
              ;; row 0
              (v128.store (local.get $p)
                (f64x2.add (f64x2.add (f64x2.add
                  (f64x2.add (f64x2.mul (local.get $x0) (v128.load offset=0 (local.get $mat))) (f64x2.mul (local.get $s0) (v128.load offset=16 (local.get $mat))))
                  (f64x2.add (f64x2.mul (local.get $x1) (v128.load offset=32 (local.get $mat))) (f64x2.mul (local.get $s1) (v128.load offset=48 (local.get $mat)))))
                  (f64x2.add (f64x2.mul (local.get $x2) (v128.load offset=64 (local.get $mat))) (f64x2.mul (local.get $s2) (v128.load offset=80 (local.get $mat)))))
                  (f64x2.add (f64x2.mul (local.get $x3) (v128.load offset=96 (local.get $mat))) (f64x2.mul (local.get $s3) (v128.load offset=112 (local.get $mat))))))
              ;; row 1
              (v128.store (local.get $p1)
                (f64x2.add (f64x2.add (f64x2.add
                  (f64x2.add (f64x2.mul (local.get $x0) (v128.load offset=128 (local.get $mat))) (f64x2.mul (local.get $s0) (v128.load offset=144 (local.get $mat))))
                  (f64x2.add (f64x2.mul (local.get $x1) (v128.load offset=160 (local.get $mat))) (f64x2.mul (local.get $s1) (v128.load offset=176 (local.get $mat)))))
                  (f64x2.add (f64x2.mul (local.get $x2) (v128.load offset=192 (local.get $mat))) (f64x2.mul (local.get $s2) (v128.load offset=208 (local.get $mat)))))
                  (f64x2.add (f64x2.mul (local.get $x3) (v128.load offset=224 (local.get $mat))) (f64x2.mul (local.get $s3) (v128.load offset=240 (local.get $mat))))))
              ;; row 2
              (v128.store (local.get $p2)
                (f64x2.add (f64x2.add (f64x2.add
                  (f64x2.add (f64x2.mul (local.get $x0) (v128.load offset=256 (local.get $mat))) (f64x2.mul (local.get $s0) (v128.load offset=272 (local.get $mat))))
                  (f64x2.add (f64x2.mul (local.get $x1) (v128.load offset=288 (local.get $mat))) (f64x2.mul (local.get $s1) (v128.load offset=304 (local.get $mat)))))
                  (f64x2.add (f64x2.mul (local.get $x2) (v128.load offset=320 (local.get $mat))) (f64x2.mul (local.get $s2) (v128.load offset=336 (local.get $mat)))))
                  (f64x2.add (f64x2.mul (local.get $x3) (v128.load offset=352 (local.get $mat))) (f64x2.mul (local.get $s3) (v128.load offset=368 (local.get $mat))))))
              ;; row 3
              (v128.store (local.get $p3)
                (f64x2.add (f64x2.add (f64x2.add
                  (f64x2.add (f64x2.mul (local.get $x0) (v128.load offset=384 (local.get $mat))) (f64x2.mul (local.get $s0) (v128.load offset=400 (local.get $mat))))
                  (f64x2.add (f64x2.mul (local.get $x1) (v128.load offset=416 (local.get $mat))) (f64x2.mul (local.get $s1) (v128.load offset=432 (local.get $mat)))))
                  (f64x2.add (f64x2.mul (local.get $x2) (v128.load offset=448 (local.get $mat))) (f64x2.mul (local.get $s2) (v128.load offset=464 (local.get $mat)))))
                  (f64x2.add (f64x2.mul (local.get $x3) (v128.load offset=480 (local.get $mat))) (f64x2.mul (local.get $s3) (v128.load offset=496 (local.get $mat))))))
              (local.set $p (i32.add (local.get $p) (local.get $step)))
              (br_if $items (i32.ne (local.get $p) (local.get $pend))))))))))
        (local.set $off
          (i32.and
            (i32.add (i32.or (i32.sub (i32.sub (local.get $p) (local.get $base)) (local.get $step)) (local.get $mask)) (i32.const 16))
            (i32.xor (local.get $mask) (i32.const -1))))
        (local.set $k (local.get $rend))
        (br $runs)))
    (local.get $off))

  ;; ------------------------------------------------------------------ scale: the floor pass
  ;; Multiplies amplitudes in [p, pend) (byte addresses, pend − p a multiple of 16) by (mr, mi),
  ;; two amplitudes per iteration.
  (func $scalev (param $p i32) (param $pend i32) (param $mr v128) (param $mi v128)
    (local $a v128) (local $b v128)
    (if (i32.and (i32.sub (local.get $pend) (local.get $p)) (i32.const 16))
      (then
        (local.set $a (v128.load (local.get $p)))
        (v128.store (local.get $p)
          (f64x2.add
            (f64x2.mul (local.get $a) (local.get $mr))
            (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)) (local.get $mi))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))))
    (if (i32.ne (local.get $p) (local.get $pend))
      (then
        (loop $l
          (local.set $a (v128.load (local.get $p)))
          (local.set $b (v128.load offset=16 (local.get $p)))
          (v128.store (local.get $p)
            (f64x2.add
              (f64x2.mul (local.get $a) (local.get $mr))
              (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)) (local.get $mi))))
          (v128.store offset=16 (local.get $p)
            (f64x2.add
              (f64x2.mul (local.get $b) (local.get $mr))
              (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $b) (local.get $b)) (local.get $mi))))
          (local.set $p (i32.add (local.get $p) (i32.const 32)))
          (br_if $l (i32.ne (local.get $p) (local.get $pend)))))))

  ;; From 2 MiB on (as the sums), a range of a multiple of 4 KiB runs as four streams (see `streams`), in
  ;; chunks of 1 KiB (4 KiB chunks measured as slow as one stream).
  (func (export "scale") (param $p i32) (param $pend i32) (param $re f64) (param $im f64)
    (local $mr v128) (local $mi v128) (local $d i32) (local $qend i32)
    (local.set $mr (f64x2.splat (local.get $re)))
    (local.set $mi (f64x2.replace_lane 0 (f64x2.splat (local.get $im)) (f64.neg (local.get $im))))
    (local.set $d (i32.sub (local.get $pend) (local.get $p)))
    (if (i32.or (i32.lt_u (local.get $d) (i32.const 2097152)) (i32.and (local.get $d) (i32.const 4095)))
      (then
        (call $scalev (local.get $p) (local.get $pend) (local.get $mr) (local.get $mi))
        (return)))
    (local.set $d (i32.shr_u (local.get $d) (i32.const 2)))
    (local.set $qend (i32.add (local.get $p) (local.get $d)))
    (loop $chunks
      (call $scalev (local.get $p) (i32.add (local.get $p) (i32.const 1024)) (local.get $mr) (local.get $mi))
      (call $scalev (i32.add (local.get $p) (local.get $d)) (i32.add (i32.add (local.get $p) (local.get $d)) (i32.const 1024)) (local.get $mr) (local.get $mi))
      (call $scalev (i32.add (local.get $p) (i32.shl (local.get $d) (i32.const 1))) (i32.add (i32.add (local.get $p) (i32.shl (local.get $d) (i32.const 1))) (i32.const 1024)) (local.get $mr) (local.get $mi))
      (call $scalev (i32.add (local.get $p) (i32.mul (local.get $d) (i32.const 3))) (i32.add (i32.add (local.get $p) (i32.mul (local.get $d) (i32.const 3))) (i32.const 1024)) (local.get $mr) (local.get $mi))
      (local.set $p (i32.add (local.get $p) (i32.const 1024)))
      (br_if $chunks (i32.ne (local.get $p) (local.get $qend)))))

  ;; ------------------------------------------------------------------ sumSquares
  ;; Σ|a|² over [p, pend). From 2 MiB on, a range of a whole number of 4 KiB runs as four streams
  ;; (see `streams`) in chunks of 1 KiB.
  (func (export "sumSquares") (param $p i32) (param $pend i32) (result f64)
    (local $d i32) (local $x i32) (local $sum f64)
    (local.set $d (i32.sub (local.get $pend) (local.get $p)))
    (if (i32.or (i32.lt_u (local.get $d) (i32.const 2097152)) (i32.and (local.get $d) (i32.const 4095)))
      (then (return (call $sumSquaresRange (local.get $p) (local.get $pend)))))
    (local.set $d (i32.shr_u (local.get $d) (i32.const 2)))
    (loop $chunks
      (local.set $sum (f64.add (local.get $sum) (f64.add
        (f64.add (call $sumSquaresRange (i32.add (local.get $p) (local.get $x)) (i32.add (local.get $p) (i32.add (local.get $x) (i32.const 1024))))
                 (call $sumSquaresRange (i32.add (i32.add (local.get $p) (local.get $d)) (local.get $x))
                                        (i32.add (i32.add (local.get $p) (local.get $d)) (i32.add (local.get $x) (i32.const 1024)))))
        (f64.add (call $sumSquaresRange (i32.add (i32.add (local.get $p) (i32.shl (local.get $d) (i32.const 1))) (local.get $x))
                                        (i32.add (i32.add (local.get $p) (i32.shl (local.get $d) (i32.const 1))) (i32.add (local.get $x) (i32.const 1024))))
                 (call $sumSquaresRange (i32.add (i32.add (local.get $p) (i32.mul (local.get $d) (i32.const 3))) (local.get $x))
                                        (i32.add (i32.add (local.get $p) (i32.mul (local.get $d) (i32.const 3))) (i32.add (local.get $x) (i32.const 1024))))))))
      (local.set $x (i32.add (local.get $x) (i32.const 1024)))
      (br_if $chunks (i32.ne (local.get $x) (local.get $d))))
    (local.get $sum))

  ;; One stream: four independent f64x2 accumulators, 64 bytes per iteration.
  (func $sumSquaresRange (param $p i32) (param $pend i32) (result f64)
    (local $q i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $v v128)
    (local.set $q (i32.add (local.get $p) (i32.and (i32.sub (local.get $pend) (local.get $p)) (i32.const -64))))
    (if (i32.ne (local.get $p) (local.get $q))
      (then
        (loop $l
          (local.set $v (v128.load (local.get $p)))
          (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $v) (local.get $v))))
          (local.set $v (v128.load offset=16 (local.get $p)))
          (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $v) (local.get $v))))
          (local.set $v (v128.load offset=32 (local.get $p)))
          (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $v) (local.get $v))))
          (local.set $v (v128.load offset=48 (local.get $p)))
          (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $v) (local.get $v))))
          (local.set $p (i32.add (local.get $p) (i32.const 64)))
          (br_if $l (i32.ne (local.get $p) (local.get $q))))))
    (block $done
      (loop $t
        (br_if $done (i32.eq (local.get $p) (local.get $pend)))
        (local.set $v (v128.load (local.get $p)))
        (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $v) (local.get $v))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $t)))
    (local.set $a0 (f64x2.add (f64x2.add (local.get $a0) (local.get $a1)) (f64x2.add (local.get $a2) (local.get $a3))))
    (f64.add (f64x2.extract_lane 0 (local.get $a0)) (f64x2.extract_lane 1 (local.get $a0))))

  ;; ------------------------------------------------------------------ sumSquaresSplit
  ;; Σ|a|² over [p, pend) split by one bit: blocks of 2·$stride bytes whose first half (bit 0)
  ;; goes to the f64 at $out and second half (bit 1) to $out + 8. [p, pend) is whole blocks. From
  ;; 2 MiB on (a whole number of 4 KiB) it runs as four streams in 1 KiB chunks: a chunk holds
  ;; whole blocks ($stride < 1 KiB) or lies in one half of a block (its sum goes to that half).
  (func (export "sumSquaresSplit") (param $p i32) (param $pend i32) (param $stride i32) (param $out i32)
    (local $d i32) (local $x i32) (local $s i32) (local $a i32) (local $o i32)
    (f64.store (local.get $out) (f64.const 0))
    (f64.store offset=8 (local.get $out) (f64.const 0))
    (local.set $d (i32.sub (local.get $pend) (local.get $p)))
    (if (i32.or (i32.lt_u (local.get $d) (i32.const 2097152)) (i32.and (local.get $d) (i32.const 4095)))
      (then
        (call $sumSquaresSplitRange (local.get $p) (local.get $pend) (local.get $stride) (local.get $out))
        (return)))
    (local.set $d (i32.shr_u (local.get $d) (i32.const 2)))
    (loop $chunks
      (local.set $s (i32.const 0))
      (loop $parts
        (local.set $a (i32.add (i32.mul (local.get $s) (local.get $d)) (local.get $x))) ;; offset from $p
        (if (i32.lt_u (local.get $stride) (i32.const 1024))
          (then
            (call $sumSquaresSplitRange (i32.add (local.get $p) (local.get $a)) (i32.add (i32.add (local.get $p) (local.get $a)) (i32.const 1024))
              (local.get $stride) (local.get $out)))
          (else
            (local.set $o (i32.add (local.get $out) (select (i32.const 8) (i32.const 0) (i32.and (local.get $a) (local.get $stride)))))
            (f64.store (local.get $o) (f64.add (f64.load (local.get $o))
              (call $sumSquaresRange (i32.add (local.get $p) (local.get $a)) (i32.add (i32.add (local.get $p) (local.get $a)) (i32.const 1024)))))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br_if $parts (i32.ne (local.get $s) (i32.const 4))))
      (local.set $x (i32.add (local.get $x) (i32.const 1024)))
      (br_if $chunks (i32.ne (local.get $x) (local.get $d)))))

  ;; One stream, whole blocks; adds to the two sums at $out.
  (func $sumSquaresSplitRange (param $p i32) (param $pend i32) (param $stride i32) (param $out i32)
    (local $e i32) (local $v v128) (local $a0 v128) (local $a1 v128)
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $p) (local.get $pend)))
        (local.set $e (i32.add (local.get $p) (local.get $stride)))
        (loop $run
          (local.set $v (v128.load (local.get $p)))
          (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $v) (local.get $v))))
          (local.set $v (v128.load (i32.add (local.get $p) (local.get $stride))))
          (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $v) (local.get $v))))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br_if $run (i32.ne (local.get $p) (local.get $e))))
        (local.set $p (i32.add (local.get $p) (local.get $stride)))
        (br $blocks)))
    (f64.store (local.get $out) (f64.add (f64.load (local.get $out))
      (f64.add (f64x2.extract_lane 0 (local.get $a0)) (f64x2.extract_lane 1 (local.get $a0)))))
    (f64.store offset=8 (local.get $out) (f64.add (f64.load offset=8 (local.get $out))
      (f64.add (f64x2.extract_lane 0 (local.get $a1)) (f64x2.extract_lane 1 (local.get $a1))))))

  ;; ------------------------------------------------------------------ diag: diagonal on ≤ 2 qubits
  ;; Work items are raw amplitude indices [i, end). The entry for amplitude i is
  ;; d[bit q0 of i | (bit q1 of i) << 1] if (i & cmask) == cval (q0/q1 = 31 when absent: bit 0).
  ;; $tbl → 4 complex entries (pre-splatted, entries past 2^k unused). Entries equal to exactly
  ;; (1, 0) and amplitudes whose controls do not match are left alone, as in the TS kernel.

  ;; Which entry amplitude i gets, or −1 to leave it alone.
  (func $lane (param $i i32) (param $cmask i32) (param $cval i32) (param $q0 i32) (param $q1 i32) (param $tbl i32) (result i32)
    (local $l i32) (local $e i32)
    (if (i32.ne (i32.and (local.get $i) (local.get $cmask)) (local.get $cval)) (then (return (i32.const -1))))
    (local.set $l
      (i32.or
        (i32.and (i32.shr_u (local.get $i) (local.get $q0)) (i32.const 1))
        (i32.shl (i32.and (i32.shr_u (local.get $i) (local.get $q1)) (i32.const 1)) (i32.const 1))))
    (local.set $e (i32.add (local.get $tbl) (i32.shl (local.get $l) (i32.const 5))))
    (if (i32.and (f64.eq (f64.load (local.get $e)) (f64.const 1)) (f64.eq (f64.load offset=24 (local.get $e)) (f64.const 0)))
      (then (return (i32.const -1))))
    (local.get $l))

  ;; One amplitude (head and tail of a range that is not a multiple of 4).
  (func $diag1 (param $base i32) (param $i i32) (param $cmask i32) (param $cval i32) (param $q0 i32) (param $q1 i32) (param $tbl i32)
    (local $l i32) (local $p i32) (local $e i32) (local $a v128)
    (local.set $l (call $lane (local.get $i) (local.get $cmask) (local.get $cval) (local.get $q0) (local.get $q1) (local.get $tbl)))
    (if (i32.ge_s (local.get $l) (i32.const 0))
      (then
        (local.set $e (i32.add (local.get $tbl) (i32.shl (local.get $l) (i32.const 5))))
        (local.set $p (i32.add (local.get $base) (i32.shl (local.get $i) (i32.const 4))))
        (local.set $a (v128.load (local.get $p)))
        (v128.store (local.get $p)
          (f64x2.add
            (f64x2.mul (local.get $a) (v128.load (local.get $e)))
            (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)) (v128.load offset=16 (local.get $e))))))))

  ;; $run = 2^h, h = lowest involved bit (targets or controls) ≥ 2 (2^30 when none): within an
  ;; aligned run of that many amplitudes, the entries of the 4 amplitudes of every aligned group
  ;; (one 64-byte cache line) repeat. Per run: all four skipped → nothing is read; all four equal
  ;; → the scale loop; otherwise a 4-lane loop with per-lane multipliers, keeping skipped lanes
  ;; bit for bit (v128.bitselect).
  (func (export "diag")
    (param $base i32) (param $i i32) (param $end i32) (param $cmask i32) (param $cval i32)
    (param $q0 i32) (param $q1 i32) (param $tbl i32) (param $run i32)
    (local $gend i32) (local $rend i32) (local $p i32) (local $pend i32)
    (local $l0 i32) (local $l1 i32) (local $l2 i32) (local $l3 i32) (local $e i32)
    (local $r0 v128) (local $i0 v128) (local $k0 v128)
    (local $r1 v128) (local $i1 v128) (local $k1 v128)
    (local $r2 v128) (local $i2 v128) (local $k2 v128)
    (local $r3 v128) (local $i3 v128) (local $k3 v128)
    (local $v v128)
    ;; head: up to the first multiple of 4
    (block $hd
      (loop $h
        (br_if $hd (i32.ge_s (local.get $i) (local.get $end)))
        (br_if $hd (i32.eqz (i32.and (local.get $i) (i32.const 3))))
        (call $diag1 (local.get $base) (local.get $i) (local.get $cmask) (local.get $cval) (local.get $q0) (local.get $q1) (local.get $tbl))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $h)))
    ;; body: whole groups of 4
    (local.set $gend (i32.and (local.get $end) (i32.const -4)))
    (block $bd
      (loop $b
        (br_if $bd (i32.ge_s (local.get $i) (local.get $gend)))
        (local.set $rend (i32.add (i32.or (local.get $i) (i32.sub (local.get $run) (i32.const 1))) (i32.const 1)))
        (if (i32.gt_s (local.get $rend) (local.get $gend)) (then (local.set $rend (local.get $gend))))
        (local.set $l0 (call $lane (local.get $i) (local.get $cmask) (local.get $cval) (local.get $q0) (local.get $q1) (local.get $tbl)))
        (local.set $l1 (call $lane (i32.or (local.get $i) (i32.const 1)) (local.get $cmask) (local.get $cval) (local.get $q0) (local.get $q1) (local.get $tbl)))
        (local.set $l2 (call $lane (i32.or (local.get $i) (i32.const 2)) (local.get $cmask) (local.get $cval) (local.get $q0) (local.get $q1) (local.get $tbl)))
        (local.set $l3 (call $lane (i32.or (local.get $i) (i32.const 3)) (local.get $cmask) (local.get $cval) (local.get $q0) (local.get $q1) (local.get $tbl)))
        (local.set $p (i32.add (local.get $base) (i32.shl (local.get $i) (i32.const 4))))
        (local.set $pend (i32.add (local.get $base) (i32.shl (local.get $rend) (i32.const 4))))
        (if (i32.ne (i32.and (i32.and (local.get $l0) (local.get $l1)) (i32.and (local.get $l2) (local.get $l3))) (i32.const -1))
          (then
            (if (i32.and (i32.eq (local.get $l0) (local.get $l1)) (i32.and (i32.eq (local.get $l1) (local.get $l2)) (i32.eq (local.get $l2) (local.get $l3))))
              (then
                (local.set $e (i32.add (local.get $tbl) (i32.shl (local.get $l0) (i32.const 5))))
                (call $scalev (local.get $p) (local.get $pend) (v128.load (local.get $e)) (v128.load offset=16 (local.get $e))))
              (else
                ;; per-lane multipliers; a skipped lane keeps its value (mask all ones)
                (local.set $e (i32.add (local.get $tbl) (i32.shl (select (local.get $l0) (i32.const 0) (i32.ge_s (local.get $l0) (i32.const 0))) (i32.const 5))))
                (local.set $r0 (v128.load (local.get $e)))
                (local.set $i0 (v128.load offset=16 (local.get $e)))
                (local.set $k0 (i32x4.splat (i32.shr_s (local.get $l0) (i32.const 31))))
                (local.set $e (i32.add (local.get $tbl) (i32.shl (select (local.get $l1) (i32.const 0) (i32.ge_s (local.get $l1) (i32.const 0))) (i32.const 5))))
                (local.set $r1 (v128.load (local.get $e)))
                (local.set $i1 (v128.load offset=16 (local.get $e)))
                (local.set $k1 (i32x4.splat (i32.shr_s (local.get $l1) (i32.const 31))))
                (local.set $e (i32.add (local.get $tbl) (i32.shl (select (local.get $l2) (i32.const 0) (i32.ge_s (local.get $l2) (i32.const 0))) (i32.const 5))))
                (local.set $r2 (v128.load (local.get $e)))
                (local.set $i2 (v128.load offset=16 (local.get $e)))
                (local.set $k2 (i32x4.splat (i32.shr_s (local.get $l2) (i32.const 31))))
                (local.set $e (i32.add (local.get $tbl) (i32.shl (select (local.get $l3) (i32.const 0) (i32.ge_s (local.get $l3) (i32.const 0))) (i32.const 5))))
                (local.set $r3 (v128.load (local.get $e)))
                (local.set $i3 (v128.load offset=16 (local.get $e)))
                (local.set $k3 (i32x4.splat (i32.shr_s (local.get $l3) (i32.const 31))))
                (if (i32.ge_s (i32.or (i32.or (local.get $l0) (local.get $l1)) (i32.or (local.get $l2) (local.get $l3))) (i32.const 0))
                  (then
                    ;; no lane skipped (RZ, RZZ, …): no masking
                    (loop $gf
                      (local.set $v (v128.load offset=0 (local.get $p)))
                      (v128.store offset=0 (local.get $p)
                        (f64x2.add (f64x2.mul (local.get $v) (local.get $r0))
                                     (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)) (local.get $i0))))
                      (local.set $v (v128.load offset=16 (local.get $p)))
                      (v128.store offset=16 (local.get $p)
                        (f64x2.add (f64x2.mul (local.get $v) (local.get $r1))
                                     (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)) (local.get $i1))))
                      (local.set $v (v128.load offset=32 (local.get $p)))
                      (v128.store offset=32 (local.get $p)
                        (f64x2.add (f64x2.mul (local.get $v) (local.get $r2))
                                     (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)) (local.get $i2))))
                      (local.set $v (v128.load offset=48 (local.get $p)))
                      (v128.store offset=48 (local.get $p)
                        (f64x2.add (f64x2.mul (local.get $v) (local.get $r3))
                                     (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)) (local.get $i3))))
                      (local.set $p (i32.add (local.get $p) (i32.const 64)))
                      (br_if $gf (i32.ne (local.get $p) (local.get $pend)))))
                  (else
                    (loop $g
                      (local.set $v (v128.load offset=0 (local.get $p)))
                      (v128.store offset=0 (local.get $p)
                        (v128.bitselect (local.get $v)
                          (f64x2.add (f64x2.mul (local.get $v) (local.get $r0))
                                     (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)) (local.get $i0)))
                          (local.get $k0)))
                      (local.set $v (v128.load offset=16 (local.get $p)))
                      (v128.store offset=16 (local.get $p)
                        (v128.bitselect (local.get $v)
                          (f64x2.add (f64x2.mul (local.get $v) (local.get $r1))
                                     (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)) (local.get $i1)))
                          (local.get $k1)))
                      (local.set $v (v128.load offset=32 (local.get $p)))
                      (v128.store offset=32 (local.get $p)
                        (v128.bitselect (local.get $v)
                          (f64x2.add (f64x2.mul (local.get $v) (local.get $r2))
                                     (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)) (local.get $i2)))
                          (local.get $k2)))
                      (local.set $v (v128.load offset=48 (local.get $p)))
                      (v128.store offset=48 (local.get $p)
                        (v128.bitselect (local.get $v)
                          (f64x2.add (f64x2.mul (local.get $v) (local.get $r3))
                                     (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)) (local.get $i3)))
                          (local.get $k3)))
                      (local.set $p (i32.add (local.get $p) (i32.const 64)))
                      (br_if $g (i32.ne (local.get $p) (local.get $pend))))))))))
        (local.set $i (local.get $rend))
        (br $b)))
    ;; tail
    (block $td
      (loop $t
        (br_if $td (i32.ge_s (local.get $i) (local.get $end)))
        (call $diag1 (local.get $base) (local.get $i) (local.get $cmask) (local.get $cval) (local.get $q0) (local.get $q1) (local.get $tbl))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $t))))

  ;; ------------------------------------------------------------------ phaseProduct: one-qubit phases
  ;; Amplitudes [i, end) times the product of one-qubit phase factors (see phase-product.ts):
  ;; per aligned run of 64, a mismatching high control ($hc/$hv) skips the run, else the high
  ;; factor h = (H1·H2)·H3 is looked up by bits 6–13, 14–21, 22–29; then each amplitude is
  ;; multiplied by its low factor (bits 0–5) and by h. $tbl: [0, 2048) 64 low factors pre-splatted
  ;; (32 bytes), [2048, 3072) 64 lane masks (all ones: a low control does not match, keep the
  ;; value), [3072, 15360) three tables of 256 (re, im). $mode: 0 no low factor (scale by h),
  ;; 1 low factors, 2 low factors and low controls.
  (func (export "phaseProduct")
    (param $base i32) (param $i i32) (param $end i32) (param $tbl i32) (param $hc i32) (param $hv i32) (param $mode i32)
    (local $rend i32) (local $p i32) (local $pend i32) (local $e i32) (local $x i32)
    (local $ar f64) (local $ai f64) (local $br f64) (local $bi f64) (local $hr f64) (local $hi f64)
    (local $mr v128) (local $mi v128) (local $a v128) (local $b v128)
    (block $done
      (loop $runs
        (br_if $done (i32.ge_s (local.get $i) (local.get $end)))
        (local.set $rend (i32.add (i32.or (local.get $i) (i32.const 63)) (i32.const 1)))
        (if (i32.gt_s (local.get $rend) (local.get $end)) (then (local.set $rend (local.get $end))))
        (if (i32.eq (i32.and (local.get $i) (local.get $hc)) (local.get $hv))
          (then
            (local.set $x (i32.add (local.get $tbl)
              (i32.add (i32.const 3072) (i32.shl (i32.and (i32.shr_u (local.get $i) (i32.const 6)) (i32.const 255)) (i32.const 4)))))
            (local.set $ar (f64.load (local.get $x)))
            (local.set $ai (f64.load offset=8 (local.get $x)))
            (local.set $x (i32.add (local.get $tbl)
              (i32.add (i32.const 7168) (i32.shl (i32.and (i32.shr_u (local.get $i) (i32.const 14)) (i32.const 255)) (i32.const 4)))))
            (local.set $br (f64.load (local.get $x)))
            (local.set $bi (f64.load offset=8 (local.get $x)))
            (local.set $hr (f64.sub (f64.mul (local.get $ar) (local.get $br)) (f64.mul (local.get $ai) (local.get $bi))))
            (local.set $hi (f64.add (f64.mul (local.get $ar) (local.get $bi)) (f64.mul (local.get $ai) (local.get $br))))
            (local.set $x (i32.add (local.get $tbl)
              (i32.add (i32.const 11264) (i32.shl (i32.and (i32.shr_u (local.get $i) (i32.const 22)) (i32.const 255)) (i32.const 4)))))
            (local.set $br (f64.load (local.get $x)))
            (local.set $bi (f64.load offset=8 (local.get $x)))
            (local.set $ar (local.get $hr))
            (local.set $ai (local.get $hi))
            (local.set $hr (f64.sub (f64.mul (local.get $ar) (local.get $br)) (f64.mul (local.get $ai) (local.get $bi))))
            (local.set $hi (f64.add (f64.mul (local.get $ar) (local.get $bi)) (f64.mul (local.get $ai) (local.get $br))))
            (local.set $mr (f64x2.splat (local.get $hr)))
            (local.set $mi (f64x2.replace_lane 0 (f64x2.splat (local.get $hi)) (f64.neg (local.get $hi))))
            (local.set $p (i32.add (local.get $base) (i32.shl (local.get $i) (i32.const 4))))
            (local.set $pend (i32.add (local.get $base) (i32.shl (local.get $rend) (i32.const 4))))
            (local.set $e (i32.add (local.get $tbl) (i32.shl (i32.and (local.get $i) (i32.const 63)) (i32.const 5))))
            (if (i32.eqz (local.get $mode))
              (then (call $scalev (local.get $p) (local.get $pend) (local.get $mr) (local.get $mi)))
              (else
                (if (i32.eq (local.get $mode) (i32.const 1))
                  (then
                    ;; an odd amplitude first, then two per iteration
                    (if (i32.and (i32.sub (local.get $pend) (local.get $p)) (i32.const 16))
                      (then
                        (local.set $a (v128.load (local.get $p)))
                        (local.set $b
                          (f64x2.add
                            (f64x2.mul (local.get $a) (v128.load (local.get $e)))
                            (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)) (v128.load offset=16 (local.get $e)))))
                        (v128.store (local.get $p)
                          (f64x2.add
                            (f64x2.mul (local.get $b) (local.get $mr))
                            (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $b) (local.get $b)) (local.get $mi))))
                        (local.set $e (i32.add (local.get $e) (i32.const 32)))
                        (local.set $p (i32.add (local.get $p) (i32.const 16)))))
                    (if (i32.ne (local.get $p) (local.get $pend))
                      (then
                        (loop $items
                          (local.set $a (v128.load (local.get $p)))
                          (local.set $b
                            (f64x2.add
                              (f64x2.mul (local.get $a) (v128.load (local.get $e)))
                              (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)) (v128.load offset=16 (local.get $e)))))
                          (v128.store (local.get $p)
                            (f64x2.add
                              (f64x2.mul (local.get $b) (local.get $mr))
                              (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $b) (local.get $b)) (local.get $mi))))
                          (local.set $a (v128.load offset=16 (local.get $p)))
                          (local.set $b
                            (f64x2.add
                              (f64x2.mul (local.get $a) (v128.load offset=32 (local.get $e)))
                              (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)) (v128.load offset=48 (local.get $e)))))
                          (v128.store offset=16 (local.get $p)
                            (f64x2.add
                              (f64x2.mul (local.get $b) (local.get $mr))
                              (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $b) (local.get $b)) (local.get $mi))))
                          (local.set $e (i32.add (local.get $e) (i32.const 64)))
                          (local.set $p (i32.add (local.get $p) (i32.const 32)))
                          (br_if $items (i32.ne (local.get $p) (local.get $pend)))))))
                  (else
                    (loop $mitems
                      (local.set $a (v128.load (local.get $p)))
                      (local.set $b
                        (f64x2.add
                          (f64x2.mul (local.get $a) (v128.load (local.get $e)))
                          (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)) (v128.load offset=16 (local.get $e)))))
                      (v128.store (local.get $p)
                        (v128.bitselect (local.get $a)
                          (f64x2.add
                            (f64x2.mul (local.get $b) (local.get $mr))
                            (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $b) (local.get $b)) (local.get $mi)))
                          ;; mask of lane j at 2048 + 16·j, and $e − $tbl = 32·j
                          (v128.load offset=2048 (i32.add (local.get $tbl) (i32.shr_u (i32.sub (local.get $e) (local.get $tbl)) (i32.const 1))))))
                      (local.set $e (i32.add (local.get $e) (i32.const 32)))
                      (local.set $p (i32.add (local.get $p) (i32.const 16)))
                      (br_if $mitems (i32.ne (local.get $p) (local.get $pend))))))))))
        (local.set $i (local.get $rend))
        (br $runs))))

  ;; ------------------------------------------------------------------ dense1Phased: H, then its phases
  ;; A real 2×2 on qubit t (no controls) over pairs [k, end), then the phase product (tables as
  ;; phaseProduct's at $tbl, no controls) on one side of each pair. $offp/$offq: byte offsets
  ;; (0 or $stride) where the plain and the phased row land; $mat → 4 real entries pre-splatted,
  ;; plain row then phased row. Pair k's lower index i = insertZero(k, t). For t ≥ 6 an aligned
  ;; chunk of 64 pairs is 64 consecutive amplitudes (low factors by k & 63); for t < 6 an aligned
  ;; chunk of 32 pairs fills one aligned block of 64 amplitudes, walked in runs of 2^t pairs. Either
  ;; way the high factor is one per chunk. $mode bits: 1 low factors (a phase qubit below bit 6;
  ;; without, the t ≥ 6 loop skips them); 2 the matrix is H-shaped (plain row (c, c), phased row
  ;; (c', −c'): a sum and a difference instead of the 2×2); 4 no phase qubit below t (for t < 6 the
  ;; pairs of a run share one low factor).
  (func (export "dense1Phased")
    (param $base i32) (param $k i32) (param $end i32) (param $t i32) (param $stride i32)
    (param $offp i32) (param $offq i32) (param $mat i32) (param $tbl i32) (param $mode i32)
    (local $cend i32) (local $i i32) (local $p i32) (local $pend i32) (local $e i32) (local $x i32) (local $rend i32)
    (local $ar f64) (local $ai f64) (local $br f64) (local $bi f64) (local $hr f64) (local $hi f64)
    (local $m0 v128) (local $m1 v128) (local $m2 v128) (local $m3 v128)
    (local $mr v128) (local $mi v128) (local $a v128) (local $b v128) (local $y v128) (local $fr v128) (local $fi v128)
    (local.set $m0 (v128.load offset=0 (local.get $mat)))
    (local.set $m1 (v128.load offset=32 (local.get $mat)))
    (local.set $m2 (v128.load offset=64 (local.get $mat)))
    (local.set $m3 (v128.load offset=96 (local.get $mat)))
    (block $done
      (loop $chunks
        (br_if $done (i32.ge_s (local.get $k) (local.get $end)))
        (local.set $cend (i32.add (i32.or (local.get $k) (select (i32.const 63) (i32.const 31) (i32.ge_u (local.get $t) (i32.const 6)))) (i32.const 1)))
        (if (i32.gt_s (local.get $cend) (local.get $end)) (then (local.set $cend (local.get $end))))
        (local.set $i
          (i32.or
            (i32.shl (i32.shr_u (local.get $k) (local.get $t)) (i32.add (local.get $t) (i32.const 1)))
            (i32.and (local.get $k) (i32.sub (i32.shl (i32.const 1) (local.get $t)) (i32.const 1)))))
        (local.set $x (i32.add (local.get $tbl)
          (i32.add (i32.const 3072) (i32.shl (i32.and (i32.shr_u (local.get $i) (i32.const 6)) (i32.const 255)) (i32.const 4)))))
        (local.set $ar (f64.load (local.get $x)))
        (local.set $ai (f64.load offset=8 (local.get $x)))
        (local.set $x (i32.add (local.get $tbl)
          (i32.add (i32.const 7168) (i32.shl (i32.and (i32.shr_u (local.get $i) (i32.const 14)) (i32.const 255)) (i32.const 4)))))
        (local.set $br (f64.load (local.get $x)))
        (local.set $bi (f64.load offset=8 (local.get $x)))
        (local.set $hr (f64.sub (f64.mul (local.get $ar) (local.get $br)) (f64.mul (local.get $ai) (local.get $bi))))
        (local.set $hi (f64.add (f64.mul (local.get $ar) (local.get $bi)) (f64.mul (local.get $ai) (local.get $br))))
        (local.set $x (i32.add (local.get $tbl)
          (i32.add (i32.const 11264) (i32.shl (i32.and (i32.shr_u (local.get $i) (i32.const 22)) (i32.const 255)) (i32.const 4)))))
        (local.set $br (f64.load (local.get $x)))
        (local.set $bi (f64.load offset=8 (local.get $x)))
        (local.set $ar (local.get $hr))
        (local.set $ai (local.get $hi))
        (local.set $hr (f64.sub (f64.mul (local.get $ar) (local.get $br)) (f64.mul (local.get $ai) (local.get $bi))))
        (local.set $hi (f64.add (f64.mul (local.get $ar) (local.get $bi)) (f64.mul (local.get $ai) (local.get $br))))
        (local.set $mr (f64x2.splat (local.get $hr)))
        (local.set $mi (f64x2.replace_lane 0 (f64x2.splat (local.get $hi)) (f64.neg (local.get $hi))))
        (if (i32.lt_u (local.get $t) (i32.const 6))
          (then
            ;; within the chunk the next pair is 16 bytes on, or past the partners (16 + $stride)
            ;; where k crosses a multiple of 2^t; the low factor index moves with the amplitude
            (if (i32.and (local.get $mode) (i32.const 4))
              (then
                ;; no phase qubit below t: the 2^t pairs of a run share their low factor, so the
                ;; run's factor f = low·h is formed once and each pair takes one complex multiply
                (loop $truns
                  (local.set $i
                    (i32.or
                      (i32.shl (i32.shr_u (local.get $k) (local.get $t)) (i32.add (local.get $t) (i32.const 1)))
                      (i32.and (local.get $k) (i32.sub (i32.shl (i32.const 1) (local.get $t)) (i32.const 1)))))
                  (local.set $p (i32.add (local.get $base) (i32.shl (local.get $i) (i32.const 4))))
                  (local.set $e (i32.add (local.get $tbl) (i32.shl (i32.and (local.get $i) (i32.const 63)) (i32.const 5))))
                  (local.set $rend (i32.add (i32.or (local.get $k) (i32.sub (i32.shl (i32.const 1) (local.get $t)) (i32.const 1))) (i32.const 1)))
                  (if (i32.gt_s (local.get $rend) (local.get $cend)) (then (local.set $rend (local.get $cend))))
                  ;; low entry [re, re, −im, +im]
                  (local.set $ar (f64.load (local.get $e)))
                  (local.set $ai (f64.load offset=24 (local.get $e)))
                  (local.set $br (f64.sub (f64.mul (local.get $ar) (local.get $hr)) (f64.mul (local.get $ai) (local.get $hi))))
                  (local.set $bi (f64.add (f64.mul (local.get $ar) (local.get $hi)) (f64.mul (local.get $ai) (local.get $hr))))
                  (local.set $fr (f64x2.splat (local.get $br)))
                  (local.set $fi (f64x2.replace_lane 0 (f64x2.splat (local.get $bi)) (f64.neg (local.get $bi))))
                  (if (i32.and (local.get $mode) (i32.const 2))
                    (then
                      ;; H-shaped: plain = m0·(a + b), phased = (a − b)·(m2·f)
                      (local.set $fr (f64x2.mul (local.get $fr) (local.get $m2)))
                      (local.set $fi (f64x2.mul (local.get $fi) (local.get $m2)))
                      (loop $thh
                        (local.set $a (v128.load (local.get $p)))
                        (local.set $b (v128.load (i32.add (local.get $p) (local.get $stride))))
                        (v128.store (i32.add (local.get $p) (local.get $offp))
                          (f64x2.mul (f64x2.add (local.get $a) (local.get $b)) (local.get $m0)))
                        (local.set $y (f64x2.sub (local.get $a) (local.get $b)))
                        (v128.store (i32.add (local.get $p) (local.get $offq))
                          (f64x2.add
                            (f64x2.mul (local.get $y) (local.get $fr))
                            (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $y) (local.get $y)) (local.get $fi))))
                        (local.set $p (i32.add (local.get $p) (i32.const 16)))
                        (local.set $k (i32.add (local.get $k) (i32.const 1)))
                        (br_if $thh (i32.ne (local.get $k) (local.get $rend)))))
                    (else
                      (loop $tpairs
                        (local.set $a (v128.load (local.get $p)))
                        (local.set $b (v128.load (i32.add (local.get $p) (local.get $stride))))
                        (v128.store (i32.add (local.get $p) (local.get $offp))
                          (f64x2.add (f64x2.mul (local.get $a) (local.get $m0)) (f64x2.mul (local.get $b) (local.get $m1))))
                        (local.set $y (f64x2.add (f64x2.mul (local.get $a) (local.get $m2)) (f64x2.mul (local.get $b) (local.get $m3))))
                        (v128.store (i32.add (local.get $p) (local.get $offq))
                          (f64x2.add
                            (f64x2.mul (local.get $y) (local.get $fr))
                            (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $y) (local.get $y)) (local.get $fi))))
                        (local.set $p (i32.add (local.get $p) (i32.const 16)))
                        (local.set $k (i32.add (local.get $k) (i32.const 1)))
                        (br_if $tpairs (i32.ne (local.get $k) (local.get $rend))))))
                  (br_if $truns (i32.ne (local.get $k) (local.get $cend))))
                (br $chunks)))
            (local.set $p (i32.add (local.get $base) (i32.shl (local.get $i) (i32.const 4))))
            (local.set $e (i32.add (local.get $tbl) (i32.shl (i32.and (local.get $i) (i32.const 63)) (i32.const 5))))
            (loop $pairs
              (local.set $a (v128.load (local.get $p)))
              (local.set $b (v128.load (i32.add (local.get $p) (local.get $stride))))
              (v128.store (i32.add (local.get $p) (local.get $offp))
                (f64x2.add (f64x2.mul (local.get $a) (local.get $m0)) (f64x2.mul (local.get $b) (local.get $m1))))
              (local.set $y (f64x2.add (f64x2.mul (local.get $a) (local.get $m2)) (f64x2.mul (local.get $b) (local.get $m3))))
              (local.set $y
                (f64x2.add
                  (f64x2.mul (local.get $y) (v128.load (local.get $e)))
                  (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $y) (local.get $y)) (v128.load offset=16 (local.get $e)))))
              (v128.store (i32.add (local.get $p) (local.get $offq))
                (f64x2.add
                  (f64x2.mul (local.get $y) (local.get $mr))
                  (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $y) (local.get $y)) (local.get $mi))))
              (local.set $k (i32.add (local.get $k) (i32.const 1)))
              (local.set $x
                (select (i32.add (local.get $stride) (i32.const 16)) (i32.const 16)
                  (i32.eqz (i32.and (local.get $k) (i32.sub (i32.shl (i32.const 1) (local.get $t)) (i32.const 1))))))
              (local.set $p (i32.add (local.get $p) (local.get $x)))
              (local.set $e (i32.add (local.get $e) (i32.shl (local.get $x) (i32.const 1))))
              (br_if $pairs (i32.ne (local.get $k) (local.get $cend))))
            (br $chunks)))
        (local.set $p (i32.add (local.get $base) (i32.shl (local.get $i) (i32.const 4))))
        (local.set $pend (i32.add (local.get $p) (i32.shl (i32.sub (local.get $cend) (local.get $k)) (i32.const 4))))
        (if (i32.eq (i32.and (local.get $mode) (i32.const 3)) (i32.const 2))
          (then
            ;; H-shaped, no low factors: plain = m0·(a + b), phased = (a − b)·(m2·h)
            (local.set $mr (f64x2.mul (local.get $mr) (local.get $m2)))
            (local.set $mi (f64x2.mul (local.get $mi) (local.get $m2)))
            (loop $hh
              (local.set $a (v128.load (local.get $p)))
              (local.set $b (v128.load (i32.add (local.get $p) (local.get $stride))))
              (v128.store (i32.add (local.get $p) (local.get $offp))
                (f64x2.mul (f64x2.add (local.get $a) (local.get $b)) (local.get $m0)))
              (local.set $y (f64x2.sub (local.get $a) (local.get $b)))
              (v128.store (i32.add (local.get $p) (local.get $offq))
                (f64x2.add
                  (f64x2.mul (local.get $y) (local.get $mr))
                  (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $y) (local.get $y)) (local.get $mi))))
              (local.set $p (i32.add (local.get $p) (i32.const 16)))
              (br_if $hh (i32.ne (local.get $p) (local.get $pend))))
            (local.set $k (local.get $cend))
            (br $chunks)))
        (if (i32.eqz (i32.and (local.get $mode) (i32.const 1)))
          (then
            ;; no phase qubit below bit 6 (low factors all 1): the high factor alone
            (loop $hitems
              (local.set $a (v128.load (local.get $p)))
              (local.set $b (v128.load (i32.add (local.get $p) (local.get $stride))))
              (v128.store (i32.add (local.get $p) (local.get $offp))
                (f64x2.add (f64x2.mul (local.get $a) (local.get $m0)) (f64x2.mul (local.get $b) (local.get $m1))))
              (local.set $y (f64x2.add (f64x2.mul (local.get $a) (local.get $m2)) (f64x2.mul (local.get $b) (local.get $m3))))
              (v128.store (i32.add (local.get $p) (local.get $offq))
                (f64x2.add
                  (f64x2.mul (local.get $y) (local.get $mr))
                  (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $y) (local.get $y)) (local.get $mi))))
              (local.set $p (i32.add (local.get $p) (i32.const 16)))
              (br_if $hitems (i32.ne (local.get $p) (local.get $pend))))
            (local.set $k (local.get $cend))
            (br $chunks)))
        (local.set $e (i32.add (local.get $tbl) (i32.shl (i32.and (local.get $k) (i32.const 63)) (i32.const 5))))
        (loop $items
          (local.set $a (v128.load (local.get $p)))
          (local.set $b (v128.load (i32.add (local.get $p) (local.get $stride))))
          (v128.store (i32.add (local.get $p) (local.get $offp))
            (f64x2.add (f64x2.mul (local.get $a) (local.get $m0)) (f64x2.mul (local.get $b) (local.get $m1))))
          (local.set $y (f64x2.add (f64x2.mul (local.get $a) (local.get $m2)) (f64x2.mul (local.get $b) (local.get $m3))))
          (local.set $y
            (f64x2.add
              (f64x2.mul (local.get $y) (v128.load (local.get $e)))
              (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $y) (local.get $y)) (v128.load offset=16 (local.get $e)))))
          (v128.store (i32.add (local.get $p) (local.get $offq))
            (f64x2.add
              (f64x2.mul (local.get $y) (local.get $mr))
              (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $y) (local.get $y)) (local.get $mi))))
          (local.set $e (i32.add (local.get $e) (i32.const 32)))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br_if $items (i32.ne (local.get $p) (local.get $pend))))
        (local.set $k (local.get $cend))
        (br $chunks))))

  ;; ------------------------------------------------------------------ diagk: diagonal on up to 9 qubits
  ;; Amplitudes [i, end). Involved bits (diagonal qubits and controls) below 6 form a pattern over
  ;; the low 6 bits: $pat → 64 i32 byte offsets into the table ($pm = 63), or $pm = 0 when none.
  ;; Involved bits from 6 up are constant over aligned runs of $run amplitudes (2^lowest such bit):
  ;; per run, a mismatching high control ($hc/$hv) skips the run, and the high diagonal qubits
  ;; add their table offset ($hq → $hn pairs [bit mask, byte offset]). Entries are 32 bytes,
  ;; pre-splatted; low controls are extra table bits whose mismatching entries are (1, 0).
  (func (export "diagk")
    (param $base i32) (param $i i32) (param $end i32) (param $tbl i32) (param $pat i32) (param $pm i32)
    (param $run i32) (param $hc i32) (param $hv i32) (param $hq i32) (param $hn i32)
    (local $rend i32) (local $e i32) (local $j i32) (local $p i32) (local $pend i32) (local $t i32) (local $a v128)
    (block $done
      (loop $runs
        (br_if $done (i32.ge_s (local.get $i) (local.get $end)))
        (local.set $rend (i32.add (i32.or (local.get $i) (i32.sub (local.get $run) (i32.const 1))) (i32.const 1)))
        (if (i32.gt_s (local.get $rend) (local.get $end)) (then (local.set $rend (local.get $end))))
        (if (i32.eq (i32.and (local.get $i) (local.get $hc)) (local.get $hv))
          (then
            (local.set $e (local.get $tbl))
            (local.set $j (i32.const 0))
            (block $hd
              (loop $h
                (br_if $hd (i32.ge_s (local.get $j) (local.get $hn)))
                (if (i32.and (local.get $i) (i32.load (i32.add (local.get $hq) (i32.shl (local.get $j) (i32.const 3)))))
                  (then (local.set $e (i32.add (local.get $e) (i32.load offset=4 (i32.add (local.get $hq) (i32.shl (local.get $j) (i32.const 3))))))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $h)))
            (local.set $p (i32.add (local.get $base) (i32.shl (local.get $i) (i32.const 4))))
            (local.set $pend (i32.add (local.get $base) (i32.shl (local.get $rend) (i32.const 4))))
            (if (i32.eqz (local.get $pm))
              (then (call $scalev (local.get $p) (local.get $pend) (v128.load (local.get $e)) (v128.load offset=16 (local.get $e))))
              (else
                (local.set $j (local.get $i))
                (loop $items
                  (local.set $a (v128.load (local.get $p)))
                  (local.set $t (i32.add (local.get $e) (i32.load (i32.add (local.get $pat) (i32.shl (i32.and (local.get $j) (i32.const 63)) (i32.const 2))))))
                  (v128.store (local.get $p)
                    (f64x2.add
                      (f64x2.mul (local.get $a) (v128.load (local.get $t)))
                      (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)) (v128.load offset=16 (local.get $t)))))
                  (local.set $j (i32.add (local.get $j) (i32.const 1)))
                  (local.set $p (i32.add (local.get $p) (i32.const 16)))
                  (br_if $items (i32.ne (local.get $p) (local.get $pend))))))))
        (local.set $i (local.get $rend))
        (br $runs))))
)
