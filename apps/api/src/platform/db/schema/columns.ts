import type { ColumnType } from 'kysely';

/** Column types the table files share: a creation time the database sets, a timestamp, JSON. */
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type Json<T> = ColumnType<T, string, string>;
