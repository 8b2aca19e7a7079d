import { createHash } from 'node:crypto';
import type { MultiPolygon, Polygon } from 'geojson';
import { supportedLocales, type Locale } from '../config';
import { readLocaleResources } from '../i18n/i18n';
import type { FieldProblem } from '../http/forms';
import { coordinate, ideaTexts, nebValues, type NebValue } from '../ideas/ideas.schema';
import { locationProblem, type Bounds } from '../ideas/location';
import { centreOfSquare, type Grid } from '../paper-forms/grid';
import type { Category } from '../categories/categories.queries';
import type { Place } from '../places/places.queries';
import type { ImportedRow } from './import-columns';

/** What a row is checked against; loaded once per file, not per row. */
export interface RowContext {
  area: Polygon | MultiPolygon | null;
  cityBounds: Bounds;
  categories: Category[];
  places: Place[];
  /** The consultation's newest kept paper-form grid, for rows placed by grid square. */
  grid: Grid | undefined;
  /** NEB values by their names in lv, ru and en (lower case). */
  nebNames: Map<string, NebValue>;
  /** Fingerprints of the consultation's ideas imported before. */
  imported: Set<string>;
}

/** A row that may be imported: an idea's content and where it came from in the file. */
export interface AcceptedRow {
  line: number;
  title: string;
  description: string;
  originalLocale: Locale | undefined;
  categoryId: number;
  nebValues: NebValue[];
  latitude: number;
  longitude: number;
  placeName: string | null;
  locationApproximate: boolean;
  fingerprint: string;
}

export type CheckedRow = { line: number; title: string; accepted: AcceptedRow } | { line: number; title: string; problems: FieldProblem[] };

const folded = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase();

/**
 * "The same idea" for the never-twice rule: the consultation's, with the same title,
 * description (compared without case and extra spaces) and place (to about a metre).
 */
export function fingerprintOf(idea: { title: string; description: string; latitude: number; longitude: number }): string {
  return createHash('sha256')
    .update(JSON.stringify([folded(idea.title), folded(idea.description), idea.latitude.toFixed(5), idea.longitude.toFixed(5)]))
    .digest('hex');
}

function categoryOf(context: RowContext, written: string): Category | undefined {
  const wanted = folded(written);
  return context.categories.find((category) => category.slug === wanted || Object.values(category.name).some((name) => name && folded(name) === wanted));
}

function placeOf(context: RowContext, written: string): Place | undefined {
  const wanted = folded(written);
  return context.places.find((place) => place.slug === wanted || Object.values(place.name).some((name) => name && folded(name) === wanted));
}

function nebValuesOf(context: RowContext, written: string): { values: NebValue[]; unknown: string[] } {
  const values = new Set<NebValue>();
  const unknown: string[] = [];
  for (const part of written.split(/[,;|]/).map((item) => item.trim()).filter(Boolean)) {
    const value = context.nebNames.get(folded(part));
    if (value) values.add(value);
    else unknown.push(part);
  }
  return { values: [...values], unknown };
}

const issueKey = (result: { success: boolean; error?: { issues: { message: string }[] } }) => (result.success ? undefined : result.error!.issues[0].message);

type Location = { latitude: number; longitude: number; placeName: string | null; approximate: boolean };

/** The row's place: typed coordinates win, then a grid square (its centre, approximate), then a named place. */
function locationOf(context: RowContext, row: ImportedRow, problems: FieldProblem[]): Location | undefined {
  const { latitude: latitudeText, longitude: longitudeText, gridSquare, place: placeText, placeName } = row.cells;
  const named = placeName || null;
  if (latitudeText || longitudeText) {
    const latitude = coordinate('imports:row.latitude').safeParse(latitudeText);
    const longitude = coordinate('imports:row.longitude').safeParse(longitudeText);
    if (!latitude.success || !longitude.success || latitude.data === undefined || longitude.data === undefined) {
      problems.push('imports:row.coordinates');
      return undefined;
    }
    return { latitude: latitude.data, longitude: longitude.data, placeName: named, approximate: false };
  }
  if (gridSquare) {
    const centre = context.grid ? centreOfSquare(context.grid, gridSquare) : null;
    if (!context.grid) problems.push('imports:row.noGrid');
    else if (!centre) problems.push({ key: 'imports:row.gridSquare', values: { square: gridSquare } });
    return centre ? { ...centre, placeName: named ?? gridSquare.toUpperCase().replace(/\s+/g, ''), approximate: true } : undefined;
  }
  if (placeText) {
    const place = placeOf(context, placeText);
    if (!place) problems.push({ key: 'imports:row.place', values: { place: placeText } });
    return place ? { latitude: place.latitude, longitude: place.longitude, placeName: named ?? placeText, approximate: false } : undefined;
  }
  problems.push('imports:row.noPlace');
  return undefined;
}

/**
 * Each row accepted or refused with every reason, in the order of the file: the idea's own
 * rules (the same zod texts as the form), a known category and NEB value, a place inside the
 * area, and not a row already imported or repeated higher up in the file.
 */
export function checkRows(context: RowContext, rows: ImportedRow[]): CheckedRow[] {
  const seen = new Map<string, number>();
  return rows.map((row) => {
    const problems: FieldProblem[] = [];
    const title = ideaTexts.title.safeParse(row.cells.title);
    const description = ideaTexts.description.safeParse(row.cells.description);
    for (const issue of [issueKey(title), issueKey(description)]) if (issue) problems.push(issue);
    const category = row.cells.category ? categoryOf(context, row.cells.category) : undefined;
    if (!row.cells.category) problems.push('imports:row.categoryRequired');
    else if (!category) problems.push({ key: 'imports:row.category', values: { category: row.cells.category } });
    const neb = nebValuesOf(context, row.cells.nebValues);
    if (neb.unknown.length) problems.push({ key: 'imports:row.nebUnknown', values: { values: neb.unknown.join(', ') } });
    else if (!neb.values.length) problems.push('imports:row.nebRequired');
    const language = folded(row.cells.originalLanguage);
    if (language && !(supportedLocales as readonly string[]).includes(language)) problems.push({ key: 'imports:row.language', values: { language: row.cells.originalLanguage } });
    if (row.cells.placeName.length > 120) problems.push('ideas:validation.placeNameTooLong');
    const location = locationOf(context, row, problems);
    if (location) {
      const outside = locationProblem(context.area, context.cityBounds, location.latitude, location.longitude);
      if (outside) problems.push(outside);
    }
    const shownTitle = row.cells.title.slice(0, 120);
    if (problems.length || !title.success || !description.success || !category || !location) return { line: row.line, title: shownTitle, problems };
    const fingerprint = fingerprintOf({ title: title.data, description: description.data, ...location });
    const earlier = seen.get(fingerprint);
    if (context.imported.has(fingerprint)) return { line: row.line, title: shownTitle, problems: ['imports:row.alreadyImported'] };
    if (earlier !== undefined) return { line: row.line, title: shownTitle, problems: [{ key: 'imports:row.repeated', values: { line: earlier } }] };
    seen.set(fingerprint, row.line);
    return {
      line: row.line,
      title: shownTitle,
      accepted: {
        line: row.line,
        title: title.data,
        description: description.data,
        originalLocale: (language || undefined) as Locale | undefined,
        categoryId: category.id,
        nebValues: neb.values,
        latitude: location.latitude,
        longitude: location.longitude,
        placeName: location.placeName,
        locationApproximate: location.approximate,
        fingerprint,
      },
    };
  });
}

let nebNames: Map<string, NebValue> | undefined;

/** NEB values by their key and their names in every language (lower case), read once from the locale files. */
export function nebNamesInAllLanguages(): Map<string, NebValue> {
  if (nebNames) return nebNames;
  const resources = readLocaleResources();
  nebNames = new Map<string, NebValue>();
  for (const value of nebValues) {
    nebNames.set(value, value);
    for (const locale of supportedLocales) {
      const name = (resources[locale].ideas as { neb?: Record<string, string> }).neb?.[value];
      if (name) nebNames.set(folded(name), value);
    }
  }
  return nebNames;
}
