import { stringify } from 'csv-stringify/sync';
import type { Place } from '../places/places.queries';
import type { Category } from '../categories/categories.queries';
import type { Locale } from '../config';
import { templateHeader } from './import-columns';

/** Two example rows in the page's language: one placed by coordinates, one by a named landmark. */
function exampleRows(locale: Locale, categories: Category[], places: Place[], nebName: (value: string) => string, mapCenter: [number, number]): string[][] {
  const category = categories[0]?.name[locale] ?? categories[0]?.slug ?? '';
  const landmark = places.find((place) => place.kind === 'landmark') ?? places[0];
  // Columns: title, description, category, neb_values, original_language, latitude, longitude, place_name, grid_square, place.
  return [
    ['Soliņi pie Daugavas', 'Vairāk soliņu gar upi vecākiem iedzīvotājiem.', category, `${nebName('together')}, ${nebName('beautiful')}`, 'lv', String(mapCenter[0]), String(mapCenter[1]), '', '', ''],
    ['Скамейки у реки', 'Больше скамеек вдоль реки для пожилых жителей.', category, nebName('sustainable'), 'ru', '', '', '', '', landmark ? (landmark.name[locale] ?? landmark.slug) : ''],
  ];
}

export interface TemplateContent {
  locale: Locale;
  categories: Category[];
  places: Place[];
  nebName: (value: string) => string;
  mapCenter: [number, number];
}

/** UTF-8 with a byte-order mark, comma-separated, as the export writes it. */
export function templateCsv(content: TemplateContent): string {
  return `\uFEFF${stringify([templateHeader, ...exampleRows(content.locale, content.categories, content.places, content.nebName, content.mapCenter)])}`;
}

export async function templateXlsx(content: TemplateContent): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Ideas');
  sheet.addRow(templateHeader).font = { bold: true };
  for (const row of exampleRows(content.locale, content.categories, content.places, content.nebName, content.mapCenter)) sheet.addRow(row);
  sheet.columns.forEach((column) => (column.width = 22));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
