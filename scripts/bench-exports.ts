import { residentMb } from './bench-servers';

/** Exports every idea in each format one after another, with the server's RSS sampled every 20 ms meanwhile. */
export async function measureExports(url: string, staffCookie: string, pid: number): Promise<string[]> {
  const figures: string[] = [];
  for (const format of ['csv', 'geojson', 'xlsx']) {
    const before = residentMb(pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, residentMb(pid))), 20);
    const started = Date.now();
    const response = await fetch(`${url}/admin/exports/ideas.${format}`, { headers: { cookie: staffCookie }, redirect: 'manual' });
    let bytes = 0;
    for await (const chunk of response.body!) bytes += (chunk as Uint8Array).byteLength;
    clearInterval(sampler);
    figures.push(`${format}: ${response.status}, ${(bytes / 1e6).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s, RSS ${before.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB`);
  }
  return figures;
}
