import type { Response } from 'express';
import { stringify } from 'csv-stringify';
import { once } from 'node:events';
import { neutralizeFormula } from '../exports/exports.writers';
import { ageGroups } from './workshops.schema';
import type { RoomIdea, Workshop } from './workshops.queries';

export interface WorkshopResults {
  workshop: Workshop;
  consultation: string;
  participants: number;
  ageGroups: Record<string, number>;
  ideas: (RoomIdea & { position: number })[];
  /** Category slug → name in the exporter's language. */
  categoryNames: Record<string, string>;
}

const ageColumns = [...ageGroups, 'unspecified'].map((group) => ({ key: `age_${group}`, group }));

const ideaColumns = ['position', 'idea_id', 'title', 'category', 'pinned_in_workshop', 'dots', 'latitude', 'longitude', 'link'] as const;

function ideaRow(results: WorkshopResults, idea: WorkshopResults['ideas'][number], baseUrl: string) {
  return {
    position: idea.position,
    idea_id: idea.id,
    title: idea.title,
    category: results.categoryNames[idea.category] ?? idea.category,
    pinned_in_workshop: idea.pinnedHere,
    dots: idea.dots,
    latitude: idea.latitude,
    longitude: idea.longitude,
    link: idea.id === null ? '' : `${baseUrl}/ideas/${idea.id}`,
  };
}

const dotsSpent = (results: WorkshopResults) => results.ideas.reduce((sum, idea) => sum + idea.dots, 0);

/**
 * One row per idea, with the workshop's own figures repeated on every row so that each row
 * stands on its own in a spreadsheet; UTF-8 with a byte-order mark, formulas neutralised.
 */
export async function writeResultsCsv(res: Response, results: WorkshopResults, baseUrl: string): Promise<void> {
  const columns = ['workshop', 'held_on', 'participants', 'dots_spent', ...ageColumns.map((column) => column.key), ...ideaColumns];
  const csv = stringify({ header: true, columns, cast: { boolean: (value) => (value ? 'yes' : 'no') } });
  const chunks: Buffer[] = [];
  csv.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = once(csv, 'end');
  const shared = {
    workshop: neutralizeFormula(results.workshop.name),
    held_on: results.workshop.heldOn,
    participants: results.participants,
    dots_spent: dotsSpent(results),
    ...Object.fromEntries(ageColumns.map((column) => [column.key, results.ageGroups[column.group] ?? 0])),
  };
  for (const idea of results.ideas) {
    const row = ideaRow(results, idea, baseUrl);
    csv.write({ ...shared, ...row, title: neutralizeFormula(row.title), category: neutralizeFormula(row.category) });
  }
  if (!results.ideas.length) csv.write(shared);
  csv.end();
  await finished;
  res.send(Buffer.concat([Buffer.from('\uFEFF'), ...chunks]));
}

/** A sheet of ideas with typed numbers and one of the workshop's figures; text never becomes a formula. */
export async function writeResultsXlsx(res: Response, results: WorkshopResults, baseUrl: string): Promise<void> {
  // Loaded on the first export: exceljs alone is ~20 MB of resident memory.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: false });
  const ideasSheet = workbook.addWorksheet('Results');
  ideasSheet.columns = ideaColumns.map((key) => ({ key, header: key, width: key === 'title' ? 40 : key === 'link' ? 30 : 14 }));
  for (const idea of results.ideas) ideasSheet.addRow(ideaRow(results, idea, baseUrl)).commit();
  ideasSheet.commit();
  const summary = workbook.addWorksheet('Workshop');
  summary.columns = [
    { key: 'field', header: 'field', width: 24 },
    { key: 'value', header: 'value', width: 40 },
  ];
  const rows: [string, string | number][] = [
    ['workshop', results.workshop.name],
    ['consultation', results.consultation],
    ['held_on', results.workshop.heldOn],
    ['language', results.workshop.locale],
    ['dot_budget', results.workshop.dotBudget],
    ['max_dots_per_idea', results.workshop.maxDotsPerIdea],
    ['participants', results.participants],
    ['dots_spent', dotsSpent(results)],
    ...ageColumns.map((column): [string, number] => [column.key, results.ageGroups[column.group] ?? 0]),
  ];
  for (const [field, value] of rows) summary.addRow({ field, value }).commit();
  summary.commit();
  await workbook.commit();
}
