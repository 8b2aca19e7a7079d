import http from 'node:http';
import zlib from 'node:zlib';

/** What a browser sends: every measured request asks for a compressed answer. */
export const browserEncoding = 'gzip, br';

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Bytes on the wire. */
  wireBytes: number;
  /** The decoded body, when asked for. */
  body?: Buffer;
  ms: number;
}

function decoded(body: Buffer, encoding: string | undefined): Buffer {
  if (encoding === 'br') return zlib.brotliDecompressSync(body);
  if (encoding === 'gzip') return zlib.gunzipSync(body);
  return body;
}

/** One request over `agent`; the body is read whole and decoded only when `decode` is set. */
export function request(
  agent: http.Agent,
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; decode?: boolean } = {},
): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      url,
      {
        agent,
        method: options.method ?? 'GET',
        headers: { 'accept-encoding': browserEncoding, ...options.headers, ...(options.body === undefined ? {} : { 'content-length': Buffer.byteLength(options.body) }) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          // Taken before the body is decoded: decompressing the whole city (13 MB) here took ~100 ms of the time counted as the server's.
          const ms = performance.now() - started;
          const wire = Buffer.concat(chunks);
          try {
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              wireBytes: wire.length,
              body: options.decode ? decoded(wire, response.headers['content-encoding']) : undefined,
              ms,
            });
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/** A fresh connection each time: what a first visitor's request costs, the connection aside. */
export function firstRequest(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return request(new http.Agent({ keepAlive: false }), url, { headers, decode: true });
}
