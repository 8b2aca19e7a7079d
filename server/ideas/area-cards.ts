import { ideaListQuerySchema, type IdeaListQuery } from './ideas.schema';

type Bbox = [number, number, number, number];

/** How many cards the home page's list shows for the visible part of the map. */
export const cardsPerArea = 12;

/** The smallest step of 1, 2 or 5 × 10^k that is at least an eighth of the span (never under 0.001°). */
function gridStep(span: number): { step: number; decimals: number } {
  const target = Math.max(span / 8, 0.001);
  for (let exponent = Math.floor(Math.log10(target)); ; exponent += 1) {
    for (const multiple of [1, 2, 5]) {
      const step = multiple * 10 ** exponent;
      if (step >= target * (1 - 1e-9)) return { step, decimals: Math.max(0, -exponent) };
    }
  }
}

function outward(min: number, max: number, limit: number): [number, number] {
  const { step, decimals } = gridStep(max - min);
  // The epsilon keeps a value already on the grid where it is despite binary fractions.
  const low = Number((Math.floor(min / step + 1e-9) * step).toFixed(decimals));
  const high = Number((Math.ceil(max / step - 1e-9) * step).toFixed(decimals));
  return [Math.max(low, -limit), Math.min(high, limit)];
}

function widenedOnce(bbox: Bbox): Bbox {
  const [minLon, maxLon] = outward(bbox[0], bbox[2], 180);
  const [minLat, maxLat] = outward(bbox[1], bbox[3], 90);
  return [minLon, minLat, maxLon, maxLat];
}

/**
 * The visible map widened to a grid that scales with its size: panning a little asks for the
 * same box again, so the response cache answers it, and the cards may reach a little beyond the
 * screen. Widened until it stays put: the route reads the normalised address again on a cache
 * miss and must get the same box. A box that covers the whole world is no box at all (the same
 * answer as without one).
 */
export function roundedBbox(bbox: Bbox): Bbox | undefined {
  // Each pass that moves widens the box onto a coarser grid: a few passes settle it (the cap is a guard).
  let box = bbox;
  for (let pass = 0; pass < 40; pass += 1) {
    const wider = widenedOnce(box);
    if (wider[0] <= -180 && wider[2] >= 180 && wider[1] <= -90 && wider[3] >= 90) return undefined;
    if (wider.every((value, index) => value === box[index])) return wider;
    box = wider;
  }
  return box;
}

/** The list's query, read for the cards of an area: always the first page, the box rounded. */
export const areaCardsQuerySchema = ideaListQuerySchema
  .omit({ page: true })
  .transform((query): IdeaListQuery => ({ ...query, bbox: query.bbox && roundedBbox(query.bbox), page: 1 }));
