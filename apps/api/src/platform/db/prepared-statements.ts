import pg from 'pg';

/** Distinct statement texts get a name each, process-wide; beyond this many, statements run unnamed. */
const MAX_NAMED_STATEMENTS = 500;
const names = new Map<string, number>();

function statementNumber(text: string): number | undefined {
  let number = names.get(text);
  if (number === undefined && names.size < MAX_NAMED_STATEMENTS) {
    number = names.size;
    names.set(text, number);
  }
  return number;
}

/**
 * A plan PostgreSQL cached for a named statement that a migration has since changed under it
 * (`select *` over a table that gained a column). PostgreSQL keeps refusing that statement on this
 * connection, so the client stops using it.
 */
export function isStalePlanError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === '0A000' &&
    (error as { routine?: unknown }).routine === 'RevalidateCachedQuery'
  );
}

/**
 * A pg client that sends every parameterised statement as a named prepared statement, so
 * PostgreSQL parses and plans each distinct text once per connection instead of on every call.
 * On a stale plan the client moves to fresh names; the failing statement's transaction fails once
 * and its retry is prepared anew.
 */
export class PreparedStatementClient extends pg.Client {
  #generation = 0;

  // biome-ignore lint/suspicious/noExplicitAny: mirrors pg's overloaded query().
  override query(config: any, values?: any, callback?: any): any {
    if (typeof config !== 'string' || !Array.isArray(values) || callback !== undefined) {
      return super.query(config, values, callback);
    }
    const number = statementNumber(config);
    if (number === undefined) return super.query(config, values);
    const generation = this.#generation;
    const result: Promise<pg.QueryResult> = super.query({
      name: `s${generation}_${number}`,
      text: config,
      values,
    });
    return result.catch((error: unknown) => {
      if (isStalePlanError(error) && this.#generation === generation) this.#generation += 1;
      throw error;
    });
  }
}
