import type { Knex } from 'knex';

// A category's pin showed a shape; it now shows a Lucide icon, named in the same column. Each
// shape becomes the icon that fits the demo category that used it. No check constraint holds the
// names: the application's list of icons (categories.schema.ts) grows without a migration.
const iconOfShape: Record<string, string> = {
  circle: 'trees',
  star: 'volleyball',
  triangle: 'bike',
  diamond: 'palette',
  square: 'accessibility',
  drop: 'waves',
  pentagon: 'landmark',
  hexagon: 'lamp',
  cross: 'lightbulb',
};

async function renameIcons(knex: Knex, renames: [from: string, to: string][], otherwise: string | null): Promise<void> {
  const cases = renames.map(() => 'when ? then ?').join(' ');
  const fallback = otherwise === null ? 'icon' : '?';
  await knex.raw(`update categories set icon = case icon ${cases} else ${fallback} end`, [...renames.flat(), ...(otherwise === null ? [] : [otherwise])]);
}

export async function up(knex: Knex): Promise<void> {
  await renameIcons(knex, Object.entries(iconOfShape), null);
}

// Back to shapes: an icon chosen after the change, with no shape of its own, becomes a circle.
export async function down(knex: Knex): Promise<void> {
  await renameIcons(knex, Object.entries(iconOfShape).map(([shape, icon]) => [icon, shape]), 'circle');
}
