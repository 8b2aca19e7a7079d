import fs from 'node:fs';
import path from 'node:path';
import type { TestApp } from './test-app';
import { makeJobsDue, notificationServicesFor } from './mail';
import { createMailer } from '../../server/mail/mailer';
import { runDueJobs } from '../../server/jobs/jobs.worker';
import { verificationEmailHandler } from '../../server/verification/verification-email';
import { passwordResetEmailHandler } from '../../server/passwords/reset-email';
import { inactivityWarningHandler } from '../../server/maintenance/inactivity-warning';
import { ideaUpdateHandler } from '../../server/notifications/idea-update';
import { milestoneUpdateHandler } from '../../server/notifications/milestone-update';

/** Runs every pending account email job now, as the app's poller would, into the outbox. */
export async function deliverAccountEmails(testApp: TestApp): Promise<number> {
  await makeJobsDue(testApp);
  const services = notificationServicesFor(testApp, createMailer({ from: testApp.config.mailFrom, outboxDir: testApp.config.outboxDir }));
  return runDueJobs(testApp.db, {
    verification_email: verificationEmailHandler(services),
    password_reset_email: passwordResetEmailHandler(services),
    inactivity_warning: inactivityWarningHandler(services, testApp.config.inactiveAccountMonths),
    comment_digest: async () => {},
    idea_update: async () => {},
  });
}

/** Runs every pending email job to followers (status changes and milestones) now, into the outbox. */
export async function deliverFollowerEmails(testApp: TestApp): Promise<number> {
  await makeJobsDue(testApp);
  const services = notificationServicesFor(testApp, createMailer({ from: testApp.config.mailFrom, outboxDir: testApp.config.outboxDir }));
  return runDueJobs(testApp.db, {
    idea_update: ideaUpdateHandler(services),
    milestone_update: milestoneUpdateHandler(services),
    comment_digest: async () => {},
  });
}

/**
 * RFC 2047 words of a header. Adjacent encoded words are one text: the whitespace between them
 * is folding, not content, and a letter's bytes may be split across two words.
 */
function decodedHeaders(headers: string): string {
  return headers
    .replace(/\r?\n[ \t]+/g, ' ')
    .replace(/=\?utf-8\?[qb]\?[^?]*\?=(?:[ \t]+=\?utf-8\?[qb]\?[^?]*\?=)*/gi, (words: string) =>
      Buffer.concat(
        [...words.matchAll(/=\?utf-8\?([qb])\?([^?]*)\?=/gi)].map(([, encoding, text]) =>
          encoding.toLowerCase() === 'b' ? Buffer.from(text, 'base64') : quotedPrintableBytes(text.replace(/_/g, ' ')),
        ),
      ).toString('utf8'),
    );
}

function quotedPrintableBytes(body: string): Buffer {
  const softBreaksGone = body.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let index = 0; index < softBreaksGone.length; index += 1) {
    const match = /^=([0-9A-F]{2})/.exec(softBreaksGone.slice(index, index + 3));
    if (match) {
      bytes.push(parseInt(match[1], 16));
      index += 2;
    } else {
      bytes.push(...Buffer.from(softBreaksGone[index], 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

const decodedQuotedPrintable = (body: string): string => quotedPrintableBytes(body).toString('utf8');

/** An .eml file's headers and its decoded text (quoted-printable and base64 parts). */
export function decodedMail(eml: string): string {
  const split = eml.search(/\r?\n\r?\n/);
  const headers = decodedHeaders(eml.slice(0, split));
  const body = eml.slice(split);
  const base64Parts = [...body.matchAll(/Content-Transfer-Encoding: base64\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/g)].map((part) => Buffer.from(part[1].replace(/\s/g, ''), 'base64').toString('utf8'));
  return [headers, decodedQuotedPrintable(body), ...base64Parts].join('\n');
}

export function outboxMails(testApp: TestApp): { to: string; text: string }[] {
  const dir = testApp.config.outboxDir;
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .sort()
    .map((name) => decodedMail(fs.readFileSync(path.join(dir, name), 'utf8')))
    .map((text) => ({ to: /^To: (.*)$/m.exec(text)?.[1]?.trim() ?? '', text }));
}

/** The latest email to the address, and the path (with query) of its first link to linkPath. */
export function latestLinkTo(testApp: TestApp, email: string, linkPath: string): { text: string; link: string } {
  const mails = outboxMails(testApp).filter((mail) => mail.to.includes(email));
  const mail = mails[mails.length - 1];
  if (!mail) throw new Error(`no email to ${email}`);
  const match = new RegExp(`${testApp.config.baseUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(${linkPath}\\?token=[\\w.-]+)`).exec(mail.text);
  if (!match) throw new Error(`no ${linkPath} link in the email to ${email}`);
  return { text: mail.text, link: match[1] };
}
