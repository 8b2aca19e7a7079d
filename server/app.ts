import express from 'express';
import { icon, iconOnDisc } from './icons/icons';
import { fontPreloads } from './http/font-preloads';
import { mapPosterCss, styleHashSource } from './http/map-poster';
import { nebValueIcons } from './ideas/neb-value-icons';
import cookieParser from 'cookie-parser';
import type { Knex } from 'knex';
import type { Config } from './config';
import type { Logger } from './logger';
import { requestLog } from './http/request-log';
import { viewsDir } from './paths';
import { createLocalization } from './i18n/i18n';
import { localeMiddleware } from './http/locale';
import { securityHeaders } from './http/security';
import { compressPages } from './http/compress-pages';
import { onlyUnder, staticAssets } from './http/static';
import { csrfProtection, csrfTokenForViews } from './http/csrf';
import { flashForViews } from './http/flash';
import { errorHandler, pageNotFoundHandler } from './http/errors';
import { authRateLimits } from './http/rate-limits';
import { passwordAttempts, type PasswordAttemptOptions } from './http/password-attempts';
import { sessionCookieName, sessionMiddleware } from './auth/session';
import { createSessionCache } from './auth/session-cache';
import { createPassport } from './auth/passport';
import { assistRoles, importRoles, resultRoles, staffRoles, workshopRoles } from './auth/roles';
import { nebRoutes } from './neb/neb.routes';
import { consultationPageRoutes } from './consultations/consultation-page.routes';
import { paperFormRoutes } from './paper-forms/paper-forms.routes';
import { authRoutes } from './auth/auth.routes';
import { healthRoutes, livenessRoute } from './db/health.routes';
import { homeRoutes } from './ideas/home.routes';
import { ideaOfPage, ideaRoutes } from './ideas/ideas.routes';
import { ideaApiRoutes } from './ideas/ideas.api';
import { ideaPagesInMemory } from './ideas/idea-pages.cache';
import { mapPoints } from './ideas/map-points';
import { referenceInMemory } from './ideas/reference.cache';
import { supportRoutes } from './supports/supports.routes';
import { commentRoutes } from './comments/comments.routes';
import { reportRoutes } from './reports/reports.routes';
import { followRoutes } from './follows/follows.routes';
import { profileRoutes } from './profiles/profiles.routes';
import { statusRoutes } from './statuses/statuses.routes';
import { exportRoutes } from './exports/exports.routes';
import { notificationRoutes } from './notifications/notifications.routes';
import { adminRoutes } from './moderation/admin.routes';
import { moderationRoutes } from './moderation/moderation.routes';
import { assistedEntryRoutes } from './assisted-entry/assisted-entry.routes';
import { importRoutes } from './imports/imports.routes';
import { assistedChannels } from './ideas/ideas.queries';
import { userRoutes } from './users/users.routes';
import { auditRoutes } from './audit/audit.routes';
import { translationRoutes } from './translations/translations.routes';
import { consultationRoutes } from './consultations/consultations.routes';
import { categoryRoutes } from './categories/categories.routes';
import { markerCategory } from './categories/category-marker';
import { dashboardRoutes } from './dashboard/dashboard.routes';
import { configuredPhotoStorage, photoUrlFor } from './uploads/photo-storage';
import { ideaPhotoRoutes } from './ideas/idea-photos.routes';
import { requireSecondFactor } from './http/access';
import { withNext } from './http/safe-redirect';
import { saveSessionBeforeRedirect } from './http/save-before-redirect';
import { accountRateLimits } from './http/account-rate-limits';
import { staffSessionLimits } from './auth/staff-session-limits';
import { verificationRoutes } from './verification/verification.routes';
import { passwordRoutes } from './passwords/passwords.routes';
import { twoFactorRoutes } from './two-factor/two-factor.routes';
import { accountRoutes } from './auth/account.routes';
import { myDataRoutes } from './my-data/my-data.routes';
import { accountDeletionRoutes } from './account-deletion/account-deletion.routes';
import { statementRoutes } from './statements/statements.routes';
import { cacheableStatementAnswer } from './statements/statements.cache';
import { participantRoutes } from './workshops/participants.routes';
import { workshopRoutes } from './workshops/workshops.routes';
import { createWorkshopLive, type WorkshopLive } from './workshops/workshops.live';
import { roomSnapshot } from './workshops/workshops.service';
import { workshopLimitsWith, type WorkshopLimits } from './workshops/workshop-limits';
import type { PublicChanges } from './cache/public-changes';
import { trackWrites } from './cache/write-barrier';
import { createResponseCache } from './cache/response-cache';
import { earlyHits } from './cache/early-hit';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { cacheableIdeaAnswer } from './ideas/ideas.cache';
import { cacheableResultsAnswer } from './milestones/results.cache';
import { cacheableConsultationAnswer } from './consultations/consultations.cache';
import { cacheableSeoAnswer } from './seo/seo.cache';
import { seoRoutes } from './seo/seo.routes';
import { pageMeta } from './http/page-meta';
import { milestoneRoutes } from './milestones/milestones.routes';
import { resultsRoutes } from './milestones/results.routes';

export interface AppDependencies {
  config: Config;
  db: Knex;
  logger: Logger;
  rateLimits?: Parameters<typeof authRateLimits>[1];
  /** Limits on workshop codes, joins and live streams (tests lower them); the defaults otherwise. */
  workshopLimits?: Partial<WorkshopLimits>;
  /** The clock and rules of the login delays; tests move the clock instead of waiting. */
  loginDelays?: Omit<PasswordAttemptOptions, 'secret'>;
  /** Live workshop views; main.ts passes its own so that shutdown can end the streams. */
  workshopLive?: WorkshopLive;
  /** Announcements of committed public changes: its owner (main.ts, a test) closes it. */
  publicChanges: PublicChanges;
  /** Addresses per sitemap file (50,000 by the protocol); tests lower it to see the index. */
  sitemapUrlLimit?: number;
  /** Only for scripts/bench-hit-path.ts, which measures what each middleware in front of a cache hit costs. */
  benchOmit?: ReadonlySet<HitPathMiddleware>;
}

/** The middleware in front of the response cache, by name (see benchOmit). */
export const hitPathMiddleware = ['requestLog', 'trackWrites', 'securityHeaders', 'staticFiles', 'health', 'cookieParser', 'locale', 'compression'] as const;
export type HitPathMiddleware = (typeof hitPathMiddleware)[number];

/** Builds the Express app; never listens, so tests can drive it with supertest. */
/** The tile server's origin, to connect to it while the map's script loads; none for a template with {s} subdomains. */
const tileOriginOf = (tileUrl: string) => (/^https?:\/\/[^/{]+\//.test(tileUrl) ? new URL(tileUrl.replace(/\{[a-z]\}/g, '0')).origin : null);

export function createApp({ config, db, logger, rateLimits, workshopLimits, loginDelays, workshopLive, publicChanges: changes, benchOmit, sitemapUrlLimit }: AppDependencies): express.Express {
  const app = express();
  const kept = (name: HitPathMiddleware) => !benchOmit?.has(name);
  const localization = createLocalization(config.defaultLocale);
  const passport = createPassport(db);
  const secureCookies = config.isProduction;
  const storage = configuredPhotoStorage(config, db);
  // The disk has the operating system's page cache; photos read from the database get half the response cache's memory.
  const photos = ideaPhotoRoutes(db, storage, changes, { memoryBytes: storage.kind === 'database' ? Math.floor(config.cacheMaxBytes / 2) : 0 });
  const ideaServices = { db, storage, cityBounds: config.cityBounds, baseUrl: config.baseUrl, changes, reference: referenceInMemory(db, changes), ideaPages: ideaPagesInMemory(db, changes), mapPoints: mapPoints(db, changes) };
  const workshopRules = workshopLimitsWith(workshopLimits);
  const live = workshopLive ?? createWorkshopLive(db, roomSnapshot, logger, workshopRules);

  const homeMapPosterCss = mapPosterCss(config.tileUrl, config.mapCenter, config.mapZoom);
  app.set('view engine', 'ejs');
  app.set('views', viewsDir);
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.locals.config = { baseUrl: config.baseUrl, tileUrl: config.tileUrl, tileOrigin: tileOriginOf(config.tileUrl), tileAttribution: config.tileAttribution, mapCenter: config.mapCenter, mapZoom: config.mapZoom };
  // Views build their login links with the same check as the routes' redirects.
  app.locals.withNext = withNext;
  app.locals.icon = icon;
  app.locals.fontPreloads = fontPreloads;
  // The home map's first picture: a stylesheet in the page, allowed by its hash (security.ts).
  app.locals.homeMapPosterCss = homeMapPosterCss;
  // Descriptions, canonical and alternate addresses, Open Graph (partials/head.ejs).
  app.locals.pageMeta = pageMeta;
  app.locals.nebValueIcons = nebValueIcons;
  app.locals.iconOnDisc = iconOnDisc;
  app.locals.markerCategory = markerCategory;
  // Every store serves a photo at the same address: idea cards in any view link their thumbnails.
  app.locals.photoUrl = photoUrlFor;
  // Ideas entered for a resident show how they came instead of an author.
  app.locals.assistedChannels = assistedChannels;

  app.use(onlyUnder(['/livez'], livenessRoute()));
  if (kept('requestLog')) {
    app.use(requestLog(logger));
  }
  if (kept('trackWrites')) app.use(trackWrites(changes));
  const security = securityHeaders(config.tileUrl, config.isProduction, homeMapPosterCss ? [styleHashSource(homeMapPosterCss)] : []);
  if (kept('securityHeaders')) app.use(security);
  if (kept('staticFiles')) {
    app.use(staticAssets(config.isProduction));
    // Published ideas' photos, from either store; the rest (and every 404) after the session below.
    app.use(onlyUnder(['/uploads/'], photos.publishedPhotos));
  }
  if (kept('health')) app.use(onlyUnder(['/healthz'], healthRoutes(db)));

  if (kept('cookieParser')) app.use(cookieParser());
  const locale = localeMiddleware(localization, secureCookies);
  if (kept('locale')) app.use(locale);
  // The bench's warm-up request still needs the whole middleware: it renders the page.
  else app.use((req, res, next) => (req.headers['x-bench-warm-up'] ? locale(req, res, next) : ((req.locale = config.defaultLocale), next())));
  // Before the response cache, so that the cache's own compressed variants pass through it untouched.
  if (kept('compression')) app.use(compressPages(sessionCookieName));
  // Anonymous answers from memory: in front of the body parsers, the session store and the routes.
  if (config.cacheMaxBytes > 0) {
    const responseCache = createResponseCache({ changes, maxBytes: config.cacheMaxBytes, sessionCookie: sessionCookieName, answerOf: (path, query) => cacheableIdeaAnswer(path, query) ?? cacheableResultsAnswer(path, query) ?? cacheableStatementAnswer(path) ?? cacheableConsultationAnswer(path) ?? cacheableSeoAnswer(path) });
    // Readable by tests and the bench (its size); not in app.locals, which every view sees.
    app.set('responseCache', responseCache);
    app.use(responseCache.middleware);
    // A hit whose address and language were met before is answered ahead of Express itself (cache/early-hit.ts).
    const answerEarly = earlyHits({
      cache: responseCache,
      logger: kept('requestLog') ? logger : undefined,
      securityHeaders: kept('securityHeaders') ? security.headers : [],
      localeFor: kept('locale') ? locale.rememberedFor : () => config.defaultLocale,
    });
    const expressApp = app as unknown as { handle: (req: IncomingMessage, res: ServerResponse, next?: unknown) => void };
    const handle = expressApp.handle.bind(app);
    expressApp.handle = (req, res, next) => {
      if (!answerEarly(req, res)) handle(req, res, next);
    };
  }
  // robots.txt and the sitemap read no session: a miss is built here, before the session store.
  app.use(seoRoutes(db, { baseUrl: config.baseUrl, urlLimit: sitemapUrlLimit }));
  app.use(express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 200 }));
  app.use(express.json({ limit: '100kb' }));
  // Logged-in sessions with their accounts, dropped by the 'user:<id>' changes (session-cache.ts); off with the response cache.
  const sessionCache = config.cacheMaxBytes > 0 ? createSessionCache(changes, { maxSessions: 5000, ttlMs: 60 * 1000 }) : undefined;
  app.use(sessionMiddleware(db, config.sessionSecret, secureCookies, ideaOfPage, sessionCache));
  app.use(passport.session());
  app.use(saveSessionBeforeRedirect);
  app.use(staffSessionLimits);
  app.use((req, res, next) => {
    res.locals.currentUser = req.user ?? null;
    // Which roles see which parts of the navigation: the same lists the route guards use.
    res.locals.navRoles = { workshops: workshopRoles, staff: resultRoles, moderation: staffRoles, assist: assistRoles, imports: importRoles };
    next();
  });
  app.use(csrfTokenForViews);
  // Workshop participants have no session: their routes check their own form token and read uploads themselves.
  app.use(participantRoutes(ideaServices, { secret: config.sessionSecret, secureCookies, live, limits: workshopRules, logger }));
  // No multipart body has been read here: upload routes read theirs after their own guards.
  app.use(csrfProtection);
  app.use(flashForViews);
  // Every staff page needs the second factor, whichever guard its route uses.
  app.use('/admin', requireSecondFactor);

  app.use(onlyUnder(['/uploads/'], photos.visiblePhotos));
  app.use(homeRoutes(ideaServices));
  app.use(ideaApiRoutes(ideaServices));
  const accountLimits = accountRateLimits(db);
  const authLimits = authRateLimits(db, rateLimits);
  const attempts = passwordAttempts(db, { secret: config.sessionSecret, ...loginDelays });
  const passwordReentry = { perIp: authLimits.loginPerIp, attempts };
  app.use(ideaRoutes(ideaServices, accountLimits.ideaSubmissions));
  app.use(supportRoutes(db));
  app.use(commentRoutes(db));
  app.use(reportRoutes(db, config.reportsToHide));
  app.use(followRoutes(db));
  app.use(profileRoutes(db));
  app.use(adminRoutes(db));
  // Before the staff's account pages: /admin/users/erase is not an account number.
  app.use(accountDeletionRoutes({ db, storage, outboxDir: config.smtpUrl ? undefined : config.outboxDir }, accountLimits, passwordReentry));
  app.use(moderationRoutes(ideaServices));
  app.use(assistedEntryRoutes(ideaServices));
  app.use(importRoutes(ideaServices, { mapCenter: config.mapCenter }));
  app.use(userRoutes(db));
  app.use(auditRoutes(db));
  app.use(translationRoutes(db));
  app.use(consultationRoutes(db));
  app.use(consultationPageRoutes(db, ideaServices.reference.consultations));
  app.use(paperFormRoutes(db, ideaServices.reference, { baseUrl: config.baseUrl, cityBounds: config.cityBounds }));
  app.use(categoryRoutes(db));
  app.use(dashboardRoutes(db));
  app.use(statusRoutes(db));
  app.use(milestoneRoutes({ db, storage }));
  app.use(resultsRoutes(db, { baseUrl: config.baseUrl, storage }));
  app.use(nebRoutes(db));
  app.use(exportRoutes(ideaServices, db, { baseUrl: config.baseUrl, secret: config.sessionSecret }));
  app.use(notificationRoutes(db, config.sessionSecret));
  app.use(workshopRoutes(db, { baseUrl: config.baseUrl, live, limits: workshopRules }));
  app.use(authRoutes(db, passport, authLimits, attempts));
  app.use(verificationRoutes(db, config.sessionSecret, accountLimits.verificationResend));
  app.use(passwordRoutes(db, config.sessionSecret, accountLimits, passwordReentry));
  app.use(twoFactorRoutes(db, accountLimits, config.totpKeys, passwordReentry));
  app.use(accountRoutes(db));
  app.use(myDataRoutes(db, { baseUrl: config.baseUrl, storage }));
  app.use(statementRoutes(db, changes, { tileUrl: config.tileUrl, inactiveAccountMonths: config.inactiveAccountMonths, translatorFor: localization.translatorFor }));

  app.use(pageNotFoundHandler);
  app.use(errorHandler);
  return app;
}
