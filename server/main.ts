import http from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { DataDirectoryInUseError, lockDataDirectory, openDatabase, pingDatabase } from './db/database';
import { createEmbeddedDatabaseInChild, isNewEmbeddedDatabase } from './seed/first-start';
import { migrateToLatest, NewerDatabaseError } from './db/migrate';
import { SquashedMigrationsError } from './db/squashed-migrations';
import { seedDemoContent } from './seed/demo-seed';
import { configuredPhotoStorage } from './uploads/photo-storage';
import { createApp } from './app';
import { closeServer } from './http/close-server';
import { createMailer } from './mail/mailer';
import { createLocalization } from './i18n/i18n';
import { startJobPoller } from './jobs/jobs.worker';
import { startHousekeeping } from './jobs/housekeeping';
import { commentDigestHandler } from './notifications/comment-digest';
import { ideaUpdateHandler } from './notifications/idea-update';
import { milestoneUpdateHandler } from './notifications/milestone-update';
import { moderationDecisionHandler } from './moderation/moderation.mail';
import { verificationEmailHandler } from './verification/verification-email';
import { passwordResetEmailHandler } from './passwords/reset-email';
import { inactivityWarningHandler } from './maintenance/inactivity-warning';
import { createWorkshopLive } from './workshops/workshops.live';
import { roomSnapshot } from './workshops/workshops.service';
import { startPublicChanges } from './cache/public-changes';
import { secureTotpSecrets, TotpKeyError } from './two-factor/totp-secrets.service';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** host:port of a postgres:// URL; never the user or password. */
function serverAddress(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `${url.hostname}:${url.port || 5432}`;
}

/** A refused "localhost" fails on ::1 and 127.0.0.1 at once: an AggregateError with no message of its own. */
function reason(error: unknown): string {
  if (error instanceof AggregateError && !error.message) return error.errors.map(reason).join('; ');
  return error instanceof Error ? error.message : String(error);
}

/**
 * Ends the process as the signal would have (status 143 for SIGTERM). process.exit() first waits
 * for V8's background threads, and for seconds after a start they are busy with the embedded
 * database's WebAssembly (3 s from "stopped" to the exit on a quiet machine); the signal's own
 * action does not wait. PID 1 (a container without an init) ignores it and exits with 0.
 */
function exitBySignal(signal: NodeJS.Signals): never {
  process.removeAllListeners(signal);
  process.kill(process.pid, signal);
  process.exit(0);
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const logger = createLogger(config.logLevel);

  let unlockDataDirectory = () => {};
  if (!config.databaseUrl) {
    try {
      unlockDataDirectory = lockDataDirectory(config.dataDir);
    } catch (error) {
      if (error instanceof DataDirectoryInUseError) fail(error.message);
      throw error;
    }
  }
  if (!config.databaseUrl && isNewEmbeddedDatabase(config.dataDir)) {
    logger.info(`Creating the embedded database in ${config.dataDir}`);
    try {
      await createEmbeddedDatabaseInChild();
    } catch (error) {
      unlockDataDirectory();
      fail(`Cannot create the embedded database in ${config.dataDir}: ${reason(error)}`);
    }
  }
  const db = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await pingDatabase(db);
  } catch (error) {
    unlockDataDirectory();
    fail(`Cannot reach the database${config.databaseUrl ? ` at ${serverAddress(config.databaseUrl)}` : ''}: ${reason(error)}`);
  }
  // Migrations, second-factor secrets and the demo seed run once, whichever process starts first.
  let seeded: Awaited<ReturnType<typeof seedDemoContent>> | undefined;
  try {
    seeded = await migrateToLatest(db, async () => {
      const { encrypted } = await secureTotpSecrets(db, config.totpKeys);
      if (encrypted > 0) logger.info(`Encrypted ${encrypted} second-factor secrets that were stored in plain text`);
      return seedDemoContent(db, { createDemoStaff: !config.isProduction, photoStorage: configuredPhotoStorage(config, db) });
    });
  } catch (error) {
    if (!(error instanceof TotpKeyError || error instanceof NewerDatabaseError || error instanceof SquashedMigrationsError)) throw error;
    await db.destroy();
    unlockDataDirectory();
    fail(error.message);
  }
  for (const account of seeded?.demoAccounts ?? []) {
    logger.info(`Demo account for local use only: ${account.email} / ${account.password}`);
  }

  const workshopLive = createWorkshopLive(db, roomSnapshot, logger);
  const publicChanges = startPublicChanges(db, logger);
  const app = createApp({ config, db, logger, workshopLive, publicChanges });
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, outboxDir: config.outboxDir });
  const localization = createLocalization(config.defaultLocale);
  const notificationServices = { db, mailer, localization, baseUrl: config.baseUrl, secret: config.sessionSecret };
  const jobs = startJobPoller(
    db,
    {
      comment_digest: commentDigestHandler(notificationServices),
      idea_update: ideaUpdateHandler(notificationServices),
      milestone_update: milestoneUpdateHandler(notificationServices),
      moderation_decision: moderationDecisionHandler(notificationServices),
      verification_email: verificationEmailHandler(notificationServices),
      password_reset_email: passwordResetEmailHandler(notificationServices),
      inactivity_warning: inactivityWarningHandler(notificationServices, config.inactiveAccountMonths),
    },
    logger,
  );
  const housekeeping = startHousekeeping(db, logger, { workshopParticipantRetentionDays: config.workshopParticipantRetentionDays });
  const server = http.createServer(app);
  server.listen(config.port, () => {
    logger.info(`Kopā is listening on ${config.baseUrl} (${config.databaseUrl ? 'PostgreSQL' : `embedded database in ${config.dataDir}`})`);
  });

  // SIGTERM to exit within 2 s: requests get 1.5 s, the rest (jobs, pool, embedded database) what is left.
  const requestGraceMs = 1500;
  const exitDeadlineMs = 1900;
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const started = performance.now();
    logger.info(`${signal} received: finishing requests in flight`);
    setTimeout(() => {
      logger.error(`not stopped within ${exitDeadlineMs} ms; exiting`);
      process.exit(1);
    }, exitDeadlineMs).unref();
    housekeeping.stop();
    const jobsStopped = jobs.stop();
    // Live workshop views never finish by themselves; their browsers reconnect to another instance.
    const liveClosed = workshopLive.close();
    const { cut } = await closeServer(server, requestGraceMs);
    if (cut) logger.warn(`connections still busy after ${requestGraceMs} ms were closed`);
    await liveClosed;
    await publicChanges.close();
    // A job cut off here runs again when its lease ends; it gets no longer than the requests did.
    await Promise.race([jobsStopped, delay(Math.max(0, requestGraceMs - (performance.now() - started)))]);
    await db.destroy();
    unlockDataDirectory();
    logger.info({ shutdownMs: Math.round(performance.now() - started) }, 'stopped');
    // Dying by the signal skips the exit handler with which pino writes what it still holds.
    logger.flush(() => exitBySignal(signal));
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => fail(`Kopā could not start: ${(error as Error).message}`));
