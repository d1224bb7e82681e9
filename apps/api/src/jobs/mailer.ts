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
  /**
   * Sends (SMTP) or writes (.eml) the message; resolves with where it went. Gives up, rejecting,
   * when `signal` aborts or the send outlasts its share of the job expiry.
   */
  send(mail: OutgoingMail, signal?: AbortSignal): Promise<string>;
  /** The domain for Message-IDs, taken from MAIL_FROM. */
  readonly domain: string;
  close(): void;
}

function domainOf(from: string): string {
  return /@([^>\s]+)/.exec(from)?.[1] ?? 'localhost';
}

/**
 * Limits of one SMTP send, from the job expiry: a send that outlasted it would let the queue hand
 * the job to another runner while this one still sends, and the diner would get the email twice.
 * A send may take half the expiry in all; connecting (with the greeting) a quarter, a silence half.
 */
export function smtpTimeouts(jobExpireSeconds: number) {
  const sendMs = jobExpireSeconds * 500;
  return {
    sendMs,
    connectionTimeout: sendMs / 4,
    greetingTimeout: sendMs / 4,
    socketTimeout: sendMs / 2,
  };
}

function sendSignal(sendMs: number, signal: AbortSignal | undefined): AbortSignal {
  const deadline = AbortSignal.timeout(sendMs);
  return signal ? AbortSignal.any([signal, deadline]) : deadline;
}

/**
 * SMTP when SMTP_URL is set. Otherwise (the embedded default) each message is written as an .eml
 * file in DATA_DIR/mail and the log line gives its path: nothing leaves the machine.
 */
export function createMailer(
  config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM' | 'DATA_DIR' | 'JOB_EXPIRE_SECONDS'>,
  logger: Logger,
): Mailer {
  const domain = domainOf(config.MAIL_FROM);
  const { sendMs, ...timeouts } = smtpTimeouts(config.JOB_EXPIRE_SECONDS);
  if (config.SMTP_URL) {
    // The URL's own query parameters would win over these; the send's deadline still holds.
    const transport = nodemailer.createTransport({ url: config.SMTP_URL, ...timeouts });
    return {
      domain,
      async send(mail, signal) {
        const info = await transport.sendMail({
          from: config.MAIL_FROM,
          ...mail,
          signal: sendSignal(sendMs, signal),
        });
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
    async send(mail, signal) {
      const info = await transport.sendMail({
        from: config.MAIL_FROM,
        ...mail,
        signal: sendSignal(sendMs, signal),
      });
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
