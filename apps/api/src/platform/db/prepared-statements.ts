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

const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * Whether a named statement must be prepared afresh after this error:
 * - a plan made stale by a migration (see above), or a statement prepared against column types or
 *   columns a migration has changed since (class 42);
 * - the statement is gone on the server (26000);
 * - an error raised in the client (no SQLSTATE), such as a value pg could not send: pg then closes
 *   the statement on the server but still counts it as prepared.
 */
function invalidatesStatement(error: unknown): boolean {
  if (isStalePlanError(error)) return true;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code !== 'string' || !SQLSTATE.test(code)) return true;
  return code === '26000' || code.startsWith('42');
}

/**
 * A pg client that sends every parameterised statement as a named prepared statement, so
 * PostgreSQL parses and plans each distinct text once per connection instead of on every call.
 * After an error that leaves a statement unusable on this connection, that statement moves to a
 * fresh name: the failing call fails once and the next one is prepared anew.
 */
export class PreparedStatementClient extends pg.Client {
  /** Per statement number, the version of its name on this connection. */
  readonly #versions = new Map<number, number>();

  // biome-ignore lint/suspicious/noExplicitAny: mirrors pg's overloaded query().
  override query(config: any, values?: any, callback?: any): any {
    if (typeof config !== 'string' || !Array.isArray(values) || callback !== undefined) {
      return super.query(config, values, callback);
    }
    const number = statementNumber(config);
    if (number === undefined) return super.query(config, values);
    const version = this.#versions.get(number) ?? 0;
    const result: Promise<pg.QueryResult> = super.query({
      name: `s${number}_${version}`,
      text: config,
      values,
    });
    return result.catch((error: unknown) => {
      if (invalidatesStatement(error) && (this.#versions.get(number) ?? 0) === version) {
        this.#versions.set(number, version + 1);
      }
      throw error;
    });
  }
}
