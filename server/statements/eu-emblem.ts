/**
 * The EU emblem as the EU's graphic guide constructs it: a blue rectangle of 3:2, twelve gold
 * five-pointed stars on an invisible circle whose radius is a third of the height, each star's
 * points on a circle of an eighteenth of the height, all stars upright, placed like the hours on
 * a clock face. Colours are Reflex Blue and Yellow in the guide's RGB.
 */
export const emblemHeight = 200;
export const emblemWidth = (emblemHeight * 3) / 2;
export const emblemBlue = '#003399';
export const emblemYellow = '#FFCC00';
export const circleRadius = emblemHeight / 3;
export const starRadius = emblemHeight / 18;
/** A regular pentagram's inner vertices: R·cos 72° / cos 36°. */
const innerRadius = (starRadius * Math.cos((2 * Math.PI) / 5)) / Math.cos(Math.PI / 5);

const round = (value: number) => Math.round(value * 1000) / 1000;

function starPoints(cx: number, cy: number): string {
  const points: string[] = [];
  for (let vertex = 0; vertex < 10; vertex += 1) {
    const radius = vertex % 2 === 0 ? starRadius : innerRadius;
    // Vertex 0 points straight up.
    const angle = (vertex * Math.PI) / 5 - Math.PI / 2;
    points.push(`${round(cx + radius * Math.cos(angle))},${round(cy + radius * Math.sin(angle))}`);
  }
  return points.join(' ');
}

/** The twelve stars' polygons, from twelve o'clock clockwise. */
export const emblemStars: readonly string[] = Array.from({ length: 12 }, (_, hour) => {
  const angle = (hour * Math.PI) / 6 - Math.PI / 2;
  return starPoints(emblemWidth / 2 + circleRadius * Math.cos(angle), emblemHeight / 2 + circleRadius * Math.sin(angle));
});
