/**
 * The NEB Compass: three values and three working principles, each assessed at a level from
 * 0 (not addressed) to 3 (the highest ambition). The order is the order of the form, the
 * table and the chart's axes.
 */
export const nebElements = ['beautiful', 'sustainable', 'together', 'participatory', 'multilevel', 'transdisciplinary'] as const;
export type NebElement = (typeof nebElements)[number];
export const nebLevels = [0, 1, 2, 3] as const;
export type NebLevel = (typeof nebLevels)[number];
export type NebLevels = Record<NebElement, NebLevel>;

/** The idea's NEB assessment: the median level per element over some assessments, and how many. */
export interface NebProfile {
  levels: NebLevels;
  assessorCount: number;
}

/** The median; with an even count the lower of the two middle values, so a tie never rounds up. */
export function lowerMedian(values: readonly number[]): number {
  if (!values.length) throw new Error('lowerMedian of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

export function nebProfileOf(assessments: readonly { levels: NebLevels }[]): NebProfile | undefined {
  if (!assessments.length) return undefined;
  const levels = Object.fromEntries(nebElements.map((element) => [element, lowerMedian(assessments.map((a) => a.levels[element]))])) as NebLevels;
  return { levels, assessorCount: assessments.length };
}
