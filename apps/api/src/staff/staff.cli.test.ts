import request from 'supertest';
import { runCli } from '../../test/cli.ts';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { operatorApi } from '../../test/operators.ts';
import { signIn } from '../../test/staff.ts';
import { UsageError } from '../platform/cli-kit.ts';
import { seedDemoRestaurant } from '../restaurants/seed.ts';
import { demoManagerEmail, provisionDemoManager } from './demo-staff.ts';
import { staffCommands } from './staff.cli.ts';

let ctx: TestContext;
let printed: string[];
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());
beforeEach(() => {
  printed = [];
});

function cli(name: string, values: Record<string, string | boolean | undefined>) {
  return runCli(ctx, staffCommands, (line) => printed.push(line), name, values);
}

/** The one-time password the last command printed, on the line after the notice. */
function printedPassword(): string {
  const line = printed.at(-1) ?? '';
  const password = line.trim().split(/\s+/)[1];
  if (!password) throw new Error(`no password printed: ${printed.join('\n')}`);
  return password;
}

const signInStatus = async (email: string, password: string) =>
  (await request(ctx.app).post('/api/session').send({ email, password })).status;

describe('staff CLI', () => {
  it('when a member is created, then a one-time password is printed once, signs in, and must be changed', async () => {
    await cli('staff:create', {
      restaurant: 'demo',
      email: 'ana@demo.example',
      name: 'Ana',
      role: 'manager',
    });
    expect(printed[0]).toBe('created manager ana@demo.example ("Ana") for restaurant "demo".');
    expect(printed[1]).toMatch(/shown only this once; it must be changed at first sign-in/);
    const password = printedPassword();
    const signed = await signIn(ctx.app, { email: 'ana@demo.example', password });
    expect(signed.session).toMatchObject({ must_change_password: true, staff: { role: 'manager' } });
    const row = await ctx.db
      .selectFrom('staff')
      .selectAll()
      .where('email', '=', 'ana@demo.example')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.password_hash).not.toContain(password);
  });

  it('when the input is wrong, then a usage error names it and nothing is created', async () => {
    await expect(
      cli('staff:create', { restaurant: 'demo', email: 'x@demo.example', name: 'X', role: 'chef' }),
    ).rejects.toThrow(/--role/);
    await expect(
      cli('staff:create', { restaurant: 'nowhere', email: 'x@demo.example', name: 'X', role: 'staff' }),
    ).rejects.toThrow(new UsageError('no restaurant with slug "nowhere"'));
    await expect(
      cli('staff:create', { restaurant: 'demo', email: 'ANA@demo.example', name: 'X', role: 'staff' }),
    ).rejects.toThrow(/already signs in with ANA@demo.example/);
    await expect(cli('staff:create', { restaurant: 'demo', name: 'X', role: 'staff' })).rejects.toThrow(
      /--email/,
    );
    const rows = await ctx.db.selectFrom('staff').select('email').execute();
    expect(rows.map((r) => r.email)).not.toContain('x@demo.example');
  });

  it('when members are listed, then one line each with role, password state and disabled time', async () => {
    await cli('staff:create', { restaurant: 'demo', email: 'bo@demo.example', name: 'Bo', role: 'staff' });
    printed = [];
    await cli('staff:list', { restaurant: 'demo' });
    expect(printed[0]).toBe('email\tname\trole\tmust_change_password\tcreated_at\tdisabled_at');
    expect(printed).toContainEqual(expect.stringMatching(/^bo@demo\.example\tBo\tstaff\tyes\t\S+Z\t-$/));
  });

  it('when a password is reset, then the sessions end, the old password stops working and the new one must be changed', async () => {
    await cli('staff:create', { restaurant: 'demo', email: 'cy@demo.example', name: 'Cy', role: 'staff' });
    const first = printedPassword();
    const signed = await signIn(ctx.app, { email: 'cy@demo.example', password: first });
    printed = [];
    await cli('staff:reset-password', { email: 'CY@demo.example' });
    expect(printed[0]).toBe('reset the password of cy@demo.example; their sessions ended.');
    const second = printedPassword();
    expect(second).not.toBe(first);
    await request(ctx.app).get('/api/session').set('Cookie', signed.cookie).expect(401);
    expect(await signInStatus('cy@demo.example', first)).toBe(401);
    expect(
      (await signIn(ctx.app, { email: 'cy@demo.example', password: second })).session.must_change_password,
    ).toBe(true);
  });

  it('when a member is disabled, then their sessions end and they cannot sign in; another restaurant is refused', async () => {
    await cli('staff:create', { restaurant: 'demo', email: 'di@demo.example', name: 'Di', role: 'staff' });
    const password = printedPassword();
    const signed = await signIn(ctx.app, { email: 'di@demo.example', password });
    await expect(cli('staff:disable', { email: 'di@demo.example', restaurant: 'other' })).rejects.toThrow(
      new UsageError('no staff member with email di@demo.example at "other"'),
    );
    printed = [];
    await cli('staff:disable', { email: 'di@demo.example', restaurant: 'demo' });
    expect(printed).toEqual(['disabled di@demo.example; 1 session(s) ended.']);
    await operatorApi(ctx, signed).list().expect(401);
    expect(await signInStatus('di@demo.example', password)).toBe(401);
    await expect(cli('staff:disable', { email: 'nobody@demo.example' })).rejects.toThrow(UsageError);
  });

  it('when the demo manager is provisioned, then its password is printed the first time only, and it need not be changed', async () => {
    const manual = await seedDemoRestaurant(ctx.db, 'demo-manual');
    const print = (line: string) => printed.push(line);
    await provisionDemoManager(ctx.db, manual, print);
    expect(printed[0]).toBe(
      'console sign-in for "demo-manual" (manager, created now; the password is shown once):',
    );
    const [email, password] = printed[1]?.trim().split(/\s+/) ?? [];
    expect(email).toBe(demoManagerEmail('demo-manual'));
    const signed = await signIn(ctx.app, { email: email!, password: password! });
    expect(signed.session).toMatchObject({
      must_change_password: false,
      staff: { role: 'manager', restaurant: { slug: 'demo-manual' } },
    });
    await operatorApi(ctx, signed, 'demo-manual').list().expect(200);
    printed = [];
    await provisionDemoManager(ctx.db, manual, print);
    expect(printed).toEqual([
      'console sign-in for "demo-manual": manager@demo-manual.example (password printed when it was created; `cli staff:reset-password --email manager@demo-manual.example` makes a new one)',
    ]);
    expect(printed.join('\n')).not.toContain(password);
  });
});
