import fs from 'node:fs';
import path from 'node:path';
import type { TestApp } from './test-app';
import { makeJobsDue, notificationServicesFor } from './mail';
import { createMailer } from '../../server/mail/mailer';
import { runDueJobs } from '../../server/jobs/jobs.worker';
import { verificationEmailHandler } from '../../server/verification/verification-email';
import { passwordResetEmailHandler } from '../../server/passwords/reset-email';
import { inactivityWarningHandler } from '../../server/maintenance/inactivity-warning';

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

/** RFC 2047 words of a header: the bytes of adjacent words belong together. */
function decodedHeaders(headers: string): string {
  return headers
    .replace(/\r?\n[ \t]+/g, ' ')
    .replace(/=\?utf-8\?q\?([^?]*)\?=/gi, (_, encoded: string) => decodedQuotedPrintable(encoded.replace(/_/g, ' ')))
    .replace(/(=\?utf-8\?b\?[^?]*\?=[ \t]*)+/gi, (words: string) =>
      Buffer.concat([...words.matchAll(/=\?utf-8\?b\?([^?]*)\?=/gi)].map((word) => Buffer.from(word[1], 'base64'))).toString('utf8'),
    );
}

function decodedQuotedPrintable(body: string): string {
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
  return Buffer.from(bytes).toString('utf8');
}

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
