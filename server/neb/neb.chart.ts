import { escapeHtml } from '../http/plain-text';
import { nebElements, type NebElement, type NebLevels } from './neb.elements';

const center = { x: 240, y: 150 };
const radius = 96;
const labelRadius = radius + 14;
const round = (value: number) => Math.round(value * 10) / 10;

/** The point of an axis at a share of the radius; the first axis points up, the rest go clockwise. */
function pointOn(axis: number, share: number): { x: number; y: number } {
  const angle = ((-90 + axis * 60) * Math.PI) / 180;
  return { x: round(center.x + Math.cos(angle) * radius * share), y: round(center.y + Math.sin(angle) * radius * share) };
}

const pointList = (points: { x: number; y: number }[]) => points.map(({ x, y }) => `${x},${y}`).join(' ');

/**
 * A six-axis chart of an idea's NEB levels, drawn on the server so it shows without scripts.
 * Rings mark levels I, II and III; levels that are all 0 ("not addressed") draw the rings, the
 * axes and a dot at the centre, still a whole chart. The numbers are in the table beside it,
 * so the picture itself is one image with a short name for screen readers.
 */
export function nebChartSvg(levels: NebLevels, text: { title: string; labels: Record<NebElement, string> }): string {
  const rings = [1, 2, 3].map((level) => `<polygon points="${pointList(nebElements.map((_, axis) => pointOn(axis, level / 3)))}" fill="none" stroke="#8a8a8a" stroke-width="1"/>`);
  const axes = nebElements.map((_, axis) => {
    const end = pointOn(axis, 1);
    return `<line x1="${center.x}" y1="${center.y}" x2="${end.x}" y2="${end.y}" stroke="#8a8a8a" stroke-width="1"/>`;
  });
  const values = nebElements.map((element, axis) => pointOn(axis, levels[element] / 3));
  const labels = nebElements.map((element, axis) => {
    const angle = ((-90 + axis * 60) * Math.PI) / 180;
    const x = round(center.x + Math.cos(angle) * labelRadius);
    const y = round(center.y + Math.sin(angle) * labelRadius + (Math.sin(angle) > 0.5 ? 12 : Math.sin(angle) < -0.5 ? -4 : 4));
    const anchor = Math.abs(Math.cos(angle)) < 0.01 ? 'middle' : Math.cos(angle) > 0 ? 'start' : 'end';
    return `<text x="${x}" y="${y}" text-anchor="${anchor}" font-size="13" fill="#1a1a1a">${escapeHtml(text.labels[element])} (${levels[element]})</text>`;
  });
  return [
    `<svg class="neb-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 480 300" width="480" height="300" role="img" aria-label="${escapeHtml(text.title)}">`,
    ...rings,
    ...axes,
    `<polygon points="${pointList(values)}" fill="#1f5fa8" fill-opacity="0.35" stroke="#1f5fa8" stroke-width="2"/>`,
    ...values.map(({ x, y }) => `<circle cx="${x}" cy="${y}" r="3.5" fill="#1f5fa8"/>`),
    ...labels,
    '</svg>',
  ].join('');
}
