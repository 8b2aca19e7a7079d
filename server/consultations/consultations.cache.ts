import type { Knex } from 'knex';
import { settledValue } from '../cache/settled-value';
import type { PublicChanges } from '../cache/public-changes';
import type { CacheableAnswer } from '../cache/response-cache';
import { allConsultations, consultationById, type Consultation, type ConsultationSummary } from './consultations.queries';

/** Consultations as visitors' pages read them, loaded once and kept until reference data changes. */
export interface ConsultationsInMemory {
  /** Newest first. */
  all(): Promise<Consultation[]>;
  /** Those people can still take part in, newest first. */
  open(): Promise<ConsultationSummary[]>;
  byId(id: number): Promise<Consultation | undefined>;
}

const openPhases: readonly ConsultationSummary['phase'][] = ['collecting', 'voting'];

export function consultationsInMemory(db: Knex, changes: PublicChanges): ConsultationsInMemory {
  const kept = settledValue(changes, ['reference'], async () => {
    const all = await allConsultations(db);
    return {
      all,
      open: all.filter((consultation) => openPhases.includes(consultation.phase)),
      byId: new Map(all.map((consultation) => [consultation.id, consultation])),
    };
  });
  return {
    all: async () => (await kept.get()).all,
    open: async () => (await kept.get()).open,
    // One created since the load and not yet announced (from another process) is read fresh.
    byId: async (id) => (await kept.get()).byId.get(id) ?? (await consultationById(db, id)),
  };
}

const consultationPage = /^\/consultations\/(\d{1,15})$/;

/**
 * A consultation's public page, the same for every anonymous visitor of a language (any query
 * but the language is ignored): kept until the consultation (reference data) or its ideas'
 * published NEB profile changes. A published assessment, an idea published, hidden or moved to
 * another consultation all announce the `ideas` scope.
 */
export function cacheableConsultationAnswer(path: string): CacheableAnswer | undefined {
  return consultationPage.test(path) ? { url: path, dependsOn: ['ideas', 'reference'], daily: false } : undefined;
}
