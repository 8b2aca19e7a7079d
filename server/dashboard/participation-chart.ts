import type { WeekActivity } from './dashboard.queries';

export type Series = 'ideas' | 'comments' | 'supports';
export const seriesColours: Record<Series, string> = { ideas: '#0b5cad', comments: '#1b6b34', supports: '#a15c07' };
const seriesOrder: Series[] = ['ideas', 'comments', 'supports'];

export interface ChartText {
  title: string;
  description: string;
  series: Record<Series, string>;
  week: (monday: string) => string;
  number: (value: number) => string;
}

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[character]!);

/** 1, 2, 5 × 10ⁿ at or above the value, so the axis reads in round numbers. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * magnitude).find((candidate) => candidate >= value)!;
}

/**
 * Participation per week as stacked bars, drawn on the server as SVG: no chart library and
 * no script. The page shows the same figures in a table beside it, for screen readers.
 */
export function participationChartSvg(weeks: WeekActivity[], text: ChartText, idPrefix = 'participation'): string {
  const width = 720;
  const height = 280;
  const margin = { top: 16, right: 12, bottom: 64, left: 56 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const maximum = niceCeiling(Math.max(0, ...weeks.map((week) => week.ideas + week.comments + week.supports)));
  const y = (value: number) => margin.top + plotHeight - (value / maximum) * plotHeight;
  const slot = plotWidth / Math.max(1, weeks.length);
  const barWidth = Math.max(2, Math.min(40, slot * 0.7));
  const parts: string[] = [];

  for (const fraction of [0, 0.25, 0.5, 0.75, 1]) {
    const value = maximum * fraction;
    parts.push(
      `<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(value).toFixed(1)}" y2="${y(value).toFixed(1)}" stroke="#c9cbd1" stroke-width="1"/>`,
      `<text x="${margin.left - 6}" y="${(y(value) + 4).toFixed(1)}" text-anchor="end" font-size="12" fill="#1d1d1f">${escapeXml(text.number(value))}</text>`,
    );
  }
  const labelEvery = Math.max(1, Math.ceil(weeks.length / 8));
  weeks.forEach((week, index) => {
    const x = margin.left + index * slot + (slot - barWidth) / 2;
    let base = 0;
    for (const series of seriesOrder) {
      const value = week[series];
      if (!value) continue;
      parts.push(`<rect x="${x.toFixed(1)}" y="${y(base + value).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(y(base) - y(base + value)).toFixed(1)}" fill="${seriesColours[series]}"/>`);
      base += value;
    }
    if (index % labelEvery === 0) {
      const labelX = x + barWidth / 2;
      const labelY = margin.top + plotHeight + 16;
      parts.push(`<text x="${labelX.toFixed(1)}" y="${labelY}" text-anchor="end" font-size="12" fill="#1d1d1f" transform="rotate(-35 ${labelX.toFixed(1)} ${labelY})">${escapeXml(text.week(week.week))}</text>`);
    }
  });
  const legend = seriesOrder.map((series, index) => {
    const x = margin.left + index * 160;
    const legendY = height - 14;
    return `<rect x="${x}" y="${legendY - 10}" width="12" height="12" fill="${seriesColours[series]}"/><text x="${x + 18}" y="${legendY}" font-size="13" fill="#1d1d1f">${escapeXml(text.series[series])}</text>`;
  });

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" class="chart" role="img" aria-labelledby="${idPrefix}-title ${idPrefix}-desc">`,
    `<title id="${idPrefix}-title">${escapeXml(text.title)}</title>`,
    `<desc id="${idPrefix}-desc">${escapeXml(text.description)}</desc>`,
    ...parts,
    ...legend,
    '</svg>',
  ].join('');
}
