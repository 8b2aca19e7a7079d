import type { Knex } from 'knex';
import type { TFunction } from 'i18next';
import { AppError, notFound } from '../http/errors';
import type { Locale } from '../config';
import { formatDate, localized } from '../i18n/format';
import type { CategoriesInMemory } from '../categories/categories.cache';
import type { ConsultationsInMemory } from '../consultations/consultations.cache';
import type { PlacesInMemory } from '../places/places.cache';
import { nebValues } from '../ideas/ideas.schema';
import { boundsAround, boundsOfArea, gridCovering, squareOfPoint, type Bounds } from './grid';
import { paperFormPdf, type PaperFormPlace } from './paper-form.pdf';
import { storedGrid } from './paper-forms.queries';

/** Page 1 must hold the questions whatever the consultation's text: a long one is cut (its page has it whole). */
const shortened = (text: string, length: number) => (text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text);

/** The reference data a form prints, from memory. */
export interface PaperFormReference {
  consultations: ConsultationsInMemory;
  categories: CategoriesInMemory;
  places: PlacesInMemory;
}

export interface PaperFormRequest {
  consultationId: number;
  locale: Locale;
  t: TFunction;
  baseUrl: string;
  cityBounds: [number, number, number, number];
}

/** The paper form of a consultation that is collecting ideas, as a PDF in the visitor's language. */
export async function paperFormOf(db: Knex, reference: PaperFormReference, request: PaperFormRequest): Promise<{ pdf: Buffer; fileName: string }> {
  const { locale, t } = request;
  const consultation = await reference.consultations.byId(request.consultationId);
  if (!consultation) throw notFound();
  if (consultation.phase !== 'collecting') throw new AppError(404, 'paper_form_unavailable', 'paper-forms:unavailable', { title: localized(consultation.title, locale) });

  const places = await reference.places.all();
  const [west, south, east, north] = request.cityBounds;
  const bounds: Bounds = consultation.area ? boundsOfArea(consultation.area) : places.length ? boundsAround(places) : { west, south, east, north };
  const grid = await storedGrid(db, consultation.id, gridCovering(bounds));
  const formCode = `K${consultation.id}-${grid.id}`;

  const placesOnMap = places
    .map((place) => ({ ...place, square: squareOfPoint(grid, place), name: localized(place.name, locale) }))
    .filter((place) => place.square !== null)
    .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name, locale) : a.kind === 'neighbourhood' ? -1 : 1))
    .map((place, index): PaperFormPlace => ({ number: index + 1, name: place.name, kind: place.kind, square: place.square, latitude: place.latitude, longitude: place.longitude }));
  const categories = (await reference.categories.all()).map((category) => localized(category.name, locale));
  const onlineUrl = `${request.baseUrl}/ideas/new`;

  const pdf = await paperFormPdf({
    texts: {
      site: t('common:siteName'),
      formCode: t('paper-forms:pdf.formCode', { code: formCode }),
      heading: t('paper-forms:pdf.heading'),
      question: localized(consultation.title, locale),
      description: shortened(localized(consultation.description, locale), 500),
      until: t('paper-forms:pdf.until', { date: formatDate(locale, consultation.endsOn) }),
      howToReturn: t('paper-forms:pdf.howToReturn'),
      title: t('paper-forms:pdf.title'),
      details: t('paper-forms:pdf.details'),
      category: t('paper-forms:pdf.category'),
      values: t('paper-forms:pdf.values'),
      where: t('paper-forms:pdf.where'),
      contact: t('paper-forms:pdf.contact'),
      consent: t('paper-forms:pdf.consent'),
      privacyHeading: t('paper-forms:pdf.privacyHeading'),
      privacy: t('paper-forms:pdf.privacy'),
      online: t('paper-forms:pdf.online'),
      mapHeading: t('paper-forms:pdf.mapHeading'),
      mapHint: t('paper-forms:pdf.mapHint'),
      neighbourhoods: t('paper-forms:pdf.neighbourhoods'),
      landmarks: t('paper-forms:pdf.landmarks'),
      pageOf: (page, pages) => t('paper-forms:pdf.pageOf', { page, pages }),
    },
    categories,
    nebValues: nebValues.map((value) => t(`ideas:neb.${value}`)),
    grid,
    area: consultation.area,
    places: placesOnMap,
    onlineUrl,
  });
  return { pdf, fileName: `kopa-${consultation.slug}-${locale}.pdf` };
}
