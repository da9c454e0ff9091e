// Teleportation in OpenQASM 3: q[2] ends in ry(theta)|0⟩ whatever the two measurements give.
// superpose run examples/teleport.qasm --param theta=0.7 --observable Z2
OPENQASM 3.0;
include "stdgates.inc";
input float[64] theta;
qubit[3] q;
bit[2] m;

ry(theta) q[0];
h q[1];
cx q[1], q[2];
cx q[0], q[1];
h q[0];
m[0] = measure q[0];
m[1] = measure q[1];
if (m[1]) {
  x q[2];
}
if (m[0]) {
  z q[2];
}
