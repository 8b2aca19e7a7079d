import { migrations } from '../../migrations';
import { categoryIcons } from '../../server/categories/categories.schema';
import { demoCategories } from '../../server/seed/demo-data';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

const migration = migrations['20261208100000_alter_category_icons_to_lucide'];

const shapeToIcon = {
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

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(() => database.close());

const iconsBySlug = async () => Object.fromEntries((await database.db('categories').select('slug', 'icon')).map((row) => [row.slug, row.icon]));

describe('categories: from marker shapes to Lucide icons', () => {
  it('turns each shape into its icon, each of them on the admin\u2019s list, and back again', async () => {
    const { db } = database;
    await db('categories').delete();
    const shapes = Object.keys(shapeToIcon);
    await db('categories').insert(shapes.map((shape, position) => ({ slug: `with-${shape}`, name: JSON.stringify({ lv: shape, ru: shape, en: shape }), icon: shape, color: '#1b7f3b', position })));
    await migration.up(db);
    expect(await iconsBySlug()).toEqual(Object.fromEntries(Object.entries(shapeToIcon).map(([shape, icon]) => [`with-${shape}`, icon])));
    for (const icon of Object.values(shapeToIcon)) expect(categoryIcons).toContain(icon);
    await migration.down(db);
    expect(await iconsBySlug()).toEqual(Object.fromEntries(shapes.map((shape) => [`with-${shape}`, shape])));
  });

  it('gives the demo categories the icons the demo content now names', async () => {
    const { db } = database;
    await migration.down(db);
    await migration.up(db);
    expect(await iconsBySlug()).toEqual(Object.fromEntries(demoCategories.map((category) => [category.slug, category.icon])));
  });

  it('turns an icon chosen after the change, which has no shape of its own, into a circle on the way down', async () => {
    const { db } = database;
    await db('categories').where({ slug: 'heritage' }).update({ icon: 'castle' });
    await migration.down(db);
    expect((await iconsBySlug()).heritage).toBe('circle');
    expect((await iconsBySlug())['green-space']).toBe('circle');
    expect((await iconsBySlug())['play-youth']).toBe('star');
  });
});
