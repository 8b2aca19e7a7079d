import type { Knex } from 'knex';
import { hashPassword } from '../passwords/password';
import { insertPhotos } from '../ideas/ideas.queries';
import { processPhoto } from '../uploads/photo-processing';
import type { PhotoStorage } from '../uploads/photo-storage';
import { withStoredPhotos } from '../uploads/stored-photos';
import { demoScenePng, demoScenesOfIdea } from './demo-photos';
import {
  demoCategories,
  demoConsultation,
  demoIdeas,
  demoPlaces,
  demoResidentAccount,
  demoStaffAccount,
} from './demo-data';

/** Categories and places: reference data every installation needs, production included. */
export async function seedReferenceData(trx: Knex): Promise<void> {
  const hasCategories = await trx('categories').first('id');
  if (!hasCategories) {
    await trx('categories').insert(
      demoCategories.map((category, position) => ({
        slug: category.slug,
        name: JSON.stringify(category.name),
        icon: category.icon,
        color: category.color,
        position,
      })),
    );
  }
  const hasPlaces = await trx('places').first('id');
  if (!hasPlaces) {
    await trx('places').insert(demoPlaces.map((place) => ({ ...place, name: JSON.stringify(place.name) })));
  }
}

async function upsertDemoAccount(trx: Knex, account: { email: string; password: string; displayName: string }, role: string) {
  const existing = await trx('users').whereRaw('lower(email) = lower(?)', [account.email]).first('id');
  if (existing) return existing.id as number;
  const [row] = await trx('users')
    .insert({ email: account.email, display_name: account.displayName, password_hash: await hashPassword(account.password), role, preferred_locale: 'lv', email_verified_at: trx.fn.now() })
    .returning('id');
  return row.id as number;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

interface SeededIdea {
  id: number;
  category: string;
  index: number;
}

async function seedDemoConsultationAndIdeas(trx: Knex, authorId: number): Promise<SeededIdea[]> {
  const today = new Date();
  const [consultation] = await trx('consultations')
    .insert({
      slug: demoConsultation.slug,
      title: JSON.stringify(demoConsultation.title),
      description: JSON.stringify(demoConsultation.description),
      starts_on: isoDate(new Date(today.getTime() - 30 * 86_400_000)),
      ends_on: isoDate(new Date(today.getTime() + 120 * 86_400_000)),
      phase: demoConsultation.phase,
      moderation_mode: demoConsultation.moderationMode,
      support_budget: demoConsultation.supportBudget,
    })
    .returning('id');
  const categoryIds = new Map((await trx('categories').select('id', 'slug')).map((row) => [row.slug as string, row.id as number]));
  const places = new Map(demoPlaces.map((place) => [place.slug, place]));
  const rows: { id: number }[] = await trx('ideas').insert(
    demoIdeas.map((idea, index) => {
      const place = places.get(idea.place)!;
      const createdAt = new Date(today.getTime() - (demoIdeas.length - index) * 20 * 3_600_000);
      return {
        consultation_id: consultation.id,
        author_id: authorId,
        title: idea.title,
        description: idea.description,
        original_locale: idea.originalLocale,
        category_id: categoryIds.get(idea.category),
        neb_values: idea.nebValues,
        neb_sentences: JSON.stringify(idea.nebSentences),
        latitude: Number((place.latitude + idea.offset[0]).toFixed(6)),
        longitude: Number((place.longitude + idea.offset[1]).toFixed(6)),
        place_name: place.name[idea.originalLocale],
        status: idea.status,
        visibility: 'published',
        created_at: createdAt,
        updated_at: createdAt,
      };
    }),
    ['id'],
  );
  return rows.map((row, index) => ({ id: Number(row.id), category: demoIdeas[index].category, index }));
}

/**
 * The demo ideas' photos, through the same processing and store as an upload. Outside the
 * seed's transaction (the database store must not write inside one: the embedded database has
 * one connection); two ideas at a time, as the first start has the machine to itself.
 */
async function seedDemoPhotos(db: Knex, storage: PhotoStorage, ideas: SeededIdea[]): Promise<void> {
  const queue = [...ideas];
  const drawNext = async (): Promise<void> => {
    for (let idea = queue.shift(); idea; idea = queue.shift()) {
      const { id, category, index } = idea;
      const photos = [];
      for (const [position, scene] of demoScenesOfIdea(category, index).entries()) {
        photos.push(await processPhoto(await demoScenePng(scene, index * 7 + position), `demo-${scene}.png`));
      }
      if (!photos.length) continue;
      await withStoredPhotos(storage, photos, (stored) => db.transaction((trx) => insertPhotos(trx, id, stored.map((photo, position) => ({ ...photo, position })))));
    }
  };
  await Promise.all([drawNext(), drawNext()]);
}

export interface SeedResult {
  demoAccounts?: { email: string; password: string }[];
}

/**
 * Fills an empty database: reference data always; outside production also a demo
 * consultation with ideas and demo accounts (printed at start, for local use only).
 */
export async function seedDemoContent(
  db: Knex,
  { createDemoStaff, photoStorage }: { createDemoStaff: boolean; /** Where the demo ideas' photos go; none without it (tests). */ photoStorage?: PhotoStorage },
): Promise<SeedResult> {
  const { result, newIdeas } = await db.transaction(async (trx) => {
    await seedReferenceData(trx);
    if (!createDemoStaff) return { result: {}, newIdeas: [] };
    await upsertDemoAccount(trx, demoStaffAccount, 'admin');
    const residentId = await upsertDemoAccount(trx, demoResidentAccount, 'resident');
    const ideas = (await trx('consultations').first('id')) ? [] : await seedDemoConsultationAndIdeas(trx, residentId);
    return { result: { demoAccounts: [demoStaffAccount, demoResidentAccount].map(({ email, password }) => ({ email, password })) }, newIdeas: ideas };
  });
  if (photoStorage && newIdeas.length) await seedDemoPhotos(db, photoStorage, newIdeas);
  return result;
}
