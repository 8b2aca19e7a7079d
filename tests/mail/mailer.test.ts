import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/config';
import { createMailer } from '../../server/mail/mailer';

describe('mailer', () => {
  it('writes each email to the outbox as an .eml file', async () => {
    const outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopa-outbox-'));
    const mailer = createMailer({ from: 'Kopā <no-reply@kopa.local>', outboxDir });
    await mailer.send({ to: 'ilze@example.lv', subject: 'Jūsu ideja', text: 'Paldies', html: '<p>Paldies</p>' });
    await mailer.send({ to: 'ivan@example.lv', subject: 'Ваша идея', text: 'Спасибо', html: '<p>Спасибо</p>' });
    const files = fs.readdirSync(outboxDir);
    expect(files).toHaveLength(2);
    const texts = files.map((file) => fs.readFileSync(path.join(outboxDir, file), 'utf8')).join('\n');
    expect(texts).toContain('To: ilze@example.lv');
    expect(texts).toContain('To: ivan@example.lv');
    fs.rmSync(outboxDir, { recursive: true, force: true });
  });

  it.each([
    ['mail.example.lv', 'must start with smtp:// or smtps://'],
    ['smtp://user:pa ss@[mail', 'must be a whole address'],
  ])('refuses SMTP_URL %j at start, in one line', (value, problem) => {
    expect(() => loadConfig({ SMTP_URL: value })).toThrow(`Invalid configuration: SMTP_URL ${problem}`);
  });

  it('takes a well-formed SMTP_URL', () => {
    expect(loadConfig({ SMTP_URL: 'smtps://kopa:secret@mail.example.lv:465' }).smtpUrl).toBe('smtps://kopa:secret@mail.example.lv:465');
  });
});
