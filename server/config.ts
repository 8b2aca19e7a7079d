import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from './paths';
import { parseTrustProxy, trustProxyForms } from './http/trust-proxy';
import { parseKeyMaterial, totpKeyring } from './secret-keys';

export const supportedLocales = ['lv', 'ru', 'en'] as const;
export type Locale = (typeof supportedLocales)[number];

const latLng = z
  .string()
  .regex(/^-?\d+(\.\d+)?,\s*-?\d+(\.\d+)?$/, 'must be "latitude,longitude", e.g. 55.8747,26.5362')
  .transform((value) => value.split(',').map(Number) as [number, number])
  .refine(([lat, lng]) => Math.abs(lat) <= 90 && Math.abs(lng) <= 180, 'latitude must be within ±90 and longitude within ±180');

const keyMessage = 'must be 32 random bytes as 64 hex digits or 44 base64 characters (openssl rand -base64 32)';
const keyMaterial = z.string().transform((text, ctx) => parseKeyMaterial(text) ?? (ctx.addIssue({ code: 'custom', message: keyMessage }), z.NEVER));

const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    UPLOAD_DIR: z.string().min(1).optional(),
    PHOTO_STORE: z.enum(['database', 'disk'], { message: 'must be database or disk' }).optional(),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    TOTP_ENCRYPTION_KEY: keyMaterial.optional(),
    TOTP_PREVIOUS_ENCRYPTION_KEYS: z
      .string()
      .transform((text, ctx) => {
        const keys = text.split(',').map(parseKeyMaterial);
        if (keys.every((key) => key !== undefined)) return keys as Buffer[];
        ctx.addIssue({ code: 'custom', message: `must be a comma-separated list of keys; each ${keyMessage}` });
        return z.NEVER;
      })
      .optional(),
    BASE_URL: z.url({ message: 'must be an absolute URL such as https://kopa.example.lv' }).optional(),
    DEFAULT_LOCALE: z.enum(supportedLocales, { message: 'must be one of lv, ru, en' }).default('lv'),
    TILE_URL: z
      .string()
      .regex(/^https?:\/\/[^/]+\/.*\{z\}.*\{x\}.*\{y\}/, 'must be an http(s) URL template containing {z}, {x} and {y}')
      .default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
    TILE_ATTRIBUTION: z.string().default('&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'),
    MAP_CENTER: latLng.default([55.8747, 26.5362]),
    CITY_BOUNDS: z
      .string()
      .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, 'must be "minLon,minLat,maxLon,maxLat"')
      .transform((value) => value.split(',').map(Number) as [number, number, number, number])
      .refine(([minLon, minLat, maxLon, maxLat]) => minLon < maxLon && minLat < maxLat, 'must have min values below max values')
      .default([26.4, 55.8, 26.7, 55.96]),
    MAP_ZOOM: z.coerce.number().int().min(1).max(19).default(13),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
      // nodemailer reads it only with the first email: a mistake is found at start instead.
      .refine((value) => URL.canParse(value), 'must be a whole address, like smtp://user:password@mail.example.lv:587')
      .optional(),
    MAIL_FROM: z.string().min(3).default('Kopā <no-reply@kopa.local>'),
    REPORTS_TO_HIDE: z.coerce.number().int().min(1).max(100).default(3),
    INACTIVE_ACCOUNT_MONTHS: z.coerce.number().int().min(1, 'must be a whole number of months, 1 or more').max(240).default(36),
    WORKSHOP_PARTICIPANT_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
    ASSISTED_CONTACT_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
    CACHE_MAX_MB: z.coerce.number({ message: 'must be a number of megabytes' }).min(0, 'must be 0 (off) or more').max(4096, 'must be at most 4096').default(32),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    TRUST_PROXY: z
      .string()
      .default('false')
      .transform((value, ctx) => {
        const trusted = parseTrustProxy(value);
        if (trusted === undefined) ctx.addIssue({ code: 'custom', message: trustProxyForms });
        return trusted ?? false;
      }),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is required when NODE_ENV=production' });
    }
  });

export type Config = ReturnType<typeof toConfig>;

function toConfig(env: z.output<typeof configSchema>) {
  const dataDir = path.resolve(projectRoot, env.DATA_DIR);
  const port = env.PORT;
  // A development secret is fine: sessions then only survive restarts of this one machine.
  const sessionSecret = env.SESSION_SECRET ?? 'kopa-development-secret-not-for-production-use';
  return {
    env: env.NODE_ENV,
    isProduction: env.NODE_ENV === 'production',
    port,
    databaseUrl: env.DATABASE_URL,
    dataDir,
    uploadDir: env.UPLOAD_DIR ? path.resolve(projectRoot, env.UPLOAD_DIR) : path.join(dataDir, 'uploads'),
    /**
     * Where new photos go. On PostgreSQL the database: processes keep no state and one pg_dump
     * holds everything. On the embedded database the disk: its one connection and WASM heap
     * should not carry the bytes of every photo request.
     */
    photoStore: env.PHOTO_STORE ?? (env.DATABASE_URL ? 'database' : 'disk'),
    sessionSecret,
    /** Keys of the second factor's secrets: TOTP_ENCRYPTION_KEY or one derived from SESSION_SECRET, and older ones to rotate from. */
    totpKeys: totpKeyring(sessionSecret, env.TOTP_ENCRYPTION_KEY, env.TOTP_PREVIOUS_ENCRYPTION_KEYS ?? []),
    baseUrl: (env.BASE_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    defaultLocale: env.DEFAULT_LOCALE,
    tileUrl: env.TILE_URL,
    tileAttribution: env.TILE_ATTRIBUTION,
    mapCenter: env.MAP_CENTER,
    mapZoom: env.MAP_ZOOM,
    /** [minLon, minLat, maxLon, maxLat]: ideas outside are refused when a consultation has no area. */
    cityBounds: env.CITY_BOUNDS,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    /** Without SMTP_URL emails are written here as .eml files, to read in development and tests. */
    outboxDir: path.join(dataDir, 'outbox'),
    /** Reports from this many different people hide an item until a moderator looks. */
    reportsToHide: env.REPORTS_TO_HIDE,
    /** `npm run maintenance` anonymises accounts without a login for this many months (after a warning). */
    inactiveAccountMonths: env.INACTIVE_ACCOUNT_MONTHS,
    /** Participant rows of a workshop are deleted this many days after it closes; its results stay as counts. */
    workshopParticipantRetentionDays: env.WORKSHOP_PARTICIPANT_RETENTION_DAYS,
    assistedContactRetentionDays: env.ASSISTED_CONTACT_RETENTION_DAYS,
    /** Memory for finished anonymous answers (bodies and their compressed variants); 0 turns the cache off. */
    cacheMaxBytes: Math.floor(env.CACHE_MAX_MB * 1024 * 1024),
    logLevel: env.LOG_LEVEL,
    /** Which peers may tell the client's address and protocol in X-Forwarded-* headers (Express's `trust proxy`). */
    trustProxy: env.TRUST_PROXY,
  };
}

export class ConfigError extends Error {}

const secretVariables = new Set(['SESSION_SECRET', 'TOTP_ENCRYPTION_KEY', 'TOTP_PREVIOUS_ENCRYPTION_KEYS']);

/** Validates the environment once; a bad value becomes one line naming the variable. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0] ?? 'environment');
    // A key's value is never repeated: the line ends up in logs.
    const got = secretVariables.has(name) ? 'value not shown' : `got ${JSON.stringify(environment[name] ?? '')}`;
    throw new ConfigError(`Invalid configuration: ${name} ${issue.message} (${got})`);
  }
  return toConfig(parsed.data);
}
