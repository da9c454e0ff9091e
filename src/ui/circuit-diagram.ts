/**
 * Minimal SVG circuit diagram for small circuits: one wire per qubit (q0 on top),
 * one column per operation. 'cx' / 'cnot' draw a control dot and a ⊕ target;
 * other gates draw a labelled box spanning their qubits.
 */
import { select } from 'd3';

export interface DiagramOp {
  gate: string;
  qubits: readonly number[];
}

export function drawCircuitDiagram(
  container: HTMLElement,
  numQubits: number,
  ops: readonly DiagramOp[],
  description: string,
): SVGSVGElement {
  const wireGap = 48;
  const colGap = 64;
  const left = 48;
  const top = 28;
  const width = left + colGap * (ops.length + 1);
  const height = top * 2 + wireGap * (numQubits - 1);
  const wireY = (q: number) => top + q * wireGap;
  const colX = (i: number) => left + colGap * (i + 0.75);

  select(container).selectAll('*').remove();
  const svg = select(container)
    .append('svg')
    .attr('class', 'circuit-diagram')
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('role', 'img')
    .attr('aria-label', description);

  const wires = svg.append('g').attr('class', 'wires');
  for (let q = 0; q < numQubits; q++) {
    wires
      .append('line')
      .attr('x1', left - 8)
      .attr('x2', width - 8)
      .attr('y1', wireY(q))
      .attr('y2', wireY(q));
    wires
      .append('text')
      .attr('class', 'wire-label')
      .attr('x', 4)
      .attr('y', wireY(q))
      .attr('dominant-baseline', 'middle')
      .text(`q${q}`);
  }

  ops.forEach((op, i) => {
    const g = svg.append('g').attr('class', `op op-${op.gate}`).attr('data-gate', op.gate);
    const cx = colX(i);
    const name = op.gate.toLowerCase();
    if ((name === 'cx' || name === 'cnot') && op.qubits.length === 2) {
      const [control, target] = op.qubits as [number, number];
      // Target circle first, then the connector (which also forms the ⊕'s vertical stroke).
      g.append('circle').attr('class', 'target').attr('cx', cx).attr('cy', wireY(target)).attr('r', 12);
      g.append('line')
        .attr('class', 'connector')
        .attr('x1', cx)
        .attr('x2', cx)
        .attr('y1', wireY(control))
        .attr('y2', wireY(target) + (target > control ? 12 : -12));
      g.append('line')
        .attr('class', 'target-cross')
        .attr('x1', cx - 12)
        .attr('x2', cx + 12)
        .attr('y1', wireY(target))
        .attr('y2', wireY(target));
      g.append('circle').attr('class', 'control').attr('cx', cx).attr('cy', wireY(control)).attr('r', 5);
      return;
    }
    const lo = Math.min(...op.qubits);
    const hi = Math.max(...op.qubits);
    g.append('rect')
      .attr('class', 'gate-box')
      .attr('x', cx - 16)
      .attr('y', wireY(lo) - 16)
      .attr('width', 32)
      .attr('height', wireY(hi) - wireY(lo) + 32)
      .attr('rx', 4);
    g.append('text')
      .attr('class', 'gate-label')
      .attr('x', cx)
      .attr('y', (wireY(lo) + wireY(hi)) / 2)
      .attr('text-anchor', 'middle')
      .attr('dominant-baseline', 'central')
      .text(op.gate.toUpperCase());
  });

  return svg.node() as SVGSVGElement;
}
