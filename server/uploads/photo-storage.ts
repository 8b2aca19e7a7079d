import fs from 'node:fs/promises';
import path from 'node:path';

/** Where photos live. Local disk now; an S3-compatible store implements the same four calls. */
export interface PhotoStorage {
  put(key: string, content: Buffer, contentType: string): Promise<void>;
  delete(key: string): Promise<void>;
  urlFor(key: string): string;
  /** A local folder to serve from, when the store is the local disk. */
  localDirectory?: string;
}

const safeKey = /^[a-z0-9-]+\.(jpg|webp|png)$/;

export function localDiskStorage(directory: string): PhotoStorage {
  const pathFor = (key: string) => {
    if (!safeKey.test(key)) throw new Error(`unsafe storage key: ${key}`);
    return path.join(directory, key);
  };
  return {
    localDirectory: directory,
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
    urlFor: (key) => `/uploads/${key}`,
  };
}
