/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16) / 255);
  const [r, g, b] = channels.map((value) => (value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast of two #rrggbb colours, as WCAG defines it (1 to 21). */
export function contrastBetween(first: string, second: string): number {
  const [lighter, darker] = [luminance(first), luminance(second)].sort((a, b) => b - a);
  return (lighter + 0.05) / (darker + 0.05);
}

/** Contrast of a colour against white. */
export function contrastWithWhite(hex: string): number {
  return contrastBetween(hex, '#ffffff');
}

/** Markers and badges sit on white and light map tiles: WCAG 1.4.11 asks 3:1 of graphics. */
export const minimumMarkerContrast = 3;
