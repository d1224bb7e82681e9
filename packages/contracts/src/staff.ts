import { z } from 'zod';

const isoDateTime = z.iso.datetime({ offset: true });

/**
 * What a staff member may do on the operator routes: `staff` runs service (orders, accept, reject,
 * kitchen statuses, pause, sold-out); `manager` also refunds, cancels and sets hours; `owner` also
 * manages staff. An API key has every right.
 */
export const StaffRole = z.enum(['staff', 'manager', 'owner']);
export type StaffRole = z.infer<typeof StaffRole>;

/** An email as staff sign in with it: trimmed; compared case-insensitively. */
const StaffEmail = z.string().trim().max(254).pipe(z.email());

/** `POST /api/session`. */
export const SignInRequest = z.strictObject({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1024),
});
export type SignInRequest = z.infer<typeof SignInRequest>;

/** A new password: at least 12 characters. */
export const NewPassword = z.string().min(12, 'must be at least 12 characters').max(1024);

/** `POST /api/session/password`: the new password must differ from the current one. */
export const ChangePasswordRequest = z.strictObject({
  current_password: z.string().min(1).max(1024),
  new_password: NewPassword,
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

/**
 * Who is signed in: `POST /api/session`, `GET /api/session` and `POST /api/session/password` all
 * answer it. `csrf_token` goes in `X-CSRF-Token` on every write made with the session cookie.
 */
export const SessionView = z
  .object({
    staff: z.object({
      id: z.uuid(),
      email: z.string(),
      name: z.string(),
      role: StaffRole,
      restaurant: z.object({ slug: z.string(), name: z.string() }),
    }),
    csrf_token: z.string(),
    /** True after a one-time password: every operator route answers 403 until it is changed. */
    must_change_password: z.boolean(),
  })
  .meta({ id: 'SessionView' });
export type SessionView = z.infer<typeof SessionView>;

/** `POST /api/clients/:slug/staff` (owner): the new member gets a one-time password. */
export const CreateStaffRequest = z.strictObject({
  email: StaffEmail,
  name: z.string().trim().min(1).max(200),
  role: StaffRole,
});
export type CreateStaffRequest = z.infer<typeof CreateStaffRequest>;

/** One staff member, as the owner sees them. */
export const StaffView = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: StaffRole,
  must_change_password: z.boolean(),
  /** Set when the member was disabled: they cannot sign in, and their sessions have ended. */
  disabled_at: isoDateTime.nullable(),
  created_at: isoDateTime,
});
export type StaffView = z.infer<typeof StaffView>;

export const StaffList = z.object({ data: z.array(StaffView) });
export type StaffList = z.infer<typeof StaffList>;

/** The answer to creating a member: `one_time_password` is shown only this once. */
export const CreatedStaff = z.object({
  staff: StaffView,
  one_time_password: z.string(),
});
export type CreatedStaff = z.infer<typeof CreatedStaff>;
