import type { ConsultationSummary } from './consultations.queries';

const rigaDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Riga' });

/** New ideas are taken while the consultation collects them and today is within its dates. */
export function acceptsIdeas(consultation: Pick<ConsultationSummary, 'phase' | 'startsOn' | 'endsOn'>, today = new Date()): boolean {
  const day = rigaDay.format(today);
  return consultation.phase === 'collecting' && consultation.startsOn <= day && day <= consultation.endsOn;
}
