import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../platform/config.ts';
import type { Logger } from '../platform/logger.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  replyTo?: string | undefined;
  /** Stable per job, so a re-sent message can be recognized as the same one. */
  messageId: string;
}

export interface Mailer {
  /** Sends (SMTP) or writes (.eml) the message; resolves with where it went. */
  send(mail: OutgoingMail): Promise<string>;
  /** The domain for Message-IDs, taken from MAIL_FROM. */
  readonly domain: string;
  close(): void;
}

function domainOf(from: string): string {
  return /@([^>\s]+)/.exec(from)?.[1] ?? 'localhost';
}

/**
 * SMTP when SMTP_URL is set. Otherwise (the embedded default) each message is written as an .eml
 * file in DATA_DIR/mail and the log line gives its path: nothing leaves the machine.
 */
export function createMailer(
  config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM' | 'DATA_DIR'>,
  logger: Logger,
): Mailer {
  const domain = domainOf(config.MAIL_FROM);
  if (config.SMTP_URL) {
    const transport = nodemailer.createTransport(config.SMTP_URL);
    return {
      domain,
      async send(mail) {
        const info = await transport.sendMail({ from: config.MAIL_FROM, ...mail });
        logger.info({ messageId: info.messageId, response: info.response }, 'email sent over SMTP');
        return `smtp: ${info.response}`;
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const dir = path.join(config.DATA_DIR, 'mail');
  return {
    domain,
    async send(mail) {
      const info = await transport.sendMail({ from: config.MAIL_FROM, ...mail });
      if (!Buffer.isBuffer(info.message)) throw new Error('stream transport returned no buffer');
      await mkdir(dir, { recursive: true });
      const stamp = new Date().toISOString().replaceAll(/[:.]/g, '-');
      const file = path.join(dir, `${stamp}-${randomBytes(3).toString('hex')}.eml`);
      await writeFile(file, info.message);
      logger.info({ path: file }, `email written to ${file}`);
      return `file: ${file}`;
    },
    close: () => transport.close(),
  };
}
