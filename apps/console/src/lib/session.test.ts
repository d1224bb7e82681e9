import { newPasswordProblem } from '../features/session/password-rules.ts';
import { roleAllows, safeNext } from './session.ts';

describe('roleAllows', () => {
  it('when roles are compared, then an owner may do everything, a manager what staff may, staff only their own', () => {
    expect(roleAllows('owner', 'manager')).toBe(true);
    expect(roleAllows('manager', 'manager')).toBe(true);
    expect(roleAllows('manager', 'owner')).toBe(false);
    expect(roleAllows('staff', 'manager')).toBe(false);
    expect(roleAllows('staff', 'staff')).toBe(true);
  });
});

describe('safeNext', () => {
  it.each([
    [null, '/'],
    ['/order?id=1', '/order?id=1'],
    ['//evil.example/', '/'],
    ['https://evil.example/', '/'],
    ['/\\evil.example', '/'],
  ])('when the sign-in page is asked to go on to %s, then it goes to %s', (next, expected) => {
    expect(safeNext(next, '/')).toBe(expected);
  });

  it('when the console lives under /console/, then only its own pages are followed', () => {
    expect(safeNext('/console/orders', '/console/')).toBe('/console/orders');
    expect(safeNext('/other', '/console/')).toBe('/console/');
  });
});

describe('newPasswordProblem', () => {
  it.each([
    ['', 'a long new password', 'a long new password', 'Enter your current password.'],
    ['old', 'short', 'short', 'The new password needs at least 12 characters.'],
    ['old', 'a long new password', 'a long new passw0rd', 'The two new passwords are not the same.'],
    [
      'a long new password',
      'a long new password',
      'a long new password',
      'The new password must differ from the current one.',
    ],
    ['old', 'a long new password', 'a long new password', null],
  ])('when the current is "%s" and the new "%s"/"%s", then %s', (current, next, repeat, expected) => {
    expect(newPasswordProblem(current, next, repeat)).toBe(expected);
  });
});
