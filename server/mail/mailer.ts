import fs from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Transporter } from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/** SMTP when SMTP_URL is set; otherwise each email becomes an .eml file in the outbox folder. */
export function createMailer(options: { smtpUrl?: string; from: string; outboxDir: string }): Mailer {
  // nodemailer (~6 MB) is loaded with the first email, not at start.
  let transport: Promise<Transporter> | undefined;
  const loadTransport = () =>
    (transport ??= import('nodemailer')
      .then(({ default: nodemailer }) =>
        options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }),
      )
      .catch((error: unknown) => {
        // Tried again with the next email, not failed for good.
        transport = undefined;
        throw error;
      }));
  if (options.smtpUrl) {
    return {
      async send(mail) {
        await (await loadTransport()).sendMail({ from: options.from, ...mail });
      },
    };
  }
  return {
    async send(mail) {
      const { message } = (await (await loadTransport()).sendMail({ from: options.from, ...mail })) as { message: Buffer };
      await fs.mkdir(options.outboxDir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID()}.eml`;
      await fs.writeFile(path.join(options.outboxDir, name), message);
    },
  };
}
