import { runCli } from '../../test/cli.ts';
import { closeAll } from '../../test/close-all.ts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { jobEnded, jobTestEnv, type PosReceiver, startPosReceiver, startRunner } from '../../test/jobs.ts';
import { deliver, placeOrder, succeeded } from '../../test/webhooks.ts';
import { UsageError } from '../platform/cli-kit.ts';
import type { JobRunner } from './job-runner.ts';
import { jobCommands } from './jobs.cli.ts';

const SECRET = 'pos_secret_for_cli_tests';
let ctx: TestContext;
let runner: JobRunner;
let pos: PosReceiver;
let printed: string[];
beforeAll(async () => {
  pos = await startPosReceiver(SECRET);
  ctx = await createTestContext({ env: jobTestEnv() });
  runner = await startRunner(ctx);
});
afterAll(() =>
  closeAll(
    () => runner?.stop(),
    () => ctx?.close(),
    () => pos?.close(),
  ),
);
beforeEach(() => {
  printed = [];
});

function cli(name: string, values: Record<string, string | boolean | undefined>, positionals: string[] = []) {
  return runCli(ctx, jobCommands, (line) => printed.push(line), name, values, positionals);
}

describe('jobs CLI', () => {
  it('when a skipped hand-off is listed and retried after the POS is configured, then it is delivered', async () => {
    const order = await placeOrder(ctx);
    await deliver(ctx, await succeeded(ctx, order)).expect(200);
    const skipped = await jobEnded(ctx, order.orderId, 'pos_handoff');
    expect(skipped.status).toBe('skipped');

    await cli('jobs:list', { status: 'skipped', order: order.orderId });
    expect(printed).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${skipped.id}  ${order.orderId}  pos_handoff  skipped  attempts=1 .*\\(no POS endpoint configured\\)$`,
        ),
      ),
      '1 job(s)',
    ]);

    await ctx.db
      .updateTable('restaurants')
      .set({ pos_endpoint_url: pos.url, pos_signing_secret: SECRET })
      .where('id', '=', ctx.restaurant.id)
      .execute();
    printed = [];
    await cli('jobs:retry', { order: order.orderId });
    expect(printed[0]).toMatch(new RegExp(`^re-queued ${skipped.id} `));
    expect(await jobEnded(ctx, order.orderId, 'pos_handoff')).toMatchObject({
      status: 'succeeded',
      attempts: 2,
    });
    expect(pos.accepted.has(`pos-${order.orderId}`)).toBe(true);

    printed = [];
    await cli('jobs:retry', {}, [skipped.id]);
    expect(printed).toEqual([
      expect.stringMatching(/^not re-queued /),
      '0 job(s) re-queued; a running API or worker picks them up',
    ]);
  });

  it('when the arguments are wrong, then it is a usage error', async () => {
    await expect(cli('jobs:list', { status: 'exploded' })).rejects.toBeInstanceOf(UsageError);
    await expect(cli('jobs:retry', {})).rejects.toBeInstanceOf(UsageError);
  });

  it('when reconcile:run is run, then it prints what the pass did', async () => {
    await cli('reconcile:run', {});
    expect(printed.at(-1)).toMatch(
      /^checked \d+, changed \d+, canceled \d+, flagged \d+ dead job\(s\), 0 error\(s\)$/,
    );
  });
});
