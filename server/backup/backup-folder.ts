import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';

/** A refusal or a failure the operator can act on: the CLIs print its message as one line. */
export class BackupError extends Error {}

export const manifestFileName = 'manifest.json';
export const postgresDumpFileName = 'database.dump';
export const embeddedDatabaseDirName = 'pglite';
export const photosDirName = 'photos';

const manifestSchema = z.object({
  format: z.literal('kopa-backup-1'),
  createdAt: z.iso.datetime(),
  appVersion: z.string(),
  database: z.enum(['postgresql', 'embedded']),
  /** Every migration the backed-up database had run; restore refuses names this code does not know. */
  migrations: z.array(z.string()),
  photos: z.number().int().min(0),
  /** sha256 of every other file in the folder, by its path inside it, so damage is found before a restore starts. */
  files: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
});

export type BackupManifest = z.infer<typeof manifestSchema>;

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

async function filesUnder(root: string, dir = root): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? filesUnder(root, full) : Promise.resolve(entry.isFile() ? [path.relative(root, full).split(path.sep).join('/')] : []);
    }),
  );
  return nested.flat().sort();
}

export async function checksumsOf(folder: string): Promise<Record<string, string>> {
  const files = (await filesUnder(folder)).filter((file) => file !== manifestFileName);
  const sums: Record<string, string> = {};
  for (const file of files) sums[file] = await sha256Of(path.join(folder, file));
  return sums;
}

export async function writeManifest(folder: string, manifest: BackupManifest): Promise<void> {
  await fs.writeFile(path.join(folder, manifestFileName), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The manifest of a backup folder, after checking that every file it lists is there, unchanged, and nothing else. */
export async function readVerifiedManifest(folder: string): Promise<BackupManifest> {
  let text: string;
  try {
    text = await fs.readFile(path.join(folder, manifestFileName), 'utf8');
  } catch {
    throw new BackupError(`${folder} is not a Kopā backup: it has no ${manifestFileName}.`);
  }
  let parsed: ReturnType<typeof manifestSchema.safeParse>;
  try {
    parsed = manifestSchema.safeParse(JSON.parse(text));
  } catch {
    throw new BackupError(`${folder} is not a Kopā backup: its ${manifestFileName} is not JSON.`);
  }
  if (!parsed.success) throw new BackupError(`${folder} is not a Kopā backup this version can read: ${manifestFileName} ${parsed.error.issues[0].path.join('.')} is invalid.`);
  const found = await checksumsOf(folder);
  for (const [file, sum] of Object.entries(parsed.data.files)) {
    if (found[file] !== sum) throw new BackupError(`The backup in ${folder} is damaged: ${file} is ${found[file] ? 'changed' : 'missing'}.`);
  }
  const extra = Object.keys(found).find((file) => !(file in parsed.data.files));
  if (extra) throw new BackupError(`The backup in ${folder} is damaged: ${extra} is not in its manifest.`);
  return parsed.data;
}

/** Names of the finished photo files in a folder; a photo being written has a `.tmp` name and is left out. */
export async function photoFileNames(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries.filter((entry) => entry.isFile() && !entry.name.endsWith('.tmp')).map((entry) => entry.name).sort();
}

/**
 * Copies the photos byte for byte and returns how many the destination holds. A file already
 * there is never overwritten: with `addMissing` it is kept as it is (photo keys are never
 * reused), without it the copy stops with an error.
 */
export async function copyPhotos(from: string, to: string, { addMissing = false } = {}): Promise<number> {
  await fs.mkdir(to, { recursive: true });
  const present = new Set(addMissing ? await photoFileNames(to) : []);
  for (const name of await photoFileNames(from)) {
    if (!present.has(name)) await fs.copyFile(path.join(from, name), path.join(to, name), fs.constants.COPYFILE_EXCL);
  }
  return (await photoFileNames(to)).length;
}

/** True when the directory is missing or empty. */
export async function isEmptyDirectory(dir: string): Promise<boolean> {
  const entries = await fs.readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return entries.length === 0;
}
