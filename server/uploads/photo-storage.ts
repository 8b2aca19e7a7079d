import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from 'knex';
import type { Config } from '../config';
import { deletePhotoFile, photoFileContent, photoFileInfo, upsertPhotoFile, type PhotoFileInfo } from './photo-files.queries';

export type { PhotoFileInfo } from './photo-files.queries';
export type PhotoStoreKind = 'disk' | 'database';

/**
 * Where photos live: the local disk or a table of the database (PHOTO_STORE). Both are served
 * by the same route at the same URL, so moving photos between them changes no link.
 */
export interface PhotoStorage {
  readonly kind: PhotoStoreKind;
  put(key: string, content: Buffer, contentType: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** Type, size and content hash, or undefined when this store has no such file. */
  describe(key: string): Promise<PhotoFileInfo | undefined>;
  read(key: string): Promise<Buffer | undefined>;
  urlFor(key: string): string;
}

/** The keys the upload makes (a UUID and a variant); anything else never reaches a store. */
const safeKey = /^[a-z0-9-]{1,100}\.(jpg|webp|png)$/;
export const isSafePhotoKey = (key: string): boolean => safeKey.test(key);

const contentTypes: Record<string, string> = { jpg: 'image/jpeg', webp: 'image/webp', png: 'image/png' };
const contentTypeOf = (key: string) => contentTypes[key.slice(key.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
const sha256Of = (content: Buffer) => createHash('sha256').update(content).digest('hex');
export const photoUrlFor = (key: string): string => `/uploads/${key}`;

function checked(key: string): string {
  if (!isSafePhotoKey(key)) throw new Error(`unsafe storage key: ${key}`);
  return key;
}

const missingAsUndefined = (error: NodeJS.ErrnoException) => {
  if (error.code === 'ENOENT') return undefined;
  throw error;
};

export function localDiskStorage(directory: string): PhotoStorage {
  const pathFor = (key: string) => path.join(directory, checked(key));
  const read = (key: string) => fs.readFile(pathFor(key)).catch(missingAsUndefined);
  return {
    kind: 'disk',
    async put(key, content) {
      await fs.mkdir(directory, { recursive: true });
      // Write under a temporary name, then rename: readers never see half a file.
      const temporary = `${pathFor(key)}.${process.pid}.tmp`;
      await fs.writeFile(temporary, content);
      await fs.rename(temporary, pathFor(key));
    },
    async delete(key) {
      await fs.rm(pathFor(key), { force: true });
    },
    // A file has no stored hash: it is read once here, and callers keep the answer (a key's content never changes).
    async describe(key) {
      const content = await read(key);
      return content && { contentType: contentTypeOf(key), byteSize: content.length, sha256: sha256Of(content) };
    },
    read,
    urlFor: photoUrlFor,
  };
}

/** Photos as rows of photo_files: stateless processes, and one pg_dump holds them. */
export function databasePhotoStorage(db: Knex): PhotoStorage {
  return {
    kind: 'database',
    put: (key, content, contentType) => upsertPhotoFile(db, checked(key), content, contentType, sha256Of(content)),
    delete: (key) => deletePhotoFile(db, checked(key)),
    describe: (key) => photoFileInfo(db, checked(key)),
    read: (key) => photoFileContent(db, checked(key)),
    urlFor: photoUrlFor,
  };
}

/**
 * The configured store, reading from the other one when a file is not (yet) in it: while
 * `npm run photos:move` runs, or after a move before the restart, every photo stays
 * reachable. Deletes reach both, so a moved photo leaves nothing behind.
 */
export function withFallback(primary: PhotoStorage, other: PhotoStorage): PhotoStorage {
  return {
    kind: primary.kind,
    put: (key, content, contentType) => primary.put(key, content, contentType),
    async delete(key) {
      await Promise.all([primary.delete(key), other.delete(key)]);
    },
    describe: async (key) => (await primary.describe(key)) ?? other.describe(key),
    read: async (key) => (await primary.read(key)) ?? other.read(key),
    urlFor: photoUrlFor,
  };
}

/** The two stores of a configuration, by kind. */
export function photoStores(config: Pick<Config, 'uploadDir'>, db: Knex): Record<PhotoStoreKind, PhotoStorage> {
  return { disk: localDiskStorage(config.uploadDir), database: databasePhotoStorage(db) };
}

/** The photo store every part of Kopā uses (app, maintenance, erasure, my data): PHOTO_STORE, with the other as fallback. */
export function configuredPhotoStorage(config: Pick<Config, 'uploadDir' | 'photoStore'>, db: Knex): PhotoStorage {
  const stores = photoStores(config, db);
  return withFallback(stores[config.photoStore], stores[config.photoStore === 'disk' ? 'database' : 'disk']);
}
