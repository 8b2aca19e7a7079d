import { ideaColumns } from '../exports/exports.writers';

/**
 * The columns an import reads. Where the export has the same field the import uses the
 * export's header (so an exported file can be corrected and imported again: its other
 * columns are ignored); the place may also be a paper form's grid square or a named place.
 */
const exported = (key: (typeof ideaColumns)[number]['key']) => ideaColumns.find((column) => column.key === key)!.header;

export const importColumns = {
  title: exported('title'),
  description: exported('description'),
  category: exported('category'),
  nebValues: exported('nebValues'),
  originalLanguage: exported('originalLanguage'),
  latitude: exported('latitude'),
  longitude: exported('longitude'),
  placeName: exported('placeName'),
  gridSquare: 'grid_square',
  place: 'place',
} as const;
export type ImportColumn = keyof typeof importColumns;

/** A row as read from the file: the text of each known column ('' when empty or absent) and its line in the file. */
export interface ImportedRow {
  line: number;
  cells: Record<ImportColumn, string>;
}

export const requiredColumns: readonly ImportColumn[] = ['title', 'description', 'category', 'nebValues'];
/** At least one way to give the place. */
export const placeColumns: readonly (readonly ImportColumn[])[] = [['latitude', 'longitude'], ['gridSquare'], ['place']];

export const maxImportRows = 10_000;

/** A header cell as people type it: any case, spaces for underscores. */
export const headerKey = (header: string) => header.trim().toLowerCase().replace(/[\s-]+/g, '_');

/** The template's header and two example rows (a point, and a grid square). */
export const templateHeader = (Object.keys(importColumns) as ImportColumn[]).map((column) => importColumns[column]);
