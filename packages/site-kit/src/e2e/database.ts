import { randomBytes } from 'node:crypto';
import pg from 'pg';

async function admin<T>(adminUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A throwaway database on the PostgreSQL named by DATABASE_URL, so browser runs leave nothing behind. */
export async function createE2eDatabase(adminUrl: string): Promise<{ name: string; url: string }> {
  const name = `e2e_${randomBytes(6).toString('hex')}`;
  await admin(adminUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

export async function dropE2eDatabase(adminUrl: string, name: string): Promise<void> {
  await admin(adminUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
}
