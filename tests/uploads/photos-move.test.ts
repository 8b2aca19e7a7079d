import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { buildIdea } from '../factories/ideas';
import { buildPhoto } from '../factories/photos';
import { useScene } from '../factories/scene';
import { builtPhotosMove, runToEnd } from '../helpers/processes';
import { binary } from './photo-route.cases';
import { lockDataDirectory } from '../../server/db/database';
import { movePhotos } from '../../server/uploads/photo-move';
import { photoStores, type PhotoStorage } from '../../server/uploads/photo-storage';
import type { PublicScope } from '../../server/cache/public-changes';

const { testApp, consultation, author } = useScene({ users: { author: {} }, consultation: {}, app: { env: { PHOTO_STORE: 'disk' } } });

const originals = new Map<string, Buffer>();
let ideaIds: number[] = [];
const stores = () => photoStores(testApp.config, testApp.db);
const keys = () => [...originals.keys()].sort();
const tableKeys = async () => (await testApp.db('photo_files').orderBy('key').select('key')).map((row) => row.key as string);
const diskFiles = () => testApp.uploadedFiles().sort();

/** Every photo still answers at its URL with its original bytes, whichever store holds it. */
async function everyPhotoServed(): Promise<void> {
  for (const [key, content] of originals) {
    const response = await binary(request(testApp.app).get(`/uploads/${key}`)).expect(200);
    expect(Buffer.compare(response.body as Buffer, content)).toBe(0);
  }
}

/** A store that fails (as a crash would stop the run) at its nth call of `operation`. */
function failingAt(store: PhotoStorage, operation: 'put' | 'delete', nth: number): PhotoStorage {
  let calls = 0;
  const original = store[operation] as (...args: unknown[]) => Promise<void>;
  return {
    ...store,
    [operation]: async (...args: unknown[]) => {
      calls += 1;
      if (calls === nth) throw new Error('simulated crash');
      return original(...args);
    },
  };
}

beforeAll(async () => {
  for (let index = 0; index < 7; index++) {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, visibility: 'published' });
    ideaIds.push(ideaId);
    const { largeKey, thumbnailKey } = await buildPhoto(testApp.db, stores().disk, ideaId);
    for (const key of [largeKey, thumbnailKey]) originals.set(key, (await stores().disk.read(key))!);
  }
  ideaIds = ideaIds.sort((a, b) => a - b);
});

describe('npm run photos:move', () => {
  it('moves every photo to the database with a progress line, announces the ideas, and every URL keeps answering', async () => {
    await everyPhotoServed();
    const heard: PublicScope[] = [];
    const stop = testApp.changes.onChange((scopes) => heard.push(...scopes));
    const lines: string[] = [];
    const moved = await movePhotos(testApp.db, stores().disk, stores().database, (line) => lines.push(line), 3);
    await testApp.changes.settled();
    stop();
    expect(lines).toEqual(['moved 3/7', 'moved 6/7', 'moved 7/7']);
    expect(moved).toEqual({ total: 7, copied: 14, missing: [] });
    expect(await tableKeys()).toEqual(keys());
    expect(diskFiles()).toEqual([]);
    expect(heard).toEqual(expect.arrayContaining(ideaIds.map((id) => `idea:${id}`)));
    await everyPhotoServed();
  });

  it('is idempotent: a second run copies nothing and changes nothing', async () => {
    const moved = await movePhotos(testApp.db, stores().disk, stores().database, () => undefined);
    expect(moved).toEqual({ total: 7, copied: 0, missing: [] });
    expect(await tableKeys()).toEqual(keys());
  });

  it.each([
    ['after a copy, before deleting the original', 'delete', 5],
    ['in the middle of copying', 'put', 4],
  ] as const)('finishes a move back to disk interrupted %s, with no duplicate and no photo lost', async (_when, operation, nth) => {
    const interruptedFrom = operation === 'delete' ? failingAt(stores().database, 'delete', nth) : stores().database;
    const interruptedTo = operation === 'put' ? failingAt(stores().disk, 'put', nth) : stores().disk;
    await expect(movePhotos(testApp.db, interruptedFrom, interruptedTo, () => undefined, 2)).rejects.toThrow('simulated crash');
    // Half-way: some photos in each store (and one possibly in both), each still served.
    expect(diskFiles().length).toBeGreaterThan(0);
    expect((await tableKeys()).length).toBeGreaterThan(0);
    await everyPhotoServed();

    const lines: string[] = [];
    const finished = await movePhotos(testApp.db, stores().database, stores().disk, (line) => lines.push(line), 2);
    expect(lines.at(-1)).toBe('moved 7/7');
    expect(finished.missing).toEqual([]);
    expect(diskFiles()).toEqual(keys());
    expect(await tableKeys()).toEqual([]);
    await everyPhotoServed();
    for (const key of keys()) expect(Buffer.compare(fs.readFileSync(path.join(testApp.config.uploadDir, key)), originals.get(key)!)).toBe(0);

    // Back to the database for the next case, so it starts from the same place.
    await movePhotos(testApp.db, stores().disk, stores().database, () => undefined);
    expect(await tableKeys()).toEqual(keys());
    expect(diskFiles()).toEqual([]);
  });

  it('names the files that were in neither store, and moves the rest', async () => {
    const ideaId = await buildIdea(testApp.db, { consultationId: consultation.id, authorId: author.id, visibility: 'published' });
    await testApp.db('idea_photos').insert({ idea_id: ideaId, position: 0, large_key: 'gone-large.jpg', thumbnail_key: 'gone-thumb.jpg', width: 10, height: 10 });
    try {
      const moved = await movePhotos(testApp.db, stores().database, stores().disk, () => undefined);
      expect(moved).toEqual({ total: 8, copied: 14, missing: ['gone-large.jpg', 'gone-thumb.jpg'] });
      expect(diskFiles()).toEqual(keys());
    } finally {
      await testApp.db('ideas').where({ id: ideaId }).delete();
    }
  });

  it('runs as a command: refuses bad arguments and a data folder a server holds, each with one line', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopa-photos-move-'));
    try {
      const env: Record<string, string> = testApp.url
        ? { DATABASE_URL: testApp.url, DATA_DIR: dataDir, UPLOAD_DIR: testApp.config.uploadDir }
        : { DATA_DIR: dataDir };
      const usage = await runToEnd(builtPhotosMove, ['--to', 's3'], env);
      expect(usage.code).toBe(1);
      expect(usage.stderr).toBe('photos:move: usage: npm run photos:move -- --to database|disk (got "--to s3")\n');

      const ran = await runToEnd(builtPhotosMove, ['--to', 'database'], { ...env, PHOTO_STORE: 'disk' });
      expect(ran.stderr).toBe('');
      expect(ran.code).toBe(0);
      const total = testApp.url ? 7 : 0;
      expect(ran.stdout).toContain(`All ${total} photo(s) are in the database`);
      expect(ran.stdout).toContain('Set PHOTO_STORE=database so that new photos go there too.');
      if (testApp.url) {
        expect(ran.stdout).toContain('moved 7/7');
        expect(await tableKeys()).toEqual(keys());
        expect(diskFiles()).toEqual([]);
      }

      if (!testApp.url) {
        const unlock = lockDataDirectory(dataDir);
        try {
          const refused = await runToEnd(builtPhotosMove, ['--to=disk'], env);
          expect(refused.code).toBe(1);
          expect(refused.stderr).toBe(`photos:move: The embedded database in ${dataDir} is in use by process ${process.pid}; stop it first (or use DATABASE_URL).\n`);
        } finally {
          unlock();
        }
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
