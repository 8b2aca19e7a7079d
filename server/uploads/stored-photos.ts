import { randomUUID } from 'node:crypto';
import type { ProcessedPhoto } from './photo-processing';
import type { PhotoStorage } from './photo-storage';

/** The keys of one photo's two variants in the store, with the large one's size. */
export interface StoredPhoto {
  largeKey: string;
  thumbnailKey: string;
  width: number;
  height: number;
}

/** Puts every photo in the store; if one fails, the ones already stored are removed. */
async function storePhotos(storage: PhotoStorage, photos: ProcessedPhoto[]): Promise<StoredPhoto[]> {
  const stored: StoredPhoto[] = [];
  try {
    for (const photo of photos) {
      const name = randomUUID();
      const entry = { largeKey: `${name}-large.jpg`, thumbnailKey: `${name}-thumb.jpg`, width: photo.width, height: photo.height };
      stored.push(entry);
      await storage.put(entry.largeKey, photo.large, 'image/jpeg');
      await storage.put(entry.thumbnailKey, photo.thumbnail, 'image/jpeg');
    }
    return stored;
  } catch (error) {
    await removeStoredPhotos(storage, stored);
    throw error;
  }
}

export async function removeStoredPhotos(storage: PhotoStorage, photos: Pick<StoredPhoto, 'largeKey' | 'thumbnailKey'>[]): Promise<void> {
  await Promise.all(photos.flatMap((photo) => [storage.delete(photo.largeKey), storage.delete(photo.thumbnailKey)]));
}

/**
 * Stores the photos before `change` runs its transaction (the database store must not write
 * inside it: the embedded database has one connection), and removes them again when the
 * change is refused: no orphans.
 */
export async function withStoredPhotos<T>(storage: PhotoStorage, photos: ProcessedPhoto[], change: (stored: StoredPhoto[]) => Promise<T>): Promise<T> {
  const stored = await storePhotos(storage, photos);
  try {
    return await change(stored);
  } catch (error) {
    await removeStoredPhotos(storage, stored);
    throw error;
  }
}
