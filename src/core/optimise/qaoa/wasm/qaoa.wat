;; QAOA fast-path kernels, WebAssembly SIMD (f64x2). Hand-written; assembled by
;; scripts/build-wasm.mjs like src/core/sim/wasm/kernels.wat (non-shared and shared variants).
;;
;; They run on the memory of a wasm-backend state allocated by the QAOA workspace
;; (qaoa/wasm/workspace.ts), with the simulator's layout plus a region of ours:
;;   [65536, …)            ψ: amplitude i at $base + 16·i (re, im) — one v128 per amplitude;
;;   $base + $delta        λ, the adjoint state, when the workspace holds two states;
;;   $lev                  the cost level of every basis index, u16 (so index i is at $lev + 2·i);
;;   $tbl                  per level a pre-splatted phase e = re + i·im, 32 bytes [re, re, −im, +im]
;;                         (multiply: a·(re, re) + swap(a)·(−im, +im), as in kernels.wat);
;;   $val                  per level the cost value C, one f64;
;;   $mat                  the mixer, four v128: [c, c] [s, −s] [k, k] [−s′, s′] with c = cos β,
;;                         s = sin β, k = sin²β, s′ = sin(2β)/2: RX(2β) maps (a, b) to
;;                         (c·a − i·s·b, c·b − i·s·a), and −i·s·b = swap(b)·(s, −s).
;; All addresses are byte addresses.
;;
;; The X mixer e^{−iβΣX} is RX(2β) on every qubit. `mix` applies it to the four qubits g … g+3 in
;; one pass over the state: the 2^(n−4) "items" (indices whose bits g … g+3 are 0; each item owns
;; 16 amplitudes, the item plus m·16·2^g, m = 0 … 15) are taken in tiles of $T items, and a tile's
;; 16·$T amplitudes (16 KiB for $T = 64) stay in L1 while two two-qubit sweeps run over them.
;; Tile shape: g = 0 puts an item's 16 amplitudes side by side and items 256 bytes apart (one
;; contiguous block of 256·$T bytes); g > 0 has items side by side in rows of $T (T ≤ 2^g), 16 rows
;; 16·2^g bytes apart. Bits of $active select which of the four qubits are turned (a trailing
;; group overlaps the previous one when 4 does not divide n; its repeated qubits are skipped).
;;
;; After its sweeps a tile can be finished in cache by a "post" step over its amplitudes (used on
;; the g = 0 group, the last of a layer): the next layer's cost phase, ⟨C⟩, or ⟨C⟩ and the adjoint
;; seed λ = C·ψ. `mix2` does the adjoint step on ψ and λ together: the mixer undone (RX(−2β)) on
;; both while Σ_j Im⟨λ|X_j|ψ⟩ is read (each term is unchanged by RX on any qubit applied to both
;; states, so it can be read during the undo), and as its post step Im⟨λ|C|ψ⟩ and the cost layer
;; undone on both.

(module
  (import "env" "memory" (memory 1 (; max-shared ;)))

  ;; Address of item k of group g (the item's amplitude m = 0).
  (func $item (param $base i32) (param $k i32) (param $g i32) (result i32)
    (i32.add (local.get $base)
      (i32.shl
        (i32.or
          (i32.shl (i32.shr_u (local.get $k) (local.get $g)) (i32.add (local.get $g) (i32.const 4)))
          (i32.and (local.get $k) (i32.sub (i32.shl (i32.const 1) (local.get $g)) (i32.const 1))))
        (i32.const 4))))

  ;; Row m of the 8 rows whose bit j is 0: m' = 0 … 7 with a zero inserted at bit j.
  (func $row (param $m i32) (param $j i32) (result i32)
    (i32.or
      (i32.shl (i32.shr_u (local.get $m) (local.get $j)) (i32.add (local.get $j) (i32.const 1)))
      (i32.and (local.get $m) (i32.sub (i32.shl (i32.const 1) (local.get $j)) (i32.const 1)))))

  ;; ------------------------------------------------------------------ writePhased
  ;; [p, pend) ← table[level] as an amplitude (re, im): |+⟩^n and the first cost layer in one
  ;; write pass (the table holds 2^(−n/2)·e^{−iγC} for this call).
  (func (export "writePhased") (param $p i32) (param $pend i32) (param $lev i32) (param $tbl i32)
    (local $e i32)
    (if (i32.ne (local.get $p) (local.get $pend))
      (then
        (loop $l
          (local.set $e (i32.add (local.get $tbl) (i32.shl (i32.load16_u (local.get $lev)) (i32.const 5))))
          (v128.store (local.get $p)
            (i8x16.shuffle 0 1 2 3 4 5 6 7 24 25 26 27 28 29 30 31
              (v128.load (local.get $e)) (v128.load offset=16 (local.get $e))))
          (local.set $lev (i32.add (local.get $lev) (i32.const 2)))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br_if $l (i32.ne (local.get $p) (local.get $pend)))))))

  ;; ------------------------------------------------------------------ phase: a ← a·table[level]
  (func $phase (export "phase") (param $p i32) (param $pend i32) (param $lev i32) (param $tbl i32)
    (local $e i32) (local $a v128)
    (if (i32.ne (local.get $p) (local.get $pend))
      (then
        (loop $l
          (local.set $e (i32.add (local.get $tbl) (i32.shl (i32.load16_u (local.get $lev)) (i32.const 5))))
          (local.set $a (v128.load (local.get $p)))
          (v128.store (local.get $p)
            (f64x2.add
              (f64x2.mul (local.get $a) (v128.load (local.get $e)))
              (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)) (v128.load offset=16 (local.get $e)))))
          (local.set $lev (i32.add (local.get $lev) (i32.const 2)))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br_if $l (i32.ne (local.get $p) (local.get $pend)))))))

  ;; ------------------------------------------------------------------ expectation: Σ|a|²·C
  ;; Returns the two-lane partial sum (lane 0: Σ re²·C, lane 1: Σ im²·C) added to $acc.
  (func $expect (param $p i32) (param $pend i32) (param $lev i32) (param $val i32) (param $acc v128) (result v128)
    (local $a v128)
    (if (i32.ne (local.get $p) (local.get $pend))
      (then
        (loop $l
          (local.set $a (v128.load (local.get $p)))
          (local.set $acc
            (f64x2.add (local.get $acc)
              (f64x2.mul (f64x2.mul (local.get $a) (local.get $a))
                (v128.load64_splat (i32.add (local.get $val) (i32.shl (i32.load16_u (local.get $lev)) (i32.const 3)))))))
          (local.set $lev (i32.add (local.get $lev) (i32.const 2)))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br_if $l (i32.ne (local.get $p) (local.get $pend))))))
    (local.get $acc))

  (func (export "expectation") (param $p i32) (param $pend i32) (param $lev i32) (param $val i32) (result f64)
    (local $acc v128)
    (local.set $acc (call $expect (local.get $p) (local.get $pend) (local.get $lev) (local.get $val) (v128.const f64x2 0 0)))
    (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc))))

  ;; Expectation as above, and λ ← C·ψ at $delta bytes after each amplitude (the adjoint seed).
  (func $expectSeed (param $p i32) (param $pend i32) (param $lev i32) (param $val i32) (param $delta i32) (param $acc v128) (result v128)
    (local $a v128) (local $v v128)
    (if (i32.ne (local.get $p) (local.get $pend))
      (then
        (loop $l
          (local.set $a (v128.load (local.get $p)))
          (local.set $v (v128.load64_splat (i32.add (local.get $val) (i32.shl (i32.load16_u (local.get $lev)) (i32.const 3)))))
          (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (f64x2.mul (local.get $a) (local.get $a)) (local.get $v))))
          (v128.store (i32.add (local.get $p) (local.get $delta)) (f64x2.mul (local.get $a) (local.get $v)))
          (local.set $lev (i32.add (local.get $lev) (i32.const 2)))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br_if $l (i32.ne (local.get $p) (local.get $pend))))))
    (local.get $acc))

  ;; Σ C·(λ·swap(ψ)) over [p, pend) with λ at $delta bytes after ψ (lane 0 − lane 1 = Im⟨λ|C|ψ⟩);
  ;; with $undo ≠ 0 also multiplies both by table[level] (the cost layer undone: e^{+iγC}).
  (func $costOverlap (param $p i32) (param $pend i32) (param $lev i32) (param $tbl i32) (param $val i32) (param $delta i32) (param $undo i32) (param $acc v128) (result v128)
    (local $a v128) (local $l v128) (local $lv i32) (local $e i32) (local $q i32)
    (if (i32.ne (local.get $p) (local.get $pend))
      (then
        (loop $items
          (local.set $lv (i32.load16_u (local.get $lev)))
          (local.set $q (i32.add (local.get $p) (local.get $delta)))
          (local.set $a (v128.load (local.get $p)))
          (local.set $l (v128.load (local.get $q)))
          (local.set $acc
            (f64x2.add (local.get $acc)
              (f64x2.mul
                (f64x2.mul (local.get $l) (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)))
                (v128.load64_splat (i32.add (local.get $val) (i32.shl (local.get $lv) (i32.const 3)))))))
          (if (local.get $undo)
            (then
              (local.set $e (i32.add (local.get $tbl) (i32.shl (local.get $lv) (i32.const 5))))
              (v128.store (local.get $p)
                (f64x2.add
                  (f64x2.mul (local.get $a) (v128.load (local.get $e)))
                  (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)) (v128.load offset=16 (local.get $e)))))
              (v128.store (local.get $q)
                (f64x2.add
                  (f64x2.mul (local.get $l) (v128.load (local.get $e)))
                  (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $l) (local.get $l)) (v128.load offset=16 (local.get $e)))))))
          (local.set $lev (i32.add (local.get $lev) (i32.const 2)))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br_if $items (i32.ne (local.get $p) (local.get $pend))))))
    (local.get $acc))

;; ------------------------------------------------------------------ mixer sweeps over one tile
  ;; Row layout: the tile's item rows are $sg = 16·2^g bytes apart; a sweep walks $span bytes of
  ;; a row in steps of $step. $mat: see the header.
  ;;
  ;; Two qubits at once: e^{−iβ(X_j + X_k)} leaves the differences a00 − a11 and a01 − a10
  ;; unchanged and turns the symmetric sums S = a00 + a11, T = a01 + a10 by RX(4β):
  ;; S ← cos 2β·S − i·sin 2β·T, T ← cos 2β·T − i·sin 2β·S. Written as corrections,
  ;;   a00, a11 ← a − V,  V = sin²β·S + i·s′·T;   a01, a10 ← a − W,  W = sin²β·T + i·s′·S,
  ;; 14 operations and 2 shuffles per four amplitudes instead of 24 and 8 for two butterfly sweeps.

  ;; RX(2β) on qubit g + j: 8 rows of pairs.
  (func $singles (param $tile i32) (param $sg i32) (param $j i32) (param $step i32) (param $span i32) (param $mat i32)
    (local $m i32) (local $x i32) (local $xend i32) (local $d i32) (local $c v128) (local $s v128) (local $a v128) (local $b v128)
    (local.set $d (i32.shl (local.get $sg) (local.get $j)))
    (local.set $c (v128.load (local.get $mat)))
    (local.set $s (v128.load offset=16 (local.get $mat)))
    (loop $rows
      (local.set $x (i32.add (local.get $tile) (i32.mul (call $row (local.get $m) (local.get $j)) (local.get $sg))))
      (local.set $xend (i32.add (local.get $x) (local.get $span)))
      (loop $pairs
        (local.set $a (v128.load (local.get $x)))
        (local.set $b (v128.load (i32.add (local.get $x) (local.get $d))))
        (v128.store (local.get $x)
          (f64x2.add (f64x2.mul (local.get $a) (local.get $c))
                     (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $b) (local.get $b)) (local.get $s))))
        (v128.store (i32.add (local.get $x) (local.get $d))
          (f64x2.add (f64x2.mul (local.get $b) (local.get $c))
                     (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)) (local.get $s))))
        (local.set $x (i32.add (local.get $x) (local.get $step)))
        (br_if $pairs (i32.ne (local.get $x) (local.get $xend))))
      (local.set $m (i32.add (local.get $m) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $m) (i32.const 8)))))

  ;; RX(2β) on qubits g + j and g + j + 1: 4 rows of quads.
  (func $quads (param $tile i32) (param $sg i32) (param $j i32) (param $step i32) (param $span i32) (param $mat i32)
    (local $m i32) (local $x i32) (local $xend i32) (local $d0 i32) (local $d1 i32) (local $d2 i32)
    (local $k v128) (local $s v128)
    (local $a00 v128) (local $a01 v128) (local $a10 v128) (local $a11 v128)
    (local $S v128) (local $T v128) (local $V v128) (local $W v128)
    (local.set $d0 (i32.shl (local.get $sg) (local.get $j)))
    (local.set $d1 (i32.shl (local.get $d0) (i32.const 1)))
    (local.set $d2 (i32.add (local.get $d0) (local.get $d1)))
    (local.set $k (v128.load offset=32 (local.get $mat)))
    (local.set $s (v128.load offset=48 (local.get $mat)))
    (loop $rows
      (local.set $x (i32.add (local.get $tile)
        (i32.mul (i32.or (i32.shl (i32.shr_u (local.get $m) (local.get $j)) (i32.add (local.get $j) (i32.const 2)))
                         (i32.and (local.get $m) (i32.sub (i32.shl (i32.const 1) (local.get $j)) (i32.const 1))))
                 (local.get $sg))))
      (local.set $xend (i32.add (local.get $x) (local.get $span)))
      (loop $items
        (local.set $a00 (v128.load (local.get $x)))
        (local.set $a01 (v128.load (i32.add (local.get $x) (local.get $d0))))
        (local.set $a10 (v128.load (i32.add (local.get $x) (local.get $d1))))
        (local.set $a11 (v128.load (i32.add (local.get $x) (local.get $d2))))
        (local.set $S (f64x2.add (local.get $a00) (local.get $a11)))
        (local.set $T (f64x2.add (local.get $a01) (local.get $a10)))
        (local.set $V (f64x2.add (f64x2.mul (local.get $S) (local.get $k))
                                 (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $T) (local.get $T)) (local.get $s))))
        (local.set $W (f64x2.add (f64x2.mul (local.get $T) (local.get $k))
                                 (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $S) (local.get $S)) (local.get $s))))
        (v128.store (local.get $x) (f64x2.sub (local.get $a00) (local.get $V)))
        (v128.store (i32.add (local.get $x) (local.get $d2)) (f64x2.sub (local.get $a11) (local.get $V)))
        (v128.store (i32.add (local.get $x) (local.get $d0)) (f64x2.sub (local.get $a01) (local.get $W)))
        (v128.store (i32.add (local.get $x) (local.get $d1)) (f64x2.sub (local.get $a10) (local.get $W)))
        (local.set $x (i32.add (local.get $x) (local.get $step)))
        (br_if $items (i32.ne (local.get $x) (local.get $xend))))
      (local.set $m (i32.add (local.get $m) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $m) (i32.const 4)))))

  ;; As $singles on ψ and λ = ψ + $delta, adding λa·swap(ψb) + λb·swap(ψa) to $acc (lane 0 −
  ;; lane 1 of the sum: Im⟨λ|X|ψ⟩ over the pairs, read before the update).
  (func $singles2 (param $tile i32) (param $sg i32) (param $j i32) (param $step i32) (param $span i32) (param $mat i32) (param $delta i32) (param $acc v128) (result v128)
    (local $m i32) (local $x i32) (local $y i32) (local $xend i32) (local $d i32) (local $c v128) (local $s v128)
    (local $a v128) (local $b v128) (local $as v128) (local $bs v128) (local $la v128) (local $lb v128) (local $acc2 v128)
    (local.set $d (i32.shl (local.get $sg) (local.get $j)))
    (local.set $c (v128.load (local.get $mat)))
    (local.set $s (v128.load offset=16 (local.get $mat)))
    (loop $rows
      (local.set $x (i32.add (local.get $tile) (i32.mul (call $row (local.get $m) (local.get $j)) (local.get $sg))))
      (local.set $xend (i32.add (local.get $x) (local.get $span)))
      (loop $pairs
        (local.set $y (i32.add (local.get $x) (local.get $delta)))
        (local.set $a (v128.load (local.get $x)))
        (local.set $b (v128.load (i32.add (local.get $x) (local.get $d))))
        (local.set $la (v128.load (local.get $y)))
        (local.set $lb (v128.load (i32.add (local.get $y) (local.get $d))))
        (local.set $as (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)))
        (local.set $bs (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $b) (local.get $b)))
        (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $la) (local.get $bs))))
        (local.set $acc2 (f64x2.add (local.get $acc2) (f64x2.mul (local.get $lb) (local.get $as))))
        (v128.store (local.get $x) (f64x2.add (f64x2.mul (local.get $a) (local.get $c)) (f64x2.mul (local.get $bs) (local.get $s))))
        (v128.store (i32.add (local.get $x) (local.get $d)) (f64x2.add (f64x2.mul (local.get $b) (local.get $c)) (f64x2.mul (local.get $as) (local.get $s))))
        (v128.store (local.get $y)
          (f64x2.add (f64x2.mul (local.get $la) (local.get $c))
                     (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $lb) (local.get $lb)) (local.get $s))))
        (v128.store (i32.add (local.get $y) (local.get $d))
          (f64x2.add (f64x2.mul (local.get $lb) (local.get $c))
                     (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $la) (local.get $la)) (local.get $s))))
        (local.set $x (i32.add (local.get $x) (local.get $step)))
        (br_if $pairs (i32.ne (local.get $x) (local.get $xend))))
      (local.set $m (i32.add (local.get $m) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $m) (i32.const 8))))
    (f64x2.add (local.get $acc) (local.get $acc2)))

  ;; As $quads on ψ and λ. On a quad, ⟨λ|X_j + X_k|ψ⟩ = conj(S_λ)·T_ψ + conj(T_λ)·S_ψ (the
  ;; symmetric sums), read before the update: Im is lane 0 − lane 1 of S_λ·swap(T_ψ) + T_λ·swap(S_ψ).
  (func $quads2 (param $tile i32) (param $sg i32) (param $j i32) (param $step i32) (param $span i32) (param $mat i32) (param $delta i32) (param $acc v128) (result v128)
    (local $m i32) (local $x i32) (local $y i32) (local $xend i32) (local $d0 i32) (local $d1 i32) (local $d2 i32)
    (local $k v128) (local $s v128) (local $acc2 v128)
    (local $S v128) (local $T v128) (local $V v128) (local $W v128)
    (local $Ss v128) (local $Ts v128) (local $SL v128) (local $TL v128) (local $l00 v128) (local $l11 v128) (local $l01 v128) (local $l10 v128)
    (local.set $d0 (i32.shl (local.get $sg) (local.get $j)))
    (local.set $d1 (i32.shl (local.get $d0) (i32.const 1)))
    (local.set $d2 (i32.add (local.get $d0) (local.get $d1)))
    (local.set $k (v128.load offset=32 (local.get $mat)))
    (local.set $s (v128.load offset=48 (local.get $mat)))
    (loop $rows
      (local.set $x (i32.add (local.get $tile)
        (i32.mul (i32.or (i32.shl (i32.shr_u (local.get $m) (local.get $j)) (i32.add (local.get $j) (i32.const 2)))
                         (i32.and (local.get $m) (i32.sub (i32.shl (i32.const 1) (local.get $j)) (i32.const 1))))
                 (local.get $sg))))
      (local.set $xend (i32.add (local.get $x) (local.get $span)))
      (loop $items
        (local.set $y (i32.add (local.get $x) (local.get $delta)))
        ;; ψ
        (local.set $l00 (v128.load (local.get $x)))
        (local.set $l11 (v128.load (i32.add (local.get $x) (local.get $d2))))
        (local.set $l01 (v128.load (i32.add (local.get $x) (local.get $d0))))
        (local.set $l10 (v128.load (i32.add (local.get $x) (local.get $d1))))
        (local.set $S (f64x2.add (local.get $l00) (local.get $l11)))
        (local.set $T (f64x2.add (local.get $l01) (local.get $l10)))
        (local.set $Ss (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $S) (local.get $S)))
        (local.set $Ts (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $T) (local.get $T)))
        (local.set $V (f64x2.add (f64x2.mul (local.get $S) (local.get $k)) (f64x2.mul (local.get $Ts) (local.get $s))))
        (local.set $W (f64x2.add (f64x2.mul (local.get $T) (local.get $k)) (f64x2.mul (local.get $Ss) (local.get $s))))
        (v128.store (local.get $x) (f64x2.sub (local.get $l00) (local.get $V)))
        (v128.store (i32.add (local.get $x) (local.get $d2)) (f64x2.sub (local.get $l11) (local.get $V)))
        (v128.store (i32.add (local.get $x) (local.get $d0)) (f64x2.sub (local.get $l01) (local.get $W)))
        (v128.store (i32.add (local.get $x) (local.get $d1)) (f64x2.sub (local.get $l10) (local.get $W)))
        ;; λ
        (local.set $l00 (v128.load (local.get $y)))
        (local.set $l11 (v128.load (i32.add (local.get $y) (local.get $d2))))
        (local.set $l01 (v128.load (i32.add (local.get $y) (local.get $d0))))
        (local.set $l10 (v128.load (i32.add (local.get $y) (local.get $d1))))
        (local.set $SL (f64x2.add (local.get $l00) (local.get $l11)))
        (local.set $TL (f64x2.add (local.get $l01) (local.get $l10)))
        (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $SL) (local.get $Ts))))
        (local.set $acc2 (f64x2.add (local.get $acc2) (f64x2.mul (local.get $TL) (local.get $Ss))))
        (local.set $V (f64x2.add (f64x2.mul (local.get $SL) (local.get $k))
                                 (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $TL) (local.get $TL)) (local.get $s))))
        (local.set $W (f64x2.add (f64x2.mul (local.get $TL) (local.get $k))
                                 (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $SL) (local.get $SL)) (local.get $s))))
        (v128.store (local.get $y) (f64x2.sub (local.get $l00) (local.get $V)))
        (v128.store (i32.add (local.get $y) (local.get $d2)) (f64x2.sub (local.get $l11) (local.get $V)))
        (v128.store (i32.add (local.get $y) (local.get $d0)) (f64x2.sub (local.get $l01) (local.get $W)))
        (v128.store (i32.add (local.get $y) (local.get $d1)) (f64x2.sub (local.get $l10) (local.get $W)))
        (local.set $x (i32.add (local.get $x) (local.get $step)))
        (br_if $items (i32.ne (local.get $x) (local.get $xend))))
      (local.set $m (i32.add (local.get $m) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $m) (i32.const 4))))
    (f64x2.add (local.get $acc) (local.get $acc2)))

  ;; ------------------------------------------------------------------ mix: RX(2β) on 4 qubits
  ;; $items = 2^(n−4); $T items per tile (power of two, ≤ $items, ≤ 2^g when g > 0). Qubit pairs
  ;; (0, 1) and (2, 3) of the group go through $quads when both are active.
  ;; $post: 0 nothing; 1 multiply by table[level] (the next cost layer); 2 accumulate ⟨C⟩;
  ;; 3 accumulate ⟨C⟩ and write λ = C·ψ at $delta. Returns the ⟨C⟩ sum (0 unless $post ≥ 2).
  (func (export "mix")
    (param $base i32) (param $items i32) (param $g i32) (param $T i32) (param $mat i32) (param $active i32)
    (param $post i32) (param $lev i32) (param $tbl i32) (param $val i32) (param $delta i32) (result f64)
    (local $k i32) (local $tile i32) (local $j i32)
    (local $sg i32) (local $step i32) (local $span i32) (local $rows i32) (local $rlen i32) (local $r i32) (local $rp i32)
    (local $acc v128) (local $tacc v128)
    (local.set $sg (i32.shl (i32.const 16) (local.get $g)))
    (local.set $step (select (i32.const 256) (i32.const 16) (i32.eqz (local.get $g))))
    (local.set $span (i32.mul (local.get $T) (local.get $step)))
    ;; post-step rows: g = 0 → one contiguous row of 16·T amplitudes; else 16 rows of T
    (local.set $rows (select (i32.const 1) (i32.const 16) (i32.eqz (local.get $g))))
    (local.set $rlen (select (i32.shl (local.get $T) (i32.const 8)) (i32.shl (local.get $T) (i32.const 4)) (i32.eqz (local.get $g))))
    (block $tilesDone
      (loop $tiles
        (br_if $tilesDone (i32.ge_u (local.get $k) (local.get $items)))
        (local.set $tile (call $item (local.get $base) (local.get $k) (local.get $g)))
        (local.set $j (i32.const 0))
        (loop $pairsOfQubits
          (if (i32.eq (i32.and (i32.shr_u (local.get $active) (local.get $j)) (i32.const 3)) (i32.const 3))
            (then (call $quads (local.get $tile) (local.get $sg) (local.get $j) (local.get $step) (local.get $span) (local.get $mat)))
            (else
              (if (i32.and (local.get $active) (i32.shl (i32.const 1) (local.get $j)))
                (then (call $singles (local.get $tile) (local.get $sg) (local.get $j) (local.get $step) (local.get $span) (local.get $mat))))
              (if (i32.and (local.get $active) (i32.shl (i32.const 2) (local.get $j)))
                (then (call $singles (local.get $tile) (local.get $sg) (i32.add (local.get $j) (i32.const 1)) (local.get $step) (local.get $span) (local.get $mat))))))
          (local.set $j (i32.add (local.get $j) (i32.const 2)))
          (br_if $pairsOfQubits (i32.lt_u (local.get $j) (i32.const 4))))
        (if (local.get $post)
          (then
            ;; ⟨C⟩ is summed per tile, then tile sums are added: rounding grows with 2^(n−4)/T + 16·T
            ;; terms instead of 2^n (an optimiser's line search near the optimum sees that noise)
            (local.set $tacc (v128.const f64x2 0 0))
            (local.set $r (i32.const 0))
            (loop $postRows
              (local.set $rp (i32.add (local.get $tile) (i32.mul (local.get $r) (local.get $sg))))
              ;; level address: $lev + 2·index, index = (address − $base) / 16
              (if (i32.eq (local.get $post) (i32.const 1))
                (then (call $phase (local.get $rp) (i32.add (local.get $rp) (local.get $rlen))
                  (i32.add (local.get $lev) (i32.shr_u (i32.sub (local.get $rp) (local.get $base)) (i32.const 3))) (local.get $tbl))))
              (if (i32.eq (local.get $post) (i32.const 2))
                (then (local.set $tacc (call $expect (local.get $rp) (i32.add (local.get $rp) (local.get $rlen))
                  (i32.add (local.get $lev) (i32.shr_u (i32.sub (local.get $rp) (local.get $base)) (i32.const 3))) (local.get $val) (local.get $tacc)))))
              (if (i32.eq (local.get $post) (i32.const 3))
                (then (local.set $tacc (call $expectSeed (local.get $rp) (i32.add (local.get $rp) (local.get $rlen))
                  (i32.add (local.get $lev) (i32.shr_u (i32.sub (local.get $rp) (local.get $base)) (i32.const 3))) (local.get $val) (local.get $delta) (local.get $tacc)))))
              (local.set $r (i32.add (local.get $r) (i32.const 1)))
              (br_if $postRows (i32.lt_u (local.get $r) (local.get $rows))))
            (local.set $acc (f64x2.add (local.get $acc) (local.get $tacc)))))
        (local.set $k (i32.add (local.get $k) (local.get $T)))
        (br $tiles)))
    (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc))))

  ;; ------------------------------------------------------------------ mix2: adjoint mixer step
  ;; As mix, on ψ at $base and λ at $base + $delta, with the RX(−2β) constants at $mat (the layer
  ;; undone). Returns Σ_j Im⟨λ|X_j|ψ⟩ over the active qubits and the post step's Im⟨λ|C|ψ⟩:
  ;; $post 0 nothing; 1 overlap and the cost layer undone (table = e^{+iγC}); 2 overlap only.
  (func (export "mix2")
    (param $base i32) (param $delta i32) (param $items i32) (param $g i32) (param $T i32) (param $mat i32) (param $active i32)
    (param $post i32) (param $lev i32) (param $tbl i32) (param $val i32) (result f64 f64)
    (local $k i32) (local $tile i32) (local $j i32)
    (local $sg i32) (local $step i32) (local $span i32) (local $rows i32) (local $rlen i32) (local $r i32) (local $rp i32)
    (local $accX v128) (local $accC v128)
    (local.set $sg (i32.shl (i32.const 16) (local.get $g)))
    (local.set $step (select (i32.const 256) (i32.const 16) (i32.eqz (local.get $g))))
    (local.set $span (i32.mul (local.get $T) (local.get $step)))
    (local.set $rows (select (i32.const 1) (i32.const 16) (i32.eqz (local.get $g))))
    (local.set $rlen (select (i32.shl (local.get $T) (i32.const 8)) (i32.shl (local.get $T) (i32.const 4)) (i32.eqz (local.get $g))))
    (block $tilesDone
      (loop $tiles
        (br_if $tilesDone (i32.ge_u (local.get $k) (local.get $items)))
        (local.set $tile (call $item (local.get $base) (local.get $k) (local.get $g)))
        (local.set $j (i32.const 0))
        (loop $pairsOfQubits
          (if (i32.eq (i32.and (i32.shr_u (local.get $active) (local.get $j)) (i32.const 3)) (i32.const 3))
            (then (local.set $accX (call $quads2 (local.get $tile) (local.get $sg) (local.get $j) (local.get $step) (local.get $span) (local.get $mat) (local.get $delta) (local.get $accX))))
            (else
              (if (i32.and (local.get $active) (i32.shl (i32.const 1) (local.get $j)))
                (then (local.set $accX (call $singles2 (local.get $tile) (local.get $sg) (local.get $j) (local.get $step) (local.get $span) (local.get $mat) (local.get $delta) (local.get $accX)))))
              (if (i32.and (local.get $active) (i32.shl (i32.const 2) (local.get $j)))
                (then (local.set $accX (call $singles2 (local.get $tile) (local.get $sg) (i32.add (local.get $j) (i32.const 1)) (local.get $step) (local.get $span) (local.get $mat) (local.get $delta) (local.get $accX)))))))
          (local.set $j (i32.add (local.get $j) (i32.const 2)))
          (br_if $pairsOfQubits (i32.lt_u (local.get $j) (i32.const 4))))
        (if (local.get $post)
          (then
            (local.set $r (i32.const 0))
            (loop $postRows
              (local.set $rp (i32.add (local.get $tile) (i32.mul (local.get $r) (local.get $sg))))
              (local.set $accC (call $costOverlap (local.get $rp) (i32.add (local.get $rp) (local.get $rlen))
                (i32.add (local.get $lev) (i32.shr_u (i32.sub (local.get $rp) (local.get $base)) (i32.const 3)))
                (local.get $tbl) (local.get $val) (local.get $delta) (i32.eq (local.get $post) (i32.const 1)) (local.get $accC)))
              (local.set $r (i32.add (local.get $r) (i32.const 1)))
              (br_if $postRows (i32.lt_u (local.get $r) (local.get $rows))))))
        (local.set $k (i32.add (local.get $k) (local.get $T)))
        (br $tiles)))
    (f64.sub (f64x2.extract_lane 0 (local.get $accX)) (f64x2.extract_lane 1 (local.get $accX)))
    (f64.sub (f64x2.extract_lane 0 (local.get $accC)) (f64x2.extract_lane 1 (local.get $accC))))
)
