import autocannon from 'autocannon';
import { browserEncoding } from './bench-http';

export interface Figures {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Average bytes per answer on the wire (shows whether it came compressed). */
  bytesPerAnswer: number;
  errors: number;
  /** Answers within the run: 0 when every answer took longer than the run. */
  answered: number;
  /** The answer to a cold request, before the run (ms), when measured. */
  firstMs?: number;
  /** The server's RSS peak while this target ran, MB. */
  peakMb?: number;
  /** A bare node:http sending a body of the same size, measured when an answer is large and below the aim. */
  sameBytes?: Figures;
}

/** Keeps `connections` requests in flight for `seconds` (or `amount` requests) with a browser's Accept-Encoding. */
export async function measure(
  name: string,
  url: string,
  options: { seconds: number; connections: number; amount?: number; headers?: Record<string, string> },
): Promise<Figures> {
  const result = await autocannon({
    url,
    connections: options.connections,
    headers: { 'accept-encoding': browserEncoding, ...options.headers },
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds }),
  });
  const answers = result.requests.total || 1;
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bytesPerAnswer: result.throughput.total / answers,
    // autocannon counts a timeout among its errors too.
    errors: result.errors + result.non2xx,
    answered: result.requests.total,
  };
}
