import type { Knex } from 'knex';
import type { Locale } from '../config';
import type { Localization, Translate } from '../i18n/i18n';
import type { Mailer } from './mailer';
import { escapeHtml } from '../http/plain-text';

export interface AccountMailServices {
  db: Knex;
  mailer: Mailer;
  localization: Localization;
  baseUrl: string;
  secret: string;
}

export interface AccountRecipient {
  id: number;
  email: string;
  displayName: string;
  locale: Locale;
}

/** A short email about the account: a greeting, some lines, one link, in text and escaped HTML. */
export async function sendAccountEmail(
  services: AccountMailServices,
  recipient: AccountRecipient,
  compose: (t: Translate) => { subject: string; lines: string[]; link: { url: string; text: string }; after?: string[] },
): Promise<void> {
  const t = services.localization.translatorFor(recipient.locale);
  const { subject, lines, link, after = [] } = compose(t);
  const greeting = t('common:email.greeting', { name: recipient.displayName });
  const text = [greeting, '', ...lines, '', `${link.text} ${link.url}`, ...(after.length ? ['', ...after] : [])].join('\n');
  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    ...lines.map((line) => `<p>${escapeHtml(line)}</p>`),
    `<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.text)}</a></p>`,
    ...after.map((line) => `<p><small>${escapeHtml(line)}</small></p>`),
  ].join('\n');
  await services.mailer.send({ to: recipient.email, subject, text, html });
}
