// npm run lighthouse: Lighthouse (mobile emulation, its default simulated throttling) in Debian's
// Chromium on the home, list, idea and submission pages of a Kopā with the demo content, with the
// map's tiles from a local placeholder server so no request fails. Per page the median of 5 runs (LIGHTHOUSE_RUNS);
// exits 1 when a score is below issue 16's limits.
import fs from 'node:fs';
import path from 'node:path';
import { launch } from 'chrome-launcher';
import { chromiumFlags, chromiumPath, residentSessionCookie, startDemoKopa } from './demo-instance';

const runsPerPage = Number(process.env.LIGHTHOUSE_RUNS ?? 5);
const minimumScores = { performance: 95, accessibility: 100, 'best-practices': 95, seo: 95 } as const;
type Category = keyof typeof minimumScores;
const categories = Object.keys(minimumScores) as Category[];

interface RunFigures {
  scores: Record<Category, number>;
  lcpMs: number;
  cls: number;
  /** The audits short of full marks in each category under its limit, for the report. */
  failing: Map<Category, string[]>;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Puts a cookie ("name=value") in the browser's own jar through the DevTools protocol. Chromium does
 * not send a Cookie header given as an extra header, so a logged-in page is audited this way, with
 * Lighthouse told to keep the storage it would otherwise clear.
 */
async function setBrowserCookie(port: number, url: string, cookie: string): Promise<void> {
  const { webSocketDebuggerUrl } = (await (await fetch(`http://127.0.0.1:${port}/json/version`)).json()) as { webSocketDebuggerUrl: string };
  const socket = new WebSocket(webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  const separator = cookie.indexOf('=');
  const answered = new Promise<{ error?: { message: string } }>((resolve) => {
    socket.onmessage = (event) => resolve(JSON.parse(String(event.data)) as { error?: { message: string } });
  });
  socket.send(JSON.stringify({ id: 1, method: 'Storage.setCookies', params: { cookies: [{ name: cookie.slice(0, separator), value: cookie.slice(separator + 1), url }] } }));
  const answer = await answered;
  socket.close();
  if (answer.error) throw new Error(`the browser refused the cookie: ${answer.error.message}`);
}

async function main(): Promise<void> {
  // Checked before Kopā starts: a failed launch would leave its server running and the script waiting.
  if (!fs.existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  const { default: lighthouse } = await import('lighthouse');
  const kopa = await startDemoKopa();
  const chrome = await launch({ chromePath: chromiumPath, chromeFlags: chromiumFlags });
  let failed = false;
  try {
    const cookie = await residentSessionCookie(kopa.baseUrl);
    const list = await (await fetch(`${kopa.baseUrl}/ideas`)).text();
    const ideaPath = /href="(\/ideas\/\d+)"/.exec(list)?.[1];
    if (!ideaPath) throw new Error('no idea on the list page');
    const pages: { name: string; path: string; cookie?: string }[] = [
      // In Latvian, as the addresses in the sitemap and the language switcher name it: the address
      // without ?lang= follows the browser's language and names that language's address canonical.
      { name: 'home', path: '/?lang=lv' },
      { name: 'list', path: '/ideas?lang=lv' },
      { name: 'idea', path: `${ideaPath}?lang=lv` },
      { name: 'submission', path: '/ideas/new?lang=lv', cookie },
    ];
    // LIGHTHOUSE_PAGES=home,idea audits only those pages.
    const chosen = process.env.LIGHTHOUSE_PAGES?.split(',');
    for (const page of pages.filter((candidate) => !chosen || chosen.includes(candidate.name))) {
      const runs: RunFigures[] = [];
      for (let run = 0; run < runsPerPage; run += 1) {
        if (page.cookie) await setBrowserCookie(chrome.port, kopa.baseUrl, page.cookie);
        const audit = () =>
          lighthouse(`${kopa.baseUrl}${page.path}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: categories, disableStorageReset: Boolean(page.cookie) });
        let result = await audit();
        // A trace that failed to record (NO_NAVSTART on a busy machine) is Lighthouse's, not the page's: once more.
        if (result?.lhr.runtimeError) result = await audit();
        if (!result) throw new Error(`Lighthouse gave no result for ${page.path}`);
        const { lhr } = result;
        // LIGHTHOUSE_JSON_DIR=<folder> keeps each run's whole report, to see why an audit failed.
        if (process.env.LIGHTHOUSE_JSON_DIR) fs.writeFileSync(path.join(process.env.LIGHTHOUSE_JSON_DIR, `${page.name}-${run + 1}.json`), JSON.stringify(lhr));
        if (lhr.runtimeError) throw new Error(`${page.path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        const scores = Object.fromEntries(categories.map((category) => [category, Math.round((lhr.categories[category]?.score ?? 0) * 100)])) as Record<Category, number>;
        const failing = new Map<Category, string[]>();
        for (const category of categories) {
          if (scores[category] >= minimumScores[category]) continue;
          const audits = lhr.categories[category].auditRefs
            .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
            .map((ref) => ref.id);
          failing.set(category, audits);
        }
        runs.push({
          scores,
          lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
          cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN,
          failing,
        });
      }
      const scores = Object.fromEntries(categories.map((category) => [category, median(runs.map((run) => run.scores[category]))])) as Record<Category, number>;
      const lcp = median(runs.map((run) => run.lcpMs));
      const cls = median(runs.map((run) => run.cls));
      const below = categories.filter((category) => scores[category] < minimumScores[category]);
      failed ||= below.length > 0;
      console.log(
        `${page.name.padEnd(11)} performance ${scores.performance}  accessibility ${scores.accessibility}  best-practices ${scores['best-practices']}  SEO ${scores.seo}  LCP ${(lcp / 1000).toFixed(2)} s  CLS ${cls.toFixed(3)}${below.length ? '  BELOW THE LIMIT' : ''}`,
      );
      for (const category of below) {
        const audits = new Set(runs.flatMap((run) => run.failing.get(category) ?? []));
        console.log(`  ${category} ${scores[category]} < ${minimumScores[category]}: ${[...audits].join(', ')}`);
      }
    }
  } finally {
    chrome.kill();
    await kopa.stop();
  }
  if (failed) {
    console.log(`Limits: ${categories.map((category) => `${category} ≥ ${minimumScores[category]}`).join(', ')} (median of ${runsPerPage} runs).`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
