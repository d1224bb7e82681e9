import type { StaffRole } from '@repo/contracts';
import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp } from './columns.ts';

// Who may use the operator API: restaurant keys, staff members and their sessions.

export interface ApiKeyTable {
  id: Generated<string>;
  restaurant_id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface StaffTable {
  id: Generated<string>;
  restaurant_id: string;
  /** As given, trimmed; unique across restaurants whatever its case. */
  email: string;
  name: string;
  role: StaffRole;
  /** argon2id, in its PHC string form. */
  password_hash: string;
  /** Set with a one-time password: operator routes refuse the member until they change it. */
  must_change_password: Generated<boolean>;
  disabled_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface StaffSessionTable {
  id: Generated<string>;
  staff_id: string;
  /** SHA-256 (hex) of the cookie's token; the token itself is never stored. */
  token_hash: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
}
