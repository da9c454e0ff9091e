/**
 * Bar chart (SVG, D3) of basis-state probabilities.
 *
 * Bit order: basis index i is labelled i.toString(2).padStart(n, '0'), so qubit 0 is the
 * RIGHTMOST (least-significant) bit of every label.
 */
import { axisBottom, axisLeft, scaleBand, scaleLinear, select } from 'd3';

export function basisLabel(index: number, numQubits: number): string {
  return index.toString(2).padStart(numQubits, '0');
}

/** Short probability text for a bar: trims trailing zeros, keeps tiny values visible. */
export function formatProbability(p: number): string {
  if (p === 0) return '0';
  if (Math.abs(p) < 1e-3) return p.toExponential(1);
  return String(Number(p.toFixed(3)));
}

export interface ProbabilityChartOptions {
  /** Chart width in SVG user units (the SVG scales to its container). */
  width?: number;
  height?: number;
  /** Accessible title; the probabilities are appended to it. */
  title?: string;
}

export function drawProbabilityChart(
  container: HTMLElement,
  probs: ArrayLike<number>,
  numQubits: number,
  options: ProbabilityChartOptions = {},
): SVGSVGElement {
  const count = probs.length;
  if (count !== 2 ** numQubits) {
    throw new RangeError(`expected 2^${numQubits} = ${2 ** numQubits} probabilities, got ${count}`);
  }

  const width = options.width ?? 560;
  const height = options.height ?? 300;
  const margin = { top: 28, right: 16, bottom: 48, left: 48 };
  const innerW = width - margin.left - margin.right;
  const innerH = height - margin.top - margin.bottom;

  const data = Array.from({ length: count }, (_, index) => ({
    index,
    basis: basisLabel(index, numQubits),
    p: Number(probs[index]),
  }));
  const summary = data.map((d) => `${d.basis}: ${formatProbability(d.p)}`).join(', ');
  const title = options.title ?? `Probabilities of the ${count} basis states`;

  select(container).selectAll('*').remove();

  const svg = select(container)
    .append('svg')
    .attr('class', 'probability-chart')
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('preserveAspectRatio', 'xMidYMid meet')
    .attr('role', 'img')
    .attr('aria-label', `${title} (qubit 0 is the rightmost bit): ${summary}`)
    .attr('data-num-qubits', numQubits);

  const x = scaleBand<string>()
    .domain(data.map((d) => d.basis))
    .range([0, innerW])
    .padding(0.25);
  const y = scaleLinear().domain([0, 1]).range([innerH, 0]);

  const plot = svg.append('g').attr('transform', `translate(${margin.left},${margin.top})`);

  plot
    .append('g')
    .attr('class', 'axis axis-y')
    .attr('aria-hidden', 'true')
    .call(axisLeft(y).ticks(5).tickSizeOuter(0))
    .call((g) =>
      g
        .selectAll('.tick line')
        .clone()
        .attr('class', 'gridline')
        .attr('x2', innerW),
    );

  plot
    .append('g')
    .attr('class', 'axis axis-x')
    .attr('aria-hidden', 'true')
    .attr('transform', `translate(0,${innerH})`)
    .call(axisBottom(x).tickSizeOuter(0))
    .call((g) => g.selectAll('.tick text').attr('class', 'basis-label'));

  svg
    .append('text')
    .attr('class', 'axis-title')
    .attr('aria-hidden', 'true')
    .attr('x', margin.left + innerW / 2)
    .attr('y', height - 8)
    .attr('text-anchor', 'middle')
    .text('basis state (qubit 0 on the right)');

  svg
    .append('text')
    .attr('class', 'axis-title')
    .attr('aria-hidden', 'true')
    .attr('transform', `translate(14,${margin.top + innerH / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .text('probability');

  const bars = plot
    .append('g')
    .attr('class', 'bars')
    .selectAll('g')
    .data(data)
    .join('g')
    .attr('class', 'bar')
    .attr('data-basis', (d) => d.basis)
    .attr('data-index', (d) => d.index)
    .attr('data-probability', (d) => String(d.p));

  bars.append('title').text((d) => `|${d.basis}⟩ (index ${d.index}): probability ${d.p}`);

  bars
    .append('rect')
    .attr('x', (d) => x(d.basis) ?? 0)
    .attr('width', x.bandwidth())
    .attr('y', (d) => y(Math.min(Math.max(d.p, 0), 1)))
    .attr('height', (d) => innerH - y(Math.min(Math.max(d.p, 0), 1)));

  bars
    .append('text')
    .attr('class', 'bar-value')
    .attr('x', (d) => (x(d.basis) ?? 0) + x.bandwidth() / 2)
    .attr('y', (d) => y(Math.min(Math.max(d.p, 0), 1)) - 6)
    .attr('text-anchor', 'middle')
    .text((d) => formatProbability(d.p));

  return svg.node() as SVGSVGElement;
}
