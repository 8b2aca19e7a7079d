import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { announceIdeasChanged } from '../cache/public-changes.queries';
import { photoKeysAfter, photoRowCount } from '../ideas/ideas.queries';
import type { PhotoStorage } from './photo-storage';

export interface PhotoMove {
  /** Photo rows (each a large file and a thumbnail) walked. */
  total: number;
  /** Files copied to the target in this run (a file found there already, whole, is not copied again). */
  copied: number;
  /** Keys in neither store: lost before this run. */
  missing: string[];
}

export class PhotoMoveError extends Error {}

const sha256Of = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/**
 * One file: copied unless the target has it whole already, read back and compared, and only
 * then deleted from the source. Every step can be repeated, so a run interrupted anywhere
 * (even between the copy and the delete) is finished by the next one.
 */
async function moveFile(key: string, from: PhotoStorage, to: PhotoStorage): Promise<'copied' | 'there' | 'missing'> {
  const [content, info] = await Promise.all([from.read(key), from.describe(key)]);
  if (!content || !info) return (await to.describe(key)) ? 'there' : 'missing';
  const hash = sha256Of(content);
  const already = await to.describe(key);
  if (already?.sha256 !== hash) await to.put(key, content, info.contentType);
  const copy = await to.read(key);
  if (!copy || sha256Of(copy) !== hash) throw new PhotoMoveError(`The copy of ${key} in the ${to.kind} store does not match the original; nothing of it was deleted.`);
  await from.delete(key);
  return already?.sha256 === hash ? 'there' : 'copied';
}

/**
 * Moves every photo that an idea shows (idea_photos rows, in id order) from one store to the
 * other, a batch at a time; after each batch the ideas concerned are announced as changed so
 * that no process keeps an answer read from the old place.
 */
export async function movePhotos(db: Knex, from: PhotoStorage, to: PhotoStorage, report: (line: string) => void, batchSize = 50): Promise<PhotoMove> {
  const total = await photoRowCount(db);
  const result: PhotoMove = { total, copied: 0, missing: [] };
  let done = 0;
  let afterId = 0;
  for (;;) {
    const rows = await photoKeysAfter(db, afterId, batchSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      for (const key of [row.largeKey, row.thumbnailKey]) {
        const outcome = await moveFile(key, from, to);
        if (outcome === 'copied') result.copied++;
        if (outcome === 'missing') result.missing.push(key);
      }
      afterId = row.id;
    }
    await announceIdeasChanged(db, [...new Set(rows.map((row) => row.ideaId))]);
    // Photos added meanwhile are moved too; the count grows with them.
    done += rows.length;
    report(`moved ${done}/${Math.max(total, done)}`);
  }
  result.total = Math.max(total, done);
  return result;
}
