// Grover search for |101⟩ on three qubits, two rounds: P(101) = sin²(5·asin(1/√8)) ≈ 0.945.
OPENQASM 3.0;
include "stdgates.inc";

gate oracle a, b, c { ctrl @ negctrl @ z a, b, c; }
gate diffuser a, b, c {
  h a; h b; h c;
  x a; x b; x c;
  ctrl(2) @ z a, b, c;
  x a; x b; x c;
  h a; h b; h c;
}

qubit[3] q;
bit[3] c;
h q;
oracle q[0], q[1], q[2];
diffuser q[0], q[1], q[2];
oracle q[0], q[1], q[2];
diffuser q[0], q[1], q[2];
c = measure q;
