import chardet from 'chardet';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { FormError } from '../http/forms';
import { headerKey, importColumns, maxImportRows, placeColumns, requiredColumns, type ImportColumn, type ImportedRow } from './import-columns';
import { checkZip, extentOfSheet } from './zip-limits';

/** Columns beyond this are not read (the export has ~35): a sheet wider than this is refused as too large. */
const maxColumns = 200;

const refuse = (key: string, values?: Record<string, string | number>) => new FormError({ file: values ? { key: `imports:file.${key}`, values } : `imports:file.${key}` });

/**
 * The text of a CSV file: UTF-8 (with or without a byte-order mark), or the Windows-1257 and
 * Windows-1251 files Excel writes in Latvian and Russian settings. chardet ranks the candidates;
 * only the encodings a Kopā file can be in are considered (it otherwise names ISO-8859-1 for Latvian).
 */
export function decodeCsv(bytes: Buffer): string {
  if (bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))) return bytes.toString('utf8', 3);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: one of the Windows code pages.
  }
  const sample = bytes.subarray(0, 64 * 1024);
  const ranked = chardet.analyse(sample).filter((match) => ['windows-1257', 'ISO-8859-13', 'windows-1251', 'KOI8-R', 'ISO-8859-5'].includes(match.name));
  const cyrillic = ranked.length && ['windows-1251', 'KOI8-R', 'ISO-8859-5'].includes(ranked[0].name);
  return iconv.decode(bytes, cyrillic ? (ranked[0].name === 'windows-1251' ? 'win1251' : ranked[0].name) : 'win1257');
}

/** `;` (Excel in Latvian and Russian settings) or `,`: whichever the header line holds more of, outside quotes. */
export function delimiterOf(text: string): ';' | ',' {
  const header = (text.split(/\r?\n/, 1)[0] ?? '').replace(/"[^"]*"/g, '');
  return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
}

/** Binary content (a photo, a PDF) is not a CSV, whatever its name says. */
const looksBinary = (bytes: Buffer) => bytes.subarray(0, 8192).some((byte) => byte < 9);

/** A row of the sheet as text cells, with its line (CSV) or row number (XLSX) to name it by. */
interface SheetRow {
  line: number;
  cells: string[];
}

function readCsv(bytes: Buffer): SheetRow[] {
  if (looksBinary(bytes)) throw refuse('notSpreadsheet');
  const text = decodeCsv(bytes);
  try {
    // One record more than allowed is read, to name the limit; the rest is not parsed. Rows of
    // separators only (Excel writes them below the data) are skipped and not counted.
    const records = parse(text, {
      delimiter: delimiterOf(text),
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      to: maxImportRows + 2,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map(({ record, info }) => ({ line: info.lines, cells: record }));
  } catch {
    throw refuse('unreadable');
  }
}

/** A cell as text: a formula as its own text (`=HYPERLINK(…)`), never its result; dates as ISO days. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const cell = value as { formula?: string; sharedFormula?: string; richText?: { text: string }[]; text?: unknown; hyperlink?: string; error?: string };
  if (cell.formula !== undefined) return `=${cell.formula}`;
  if (cell.sharedFormula !== undefined) return `=${cell.sharedFormula}`;
  if (Array.isArray(cell.richText)) return cell.richText.map((run) => run.text).join('');
  if (cell.text !== undefined) return cellText(cell.text);
  if (cell.error !== undefined) return String(cell.error);
  return '';
}

async function readXlsx(bytes: Buffer): Promise<SheetRow[]> {
  const checked = checkZip(bytes);
  if ('refusal' in checked) throw refuse(checked.refusal === 'notZip' ? 'notSpreadsheet' : 'tooLarge');
  if (!checked.sheets.length) throw refuse('notSpreadsheet');
  // Huge dimensions are refused before exceljs builds its model: it walks every cell of a merged range.
  for (const sheet of checked.sheets) {
    const extent = extentOfSheet(sheet);
    if (extent.rows > maxImportRows + 1) throw refuse('tooManyRows', { max: maxImportRows });
    if (extent.columns > maxColumns) throw refuse('tooLarge');
  }
  // Loaded on the first import: exceljs alone is ~20 MB of resident memory.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw refuse('notSpreadsheet');
  }
  const sheet = workbook.worksheets.find((candidate) => candidate.actualRowCount > 0);
  if (!sheet) return [];
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let column = 1; column <= Math.min(row.cellCount, maxColumns); column++) cells.push(cellText(row.getCell(column).value));
    rows.push({ line: row.number, cells });
  });
  return rows;
}

export type SpreadsheetKind = 'csv' | 'xlsx';

export function kindOfFile(name: string, bytes: Buffer): SpreadsheetKind | undefined {
  const zip = bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  if (/\.xlsx$/i.test(name)) return zip ? 'xlsx' : undefined;
  if (/\.(csv|txt)$/i.test(name)) return zip ? undefined : 'csv';
  return undefined;
}

/**
 * The rows of an uploaded CSV or XLSX, by the known columns; a file Kopā cannot use is refused
 * with the problem at the file field: not a spreadsheet, empty, too large, a required column
 * missing, more than 10,000 rows.
 */
export async function readImportFile(name: string, bytes: Buffer): Promise<ImportedRow[]> {
  if (!bytes.length) throw refuse('empty');
  const kind = kindOfFile(name, bytes);
  if (!kind) throw refuse('notSpreadsheet');
  const table = kind === 'csv' ? readCsv(bytes) : await readXlsx(bytes);
  const nonEmpty = table.filter((row) => row.cells.some((cell) => cell.trim() !== ''));
  if (!nonEmpty.length) throw refuse('empty');
  const [header, ...body] = nonEmpty;
  if (body.length > maxImportRows) throw refuse('tooManyRows', { max: maxImportRows });
  const keys = header.cells.map(headerKey);
  const positions = {} as Record<ImportColumn, number>;
  for (const column of Object.keys(importColumns) as ImportColumn[]) positions[column] = keys.indexOf(importColumns[column]);
  const missing = requiredColumns.filter((column) => positions[column] < 0).map((column) => importColumns[column]);
  if (missing.length) throw refuse('missingColumns', { columns: missing.join(', ') });
  if (!placeColumns.some((group) => group.every((column) => positions[column] >= 0))) {
    throw refuse('missingPlaceColumns', { columns: placeColumns.map((group) => group.map((column) => importColumns[column]).join(' + ')).join(' / ') });
  }
  if (!body.length) throw refuse('empty');
  return body.map((row) => ({
    line: row.line,
    cells: Object.fromEntries((Object.keys(positions) as ImportColumn[]).map((column) => [column, positions[column] >= 0 ? (row.cells[positions[column]] ?? '').trim() : ''])) as Record<ImportColumn, string>,
  }));
}
