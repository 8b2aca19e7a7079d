import type { Response } from 'express';
import { stringify } from 'csv-stringify';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { nebElements } from '../neb/neb.elements';
import type { ExportedComment, ExportedIdea } from './exports.queries';

export const ideaColumns: { key: keyof ExportedIdea; header: string }[] = [
  { key: 'id', header: 'id' },
  { key: 'consultation', header: 'consultation' },
  { key: 'title', header: 'title' },
  { key: 'description', header: 'description' },
  { key: 'originalLanguage', header: 'original_language' },
  { key: 'translations', header: 'translations' },
  { key: 'category', header: 'category' },
  { key: 'nebValues', header: 'neb_values' },
  { key: 'nebSentences', header: 'neb_sentences' },
  { key: 'latitude', header: 'latitude' },
  { key: 'longitude', header: 'longitude' },
  { key: 'placeName', header: 'place_name' },
  { key: 'status', header: 'status' },
  { key: 'officialAnswer', header: 'official_answer' },
  { key: 'supports', header: 'supports' },
  { key: 'comments', header: 'comments' },
  { key: 'createdAt', header: 'created_at' },
  { key: 'updatedAt', header: 'updated_at' },
  { key: 'author', header: 'author_pseudonym' },
  { key: 'nebAssessors', header: 'neb_assessors' },
  { key: 'nebPublished', header: 'neb_published' },
  ...nebElements.flatMap((element) => [
    { key: `neb_${element}_level` as const, header: `neb_${element}_level` },
    { key: `neb_${element}_justifications` as const, header: `neb_${element}_justifications` },
  ]),
  { key: 'milestones', header: 'milestones' },
  { key: 'latestMilestoneKind', header: 'latest_milestone_kind' },
  { key: 'latestMilestoneLabel', header: 'latest_milestone_label' },
  { key: 'latestMilestoneOn', header: 'latest_milestone_date' },
  { key: 'latestMilestoneProgress', header: 'latest_milestone_progress' },
  { key: 'completedOn', header: 'completed_on' },
];

/** "en: Title — Description | ru: …", for a spreadsheet cell. */
export function translationsAsText(translations: ExportedIdea['translations']): string {
  return Object.entries(translations)
    .map(([locale, translation]) => `${locale}: ${translation!.title} — ${translation!.description}`)
    .join(' | ');
}

/** A row of cells for a spreadsheet: translations as one text. */
const spreadsheetRow = (idea: ExportedIdea) => ({ ...idea, translations: translationsAsText(idea.translations) });

/** A text cell that a spreadsheet would run as a formula gets a leading apostrophe. */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const linkFor = (baseUrl: string, id: number) => `${baseUrl}/ideas/${id}`;

async function write(res: Response, chunk: string | Buffer): Promise<void> {
  if (!res.write(chunk)) await once(res, 'drain');
}

/** UTF-8 with a byte-order mark, so Excel shows Latvian and Cyrillic letters. */
export async function writeIdeasCsv(res: Response, ideas: AsyncIterable<ExportedIdea>, baseUrl: string): Promise<void> {
  const csv = stringify({ header: true, columns: [{ key: 'link', header: 'link' }, ...ideaColumns] });
  csv.on('data', (chunk: Buffer) => {
    if (!res.write(chunk)) {
      csv.pause();
      res.once('drain', () => csv.resume());
    }
  });
  const finished = once(csv, 'end');
  res.write('\uFEFF');
  for await (const idea of ideas) {
    const row: Record<string, unknown> = { link: linkFor(baseUrl, idea.id) };
    const cells = spreadsheetRow(idea);
    for (const { key } of ideaColumns) {
      const value = cells[key];
      row[key] = value instanceof Date ? value.toISOString() : typeof value === 'string' ? neutralizeFormula(value) : value;
    }
    if (!csv.write(row)) await once(csv, 'drain');
  }
  csv.end();
  await finished;
  res.end();
}

/** RFC 7946 with every attribute, for QGIS. */
export async function writeIdeasGeoJson(res: Response, ideas: AsyncIterable<ExportedIdea>, baseUrl: string): Promise<void> {
  await write(res, '{"type":"FeatureCollection","features":[');
  let first = true;
  for await (const idea of ideas) {
    const { latitude, longitude, ...properties } = idea;
    const feature = {
      type: 'Feature',
      id: idea.id,
      geometry: { type: 'Point', coordinates: [longitude, latitude] },
      properties: { ...properties, link: linkFor(baseUrl, idea.id) },
    };
    await write(res, (first ? '' : ',') + JSON.stringify(feature));
    first = false;
  }
  await write(res, ']}');
  res.end();
}

/** Aborted when the answer closes: the client took it all, or left. */
function closedSignal(res: Response): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => controller.abort());
  return controller.signal;
}

type Compressor = Writable & { _writableState?: { needDrain?: boolean } };

/**
 * exceljs's streaming writer hands a sheet's XML to the zip without waiting (its buffer's write()
 * ignores backpressure), and on the embedded database the rows come without a turn of the event
 * loop, so the zip never started: at 100,000 ideas ~180 MB of XML piled up uncompressed. This
 * waits while the sheet's compressor (a readable-stream PassThrough, hence its state's flag) is
 * full. False once the answer is closed: the export stops.
 */
async function compressorCaughtUp(sheet: object, signal: AbortSignal): Promise<boolean> {
  const compressor = (sheet as { stream?: { pipes?: Compressor[] } }).stream?.pipes?.[0];
  if (compressor?._writableState?.needDrain && !signal.aborted) await once(compressor, 'drain', { signal }).catch(() => undefined);
  return !signal.aborted;
}

/**
 * One sheet of ideas and one of comments, with numbers and dates as typed cells. Text goes
 * in as plain strings, which a spreadsheet never runs as formulas.
 */
export async function writeIdeasXlsx(res: Response, ideas: AsyncIterable<ExportedIdea>, comments: () => AsyncIterable<ExportedComment>, baseUrl: string): Promise<void> {
  // Loaded on the first export: exceljs alone is ~20 MB of resident memory.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: false });
  const signal = closedSignal(res);
  const ideaSheet = workbook.addWorksheet('Ideas');
  ideaSheet.columns = [{ key: 'link', header: 'link', width: 30 }, ...ideaColumns.map((column) => ({ ...column, width: 18 }))];
  for await (const idea of ideas) {
    ideaSheet.addRow({ ...spreadsheetRow(idea), link: linkFor(baseUrl, idea.id) }).commit();
    if (!(await compressorCaughtUp(ideaSheet, signal))) return;
  }
  ideaSheet.commit();
  const commentSheet = workbook.addWorksheet('Comments');
  commentSheet.columns = [
    { key: 'id', header: 'id' },
    { key: 'ideaId', header: 'idea_id' },
    { key: 'parentId', header: 'reply_to' },
    { key: 'body', header: 'text', width: 60 },
    { key: 'createdAt', header: 'created_at', width: 20 },
    { key: 'author', header: 'author_pseudonym', width: 16 },
  ];
  for await (const comment of comments()) {
    commentSheet.addRow(comment).commit();
    if (!(await compressorCaughtUp(commentSheet, signal))) return;
  }
  commentSheet.commit();
  await workbook.commit();
}
