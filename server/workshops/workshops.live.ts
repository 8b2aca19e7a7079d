/**
 * Live views of workshops over Server-Sent Events. A change is announced with NOTIFY inside
 * the transaction that makes it, so it reaches every app instance after commit; each instance
 * holds ONE listening connection (none while no stream is open), reads a workshop's snapshot
 * once per burst of changes and writes it to all of that workshop's streams it serves.
 * A new stream's first event is a full snapshot, so a reconnecting view catches up.
 */
import type { Request, Response } from 'express';
import type { Knex } from 'knex';
import type { PGlite } from '@electric-sql/pglite';
import type { Client as PgClient } from 'pg';
import { isEmbedded } from '../db/database';
import { AppError } from '../http/errors';
import type { Logger } from '../logger';
import { changeChannel, listenForWorkshopChanges } from './workshops.queries';
import { existingStreamSlots, refreshStreamSlots, releaseStreamSlots, takeStreamSlot } from './streams.queries';
import { defaultWorkshopLimits, type WorkshopLimits } from './workshop-limits';

export type Audience = 'projector' | 'participant';

/** Who watches: the facilitator's projector, or one participant (whose streams are capped). */
export type Viewer = { audience: 'projector' } | { audience: 'participant'; participantId: number };

export interface LiveSnapshot {
  /** For projector streams; participant streams get it without `nicknames`. */
  nicknames?: string[];
  [key: string]: unknown;
}

export type SnapshotLoader = (db: Knex, workshopId: number, withNicknames: boolean) => Promise<LiveSnapshot | undefined>;

interface Stream {
  res: Response;
  audience: Audience;
  /** A participant's stream holds a slot in workshop_streams while it is open. */
  slotId?: number;
}

interface Room {
  streams: Set<Stream>;
  newcomers: Set<Stream>;
  changed: boolean;
  running: boolean;
}

interface Listener {
  close(): Promise<void>;
}

export interface WorkshopLive {
  /**
   * Opens an event stream on the response; it lives until the client goes away or close().
   * A participant over the caps per participant or per workshop gets 429 instead.
   */
  subscribe(req: Request, res: Response, workshopId: number, viewer: Viewer): Promise<void>;
  /** Streams currently open on this instance. */
  streamCount(): number;
  /** Ends every stream and the listening connection (graceful shutdown, end of a test). */
  close(): Promise<void>;
}

const heartbeatMs = 25_000;

export function createWorkshopLive(
  db: Knex,
  loadSnapshot: SnapshotLoader,
  logger?: Logger,
  limits: Pick<WorkshopLimits, 'streamsPerParticipant' | 'streamsPerWorkshop'> = defaultWorkshopLimits,
): WorkshopLive {
  const rooms = new Map<number, Room>();
  let listening: Promise<Listener> | undefined;
  let closed = false;
  let heartbeat: NodeJS.Timeout | undefined;

  const reads = new Set<Promise<void>>();

  function markChanged(workshopId: number) {
    const room = rooms.get(workshopId);
    if (!room) return;
    room.changed = true;
    refresh(workshopId, room);
  }

  function refresh(workshopId: number, room: Room) {
    if (room.running || closed) return;
    const read = readAndSend(workshopId, room).finally(() => reads.delete(read));
    reads.add(read);
  }

  /** One read per workshop at a time; changes arriving meanwhile are folded into the next read. */
  async function readAndSend(workshopId: number, room: Room) {
    room.running = true;
    try {
      while (!closed && (room.changed || room.newcomers.size)) {
        let targets = room.changed ? [...room.streams] : [...room.newcomers];
        room.changed = false;
        room.newcomers.clear();
        targets = await withoutRemovedParticipants(targets);
        const snapshot = await loadSnapshot(db, workshopId, targets.some((stream) => stream.audience === 'projector'));
        if (!snapshot) {
          for (const stream of targets) stream.res.end();
          continue;
        }
        const { nicknames, ...shared } = snapshot;
        const forParticipants = `event: snapshot\ndata: ${JSON.stringify(shared)}\n\n`;
        const forProjector = `event: snapshot\ndata: ${JSON.stringify({ ...shared, nicknames: nicknames ?? [] })}\n\n`;
        for (const stream of targets) stream.res.write(stream.audience === 'projector' ? forProjector : forParticipants);
      }
    } catch (error) {
      logger?.warn({ err: error, workshopId }, 'live workshop snapshot failed');
      // Try again shortly: the view must not stay behind after a blip of the database.
      setTimeout(() => markChanged(workshopId), 1000).unref();
    } finally {
      room.running = false;
    }
  }

  /** Ends the streams whose slot is gone (their participant was removed) and returns the others. */
  async function withoutRemovedParticipants(targets: Stream[]): Promise<Stream[]> {
    const slotIds = targets.flatMap((stream) => (stream.slotId === undefined ? [] : [stream.slotId]));
    if (!slotIds.length) return targets;
    const existing = await existingStreamSlots(db, slotIds);
    return targets.filter((stream) => {
      if (stream.slotId === undefined || existing.has(stream.slotId)) return true;
      stream.res.end();
      return false;
    });
  }

  function openSlotIds(): number[] {
    const ids: number[] = [];
    for (const room of rooms.values()) for (const stream of room.streams) if (stream.slotId !== undefined) ids.push(stream.slotId);
    return ids;
  }

  function onNotification(payload: string | undefined) {
    const workshopId = Number(payload);
    if (Number.isInteger(workshopId)) markChanged(workshopId);
  }

  function catchUpEveryRoom() {
    for (const workshopId of rooms.keys()) markChanged(workshopId);
  }

  async function listenEmbedded(): Promise<Listener> {
    // PGlite has one connection: LISTEN goes through knex's pool so it never lands inside
    // another request's transaction; notifications arrive through the instance's callback.
    const pglite = (db.client as { pglite: PGlite }).pglite;
    const stop = pglite.onNotification((channel, payload) => {
      if (channel === changeChannel) onNotification(payload);
    });
    await listenForWorkshopChanges(db);
    return { close: async () => stop() };
  }

  async function listenServer(): Promise<Listener> {
    const client: PgClient = await (db.client as { acquireRawConnection(): Promise<PgClient> }).acquireRawConnection();
    let ended = false;
    const lost = () => {
      if (ended) return;
      ended = true;
      client.end().catch(() => undefined);
      listening = undefined;
      reconnectWhileStreamsAreOpen();
    };
    client.on('notification', (message) => {
      if (message.channel === changeChannel) onNotification(message.payload);
    });
    client.on('error', (error) => {
      logger?.warn({ err: error }, 'workshop change listener lost its connection');
      lost();
    });
    client.on('end', lost);
    await client.query(`listen ${changeChannel}`);
    return {
      close: async () => {
        ended = true;
        await client.end().catch(() => undefined);
      },
    };
  }

  /**
   * Every second while streams are open, until the database answers again (a restart may take
   * longer than one try); what changed meanwhile is read again then.
   */
  let reconnecting: NodeJS.Timeout | undefined;
  function reconnectWhileStreamsAreOpen() {
    if (reconnecting || closed || streamCount() === 0) return;
    reconnecting = setTimeout(() => {
      reconnecting = undefined;
      if (closed || streamCount() === 0) return;
      ensureListening().then(catchUpEveryRoom, (error: unknown) => {
        logger?.warn({ err: error }, 'workshop change listener cannot reconnect yet');
        reconnectWhileStreamsAreOpen();
      });
    }, 1000).unref();
  }

  function ensureListening(): Promise<Listener> {
    if (!listening) {
      const started = isEmbedded(db) ? listenEmbedded() : listenServer();
      listening = started;
      started.catch(() => {
        if (listening === started) listening = undefined;
      });
    }
    return listening;
  }

  async function stopListeningIfIdle() {
    if (streamCount() > 0 || !listening) return;
    const current = listening;
    listening = undefined;
    await (await current.catch(() => undefined))?.close();
  }

  function streamCount(): number {
    let count = 0;
    for (const room of rooms.values()) count += room.streams.size;
    return count;
  }

  function startHeartbeat() {
    if (heartbeat) return;
    // A comment line now and then keeps proxies from closing a quiet stream.
    heartbeat = setInterval(() => {
      for (const room of rooms.values()) for (const stream of room.streams) stream.res.write(': keep-alive\n\n');
      refreshStreamSlots(db, openSlotIds()).catch((error: unknown) => logger?.warn({ err: error }, 'workshop stream slots could not be refreshed'));
    }, heartbeatMs);
    heartbeat.unref();
  }

  return {
    async subscribe(req, res, workshopId, viewer) {
      if (closed) throw new Error('live workshop views are closed');
      let slotId: number | undefined;
      if (viewer.audience === 'participant') {
        const slot = await takeStreamSlot(db, workshopId, viewer.participantId, limits);
        if ('refused' in slot) throw new AppError(429, 'too_many_streams', `workshops:live.tooManyStreams.${slot.refused}`);
        slotId = slot.slotId;
        if (req.destroyed || closed) {
          await releaseStreamSlots(db, [slotId]);
          return;
        }
      }
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        'X-Accel-Buffering': 'no',
        Connection: 'keep-alive',
      });
      res.write('retry: 2000\n\n');
      let room = rooms.get(workshopId);
      if (!room) {
        room = { streams: new Set(), newcomers: new Set(), changed: false, running: false };
        rooms.set(workshopId, room);
      }
      const joined = room;
      const stream: Stream = { res, audience: viewer.audience, slotId };
      // In the room before the listener is awaited, so a stream closing meanwhile cannot stop it.
      joined.streams.add(stream);
      startHeartbeat();
      const leave = () => {
        if (stream.slotId !== undefined && joined.streams.has(stream)) {
          releaseStreamSlots(db, [stream.slotId]).catch((error: unknown) => logger?.warn({ err: error }, 'workshop stream slot could not be released'));
        }
        joined.streams.delete(stream);
        joined.newcomers.delete(stream);
        if (!joined.streams.size && rooms.get(workshopId) === joined) rooms.delete(workshopId);
        if (!streamCount() && heartbeat) {
          clearInterval(heartbeat);
          heartbeat = undefined;
        }
        void stopListeningIfIdle();
      };
      req.on('close', leave);
      try {
        await ensureListening();
      } catch (error) {
        logger?.warn({ err: error }, 'workshop change listener could not start');
        res.end();
        return;
      }
      if (!joined.streams.has(stream)) return;
      // The first event is the whole current state: a view that reconnects is up to date at once.
      joined.newcomers.add(stream);
      refresh(workshopId, joined);
    },
    streamCount,
    async close() {
      closed = true;
      if (heartbeat) clearInterval(heartbeat);
      const held = openSlotIds();
      for (const room of rooms.values()) for (const stream of room.streams) stream.res.end();
      rooms.clear();
      const current = listening;
      listening = undefined;
      await (await current?.catch(() => undefined))?.close();
      // Reads in flight finish before the caller closes the database under them.
      await Promise.all(reads);
      await releaseStreamSlots(db, held).catch((error: unknown) => logger?.warn({ err: error }, 'workshop stream slots could not be released'));
    },
  };
}
