/**
 * A projector's live view as a browser's EventSource keeps it: when the stream ends or fails,
 * it connects again (through nginx, so possibly to another process) after a short wait, and the
 * first event of each new stream is a full snapshot.
 */
import http from 'node:http';
import { serverSentEvents } from '../load-helpers';

export interface ProjectorSnapshot {
  dotsSpent: number;
  ideas: { id: number; dots: number }[];
}

export class ProjectorStream {
  connects = 0;
  events = 0;
  /** ms (since the drill's load start) of each time the stream was lost. */
  readonly drops: number[] = [];
  /** The longest time from losing the stream to the first event of the next one. */
  longestOutageMs = 0;
  last?: ProjectorSnapshot;
  private request?: http.ClientRequest;
  private closed = false;
  private lostAt?: number;

  constructor(
    private readonly url: string,
    private readonly cookie: string,
    private readonly clock: () => number,
  ) {}

  open(): void {
    if (this.closed) return;
    this.connects++;
    const request = http.get(this.url, { agent: false, headers: { cookie: this.cookie, accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        return this.lost(request);
      }
      response.setEncoding('utf8');
      response.on(
        'data',
        serverSentEvents((data) => {
          this.events++;
          this.last = JSON.parse(data) as ProjectorSnapshot;
          if (this.lostAt !== undefined) {
            this.longestOutageMs = Math.max(this.longestOutageMs, this.clock() - this.lostAt);
            this.lostAt = undefined;
          }
        }),
      );
      response.on('end', () => this.lost(request));
      response.on('error', () => this.lost(request));
    });
    request.on('error', () => this.lost(request));
    this.request = request;
  }

  private lost(request: http.ClientRequest) {
    // One loss per request (a failing stream may report both an error and its end).
    if (this.closed || request !== this.request) return;
    if (this.lostAt === undefined) {
      this.lostAt = this.clock();
      this.drops.push(this.lostAt);
    }
    this.request?.destroy();
    this.request = undefined;
    // EventSource's usual retry is a few seconds; a projector's script may use less.
    setTimeout(() => this.open(), 500).unref();
  }

  /** Lost and not yet back (no event since). */
  get down(): boolean {
    return this.lostAt !== undefined;
  }

  close(): void {
    this.closed = true;
    this.request?.destroy();
  }
}
