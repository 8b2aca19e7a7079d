import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import sharp from 'sharp';
import { localDiskStorage, type PhotoStorage } from '../../server/uploads/photo-storage';

let sequence = 0;

/**
 * A photo of an idea, as the upload leaves it: a large file and a thumbnail in the store (an
 * upload folder, or any store) and their row.
 */
export async function buildPhoto(db: Knex, store: string | PhotoStorage, ideaId: number): Promise<{ largeKey: string; thumbnailKey: string }> {
  sequence += 1;
  const storage = typeof store === 'string' ? localDiskStorage(store) : store;
  const image = (width: number) => sharp({ create: { width, height: Math.round(width * 0.75), channels: 3, background: { r: (sequence * 37) % 256, g: 90, b: 140 } } }).webp().toBuffer();
  const largeKey = `${randomUUID()}.webp`;
  const thumbnailKey = `${randomUUID()}.webp`;
  await storage.put(largeKey, await image(800), 'image/webp');
  await storage.put(thumbnailKey, await image(200), 'image/webp');
  const position = Number((await db('idea_photos').where({ idea_id: ideaId }).count<{ count: number }[]>('* as count'))[0].count);
  await db('idea_photos').insert({ idea_id: ideaId, position, large_key: largeKey, thumbnail_key: thumbnailKey, width: 800, height: 600 });
  return { largeKey, thumbnailKey };
}
