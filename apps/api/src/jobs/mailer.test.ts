import type { AddressInfo } from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';
import { loadConfig } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { createMailer, type OutgoingMail, smtpTimeouts } from './mailer.ts';

type Stall = 'before greeting' | 'after the message, trickling';

/** An SMTP server that stops answering at one point, as a slow or overloaded one does. */
async function stallingSmtp(stall: Stall): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    if (stall === 'before greeting') return;
    socket.write('220 slow.example ESMTP\r\n');
    let inData = false;
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      if (inData) {
        if (!buffer.includes('\r\n.\r\n')) return;
        // Bytes keep coming, so no inactivity timeout fires, but the answer never completes.
        timers.add(setInterval(() => socket.write(' '), 100));
        return;
      }
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const command = buffer.slice(0, end).toUpperCase();
        buffer = buffer.slice(end + 2);
        if (command.startsWith('DATA')) {
          inData = true;
          socket.write('354 go ahead\r\n');
          return;
        }
        socket.write(command.startsWith('QUIT') ? '221 bye\r\n' : '250 ok\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      for (const timer of timers) clearInterval(timer);
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const mail: OutgoingMail = {
  to: 'ada@example.com',
  subject: 'Order #1001 confirmed',
  text: 'Thanks!',
  html: '<p>Thanks!</p>',
  messageId: '<order-job-test@trattoria.example>',
};

// Closed after each test, passed or timed out, so a send left hanging cannot keep the run alive.
const opened: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const thing of opened.splice(0).reverse()) await thing.close();
});

async function slowSmtp(stall: Stall) {
  const smtp = await stallingSmtp(stall);
  opened.push(smtp);
  return smtp;
}

function mailerFor(url: string, jobExpireSeconds: number) {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SMTP_URL: url,
    JOB_EXPIRE_SECONDS: String(jobExpireSeconds),
  });
  const mailer = createMailer(config, createLogger(config));
  opened.push(mailer);
  return mailer;
}

async function elapsedUntilSettled(send: Promise<unknown>) {
  const started = Date.now();
  const outcome = await send.then(
    () => 'sent',
    (error: Error) => error,
  );
  return { outcome, ms: Date.now() - started };
}

describe('SMTP mailer time limits', () => {
  it.each([1, 30, 120, 3600])(
    'when the job expiry is %i s, then every SMTP timeout and the whole send end well before it',
    (jobExpireSeconds) => {
      const limits = smtpTimeouts(jobExpireSeconds);
      expect(limits.sendMs).toBeLessThanOrEqual(jobExpireSeconds * 500);
      for (const timeout of [limits.connectionTimeout, limits.greetingTimeout, limits.socketTimeout]) {
        expect(timeout).toBeGreaterThan(0);
        expect(timeout).toBeLessThanOrEqual(limits.sendMs);
      }
    },
  );

  it.each<Stall>(['before greeting', 'after the message, trickling'])(
    'when the SMTP server stalls %s, then the send fails before the job expires',
    async (stall) => {
      const mailer = mailerFor((await slowSmtp(stall)).url, 2);
      const { outcome, ms } = await elapsedUntilSettled(mailer.send(mail));
      expect(outcome).toBeInstanceOf(Error);
      expect(ms).toBeLessThan(2_000);
    },
    10_000,
  );

  it("when the job's signal aborts mid-send, then the send stops at once", async () => {
    const mailer = mailerFor((await slowSmtp('after the message, trickling')).url, 120);
    const { outcome, ms } = await elapsedUntilSettled(mailer.send(mail, AbortSignal.timeout(300)));
    expect(outcome).toMatchObject({ name: 'AbortError' });
    expect(ms).toBeLessThan(2_000);
  }, 10_000);
});
