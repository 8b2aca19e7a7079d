/**
 * What the drill checks in the database once the load stopped: every write with a success answer
 * is there exactly once, an answered refusal left nothing, a write without a certain answer is
 * there whole or not at all, and every counter equals the rows it counts.
 */
import type { Knex } from 'knex';
import { isUncertain, pairKey, type Ledger } from './load';
import type { DrillData } from './seed';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

const isSuccess = (status: number) => status >= 200 && status < 400;

export async function checkWrites(db: Knex, data: DrillData, ledger: Ledger): Promise<Check[]> {
  const checks: Check[] = [];

  // Supports: the ledger against the rows, and each idea's counter against its rows.
  const rows: { user_id: number; idea_id: number }[] = await db('supports').whereIn('idea_id', data.hotIdeaIds).select('user_id', 'idea_id');
  const held = new Set(rows.map((row) => pairKey(Number(row.user_id), Number(row.idea_id))));
  let certain = 0;
  let uncertain = 0;
  const wrong: string[] = [];
  for (const [key, state] of ledger.supports) {
    if (state.uncertain) {
      uncertain++;
      continue;
    }
    certain++;
    if (held.has(key) !== (state.value === 1)) wrong.push(`${key} ledger ${state.value} db ${held.has(key) ? 1 : 0}`);
  }
  for (const key of held) if (!ledger.supports.has(key)) wrong.push(`${key} in the db, never supported`);
  checks.push({
    name: 'supports: ledger = rows',
    ok: wrong.length === 0,
    detail: `${certain} user×idea pairs certain, ${uncertain} uncertain (last answer nginx's 502/504 or cut); ${wrong.length} wrong${wrong.length ? `: ${wrong.slice(0, 5).join('; ')}` : ''}`,
  });
  const counters: { id: number; support_count: number; comment_count: number; supports: number; comments: number }[] = (
    await db.raw(
      `select i.id, i.support_count, i.comment_count,
              (select count(*) from supports s where s.idea_id = i.id)::int as supports,
              (select count(*) from comments c where c.idea_id = i.id and c.deleted_at is null)::int as comments
       from ideas i where i.id = any(?::bigint[])`,
      [data.hotIdeaIds],
    )
  ).rows;
  const supportMismatch = counters.filter((row) => row.support_count !== row.supports);
  const ledgerByIdea = new Map<number, { count: number; uncertain: boolean }>();
  for (const [key, state] of ledger.supports) {
    const ideaId = Number(key.split(':')[1]);
    const entry = ledgerByIdea.get(ideaId) ?? { count: 0, uncertain: false };
    entry.count += state.value;
    entry.uncertain ||= state.uncertain;
    ledgerByIdea.set(ideaId, entry);
  }
  const exactIdeas = counters.filter((row) => !ledgerByIdea.get(Number(row.id))?.uncertain);
  const ledgerMismatch = exactIdeas.filter((row) => row.support_count !== (ledgerByIdea.get(Number(row.id))?.count ?? 0));
  checks.push({
    name: 'supports: counters exact',
    ok: supportMismatch.length === 0 && ledgerMismatch.length === 0,
    detail:
      `support_count = rows on ${counters.length - supportMismatch.length} of ${counters.length} ideas; = ledger on ${exactIdeas.length - ledgerMismatch.length} of ${exactIdeas.length} ideas without an uncertain pair` +
      (supportMismatch.length ? `; counter ≠ rows: ${supportMismatch.map((row) => `#${row.id} ${row.support_count}≠${row.supports}`).join(', ')}` : '') +
      (ledgerMismatch.length ? `; counter ≠ ledger: ${ledgerMismatch.map((row) => `#${row.id} ${row.support_count}≠${ledgerByIdea.get(Number(row.id))?.count ?? 0}`).join(', ')}` : ''),
  });

  // Comments: each text is unique, so count its rows.
  const bodies: { body: string; n: number }[] = (
    await db.raw(`select body, count(*)::int as n from comments where body = any(?::text[]) group by body`, [ledger.comments.map((comment) => comment.text)])
  ).rows;
  const commentRows = new Map(bodies.map((row) => [row.body, row.n]));
  checks.push(textCheck('comments', ledger.comments, commentRows));
  const commentMismatch = counters.filter((row) => row.comment_count !== row.comments);
  checks.push({
    name: 'comments: counters exact',
    ok: commentMismatch.length === 0,
    detail: `comment_count = rows on ${counters.length - commentMismatch.length} of ${counters.length} ideas${commentMismatch.length ? `; ${commentMismatch.map((row) => `#${row.id} ${row.comment_count}≠${row.comments}`).join(', ')}` : ''}`,
  });

  // New ideas: found by their unique title; one with a success answer has the id its redirect named and its photo.
  const titles: { title: string; id: number; photos: number }[] = (
    await db.raw(
      `select i.title, i.id, (select count(*) from idea_photos p where p.idea_id = i.id)::int as photos from ideas i where i.title = any(?::text[])`,
      [ledger.ideas.map((idea) => idea.text)],
    )
  ).rows;
  const ideaRows = new Map<string, number>();
  for (const row of titles) ideaRows.set(row.title, (ideaRows.get(row.title) ?? 0) + 1);
  checks.push(textCheck('ideas', ledger.ideas, ideaRows));
  const byTitle = new Map(titles.map((row) => [row.title, row]));
  const incomplete = ledger.ideas.filter((idea) => {
    const row = byTitle.get(idea.text);
    if (!row) return false;
    return row.photos !== 1 || (isSuccess(idea.status) && idea.newIdeaId !== Number(row.id));
  });
  checks.push({
    name: 'ideas: whole (photo, redirect)',
    ok: incomplete.length === 0,
    detail: `${titles.length} new ideas in the database, ${incomplete.length} without their one photo or not at the redirect's id${incomplete.length ? `: ${incomplete.slice(0, 5).map((idea) => idea.text).join('; ')}` : ''}`,
  });

  // Dots.
  const dotRows: { participant_id: number; idea_id: number; dots: number }[] = await db('workshop_dots').where({ workshop_id: data.workshop.id }).select('participant_id', 'idea_id', 'dots');
  const dotsHeld = new Map(dotRows.map((row) => [pairKey(Number(row.participant_id), Number(row.idea_id)), row.dots]));
  const wrongDots: string[] = [];
  let dotsCertain = 0;
  let dotsUncertain = 0;
  for (const [key, state] of ledger.dots) {
    if (state.uncertain) {
      dotsUncertain++;
      continue;
    }
    dotsCertain++;
    if ((dotsHeld.get(key) ?? 0) !== state.value) wrongDots.push(`${key} ledger ${state.value} db ${dotsHeld.get(key) ?? 0}`);
  }
  for (const key of dotsHeld.keys()) if (!ledger.dots.has(key)) wrongDots.push(`${key} in the db, never placed`);
  checks.push({
    name: 'dots: ledger = rows',
    ok: wrongDots.length === 0,
    detail: `${dotsCertain} participant×idea pairs certain, ${dotsUncertain} uncertain; ${wrongDots.length} wrong${wrongDots.length ? `: ${wrongDots.slice(0, 5).join('; ')}` : ''}`,
  });
  return checks;
}

function textCheck(name: string, writes: { text: string; status: number }[], rows: Map<string, number>): Check {
  const problems: string[] = [];
  let succeeded = 0;
  let refused = 0;
  let failed = 0;
  let unanswered = 0;
  let unansweredDone = 0;
  for (const write of writes) {
    const n = rows.get(write.text) ?? 0;
    if (isSuccess(write.status)) {
      succeeded++;
      if (n !== 1) problems.push(`answered ${write.status} but ${n} rows: ${write.text}`);
    } else if (isUncertain(write.status)) {
      unanswered++;
      unansweredDone += n;
      if (n > 1) problems.push(`answered ${write.status} and ${n} rows: ${write.text}`);
    } else if (write.status >= 500) {
      failed++;
      if (n !== 0) problems.push(`Kopā answered ${write.status} but ${n} rows: ${write.text}`);
    } else {
      refused++;
      if (n !== 0) problems.push(`refused with ${write.status} but ${n} rows: ${write.text}`);
    }
  }
  return {
    name: `${name}: each success once, nothing of a refusal or an error`,
    ok: problems.length === 0,
    detail: `${succeeded} answered as done, ${refused} refused (4xx), ${failed} failed in Kopā (500/503, none stored), ${unanswered} with nginx's 502/504 or cut (${unansweredDone} of them stored, whole)${problems.length ? `; ${problems.slice(0, 5).join('; ')}` : ''}`,
  };
}

/** The dots per ballot idea, as the projector shows them. */
export async function dotsPerIdea(db: Knex, workshopId: number): Promise<Map<number, number>> {
  const rows: { idea_id: number; dots: number }[] = await db('workshop_dots').where({ workshop_id: workshopId }).groupBy('idea_id').select('idea_id', db.raw('sum(dots)::int as dots'));
  return new Map(rows.map((row) => [Number(row.idea_id), row.dots]));
}
