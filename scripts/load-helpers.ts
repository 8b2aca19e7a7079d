// Shared by the bench and the drill: both drive the app like many people and read its live streams.

export { seededRandom } from '../server/seed/seeded-random';

/** Splits a server-sent event stream into events: feed it each text chunk; it calls `onEvent` with each event's data. */
export function serverSentEvents(onEvent: (data: string) => void): (chunk: string) => void {
  let buffer = '';
  return (chunk) => {
    buffer += chunk;
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const data = buffer
        .slice(0, end)
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n');
      buffer = buffer.slice(end + 2);
      if (data) onEvent(data);
    }
  };
}
