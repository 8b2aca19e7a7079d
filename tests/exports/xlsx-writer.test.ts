import { PassThrough } from 'node:stream';
import type { Response } from 'express';
import ExcelJS from 'exceljs';
import { ideaColumns, writeIdeasXlsx } from '../../server/exports/exports.writers';
import type { ExportedComment, ExportedIdea } from '../../server/exports/exports.queries';

const words = ['soliņi', 'koki', 'upe', 'ēna', 'bērni', 'скамейки', 'двор', 'парк', 'light', 'path', 'garden', 'bus'];
let seed = 7;
/** A different text per idea, so that the sheet compresses about as real ideas do. */
function randomDescription(): string {
  const picked: string[] = [];
  for (let index = 0; index < 60; index++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    picked.push(words[seed % words.length] + String(seed % 997));
  }
  return picked.join(' ');
}

/** Ideas as the database would give them, counting how many were taken. */
function ideasCounted(total: number) {
  const counter = { taken: 0 };
  async function* ideas(): AsyncGenerator<ExportedIdea> {
    for (let id = 1; id <= total; id++) {
      counter.taken++;
      const idea = Object.fromEntries(ideaColumns.map(({ key }) => [key, ''])) as unknown as ExportedIdea;
      yield { ...idea, id, title: `Idea ${id}`, description: randomDescription(), translations: {}, latitude: 55.87, longitude: 26.53, supports: id, comments: 0, createdAt: new Date(), updatedAt: new Date() };
    }
  }
  return { ideas: ideas(), counter };
}

async function* noComments(): AsyncGenerator<ExportedComment> {}

const turns = (count: number) => new Promise((resolve) => setTimeout(resolve, count));

describe('the XLSX export writer', () => {
  it('takes ideas only as fast as the client reads, and stops when the client leaves', async () => {
    const total = 40_000;
    const { ideas, counter } = ideasCounted(total);
    const answer = new PassThrough();
    const writing = writeIdeasXlsx(answer as unknown as Response, ideas, noComments, 'https://kopa.example.lv');
    // Nobody reads the answer: the zip's buffers (~2 MB compressed) fill, then the rows wait.
    let takenWhileUnread = -1;
    for (let waited = 0; counter.taken !== takenWhileUnread && waited < 10_000; waited += 300) {
      takenWhileUnread = counter.taken;
      await turns(300);
    }
    expect(counter.taken).toBe(takenWhileUnread);
    expect(takenWhileUnread).toBeLessThan(total / 4);
    answer.destroy();
    await writing;
    expect(counter.taken).toBeLessThan(total / 4);
  });

  it('writes every idea when the client reads on', async () => {
    const { ideas } = ideasCounted(3_000);
    const answer = new PassThrough();
    const chunks: Buffer[] = [];
    answer.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise((resolve) => answer.on('end', resolve));
    await writeIdeasXlsx(answer as unknown as Response, ideas, noComments, 'https://kopa.example.lv');
    await ended;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Ideas')!;
    expect(sheet.rowCount).toBe(3_001);
    expect(sheet.getRow(3_001).getCell(1).value).toBe('https://kopa.example.lv/ideas/3000');
  });
});
