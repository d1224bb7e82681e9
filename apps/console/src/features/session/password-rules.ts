/** The API's rule, checked here first so the person is told before anything is sent. */
export const MIN_PASSWORD_LENGTH = 12;

/** What is wrong with a new password and its repetition, or null when it can be sent. */
export function newPasswordProblem(current: string, next: string, repeat: string): string | null {
  if (current === '') return 'Enter your current password.';
  if ([...next].length < MIN_PASSWORD_LENGTH)
    return `The new password needs at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (next !== repeat) return 'The two new passwords are not the same.';
  if (next === current) return 'The new password must differ from the current one.';
  return null;
}
