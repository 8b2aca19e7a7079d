import commonList from '../../server/passwords/common-passwords.json';
import { isCommonPassword, newPasswordSchema, passwordLength } from '../../server/passwords/password-policy';

const problemOf = (password: string) => {
  const result = newPasswordSchema.safeParse(password);
  return result.success ? undefined : result.error.issues[0].message;
};

describe('the password policy', () => {
  it('ships 10,000 common passwords with their source', () => {
    expect(commonList.passwords).toHaveLength(10_000);
    expect(new Set(commonList.passwords).size).toBe(10_000);
    expect(commonList.source).toMatch(/@zxcvbn-ts\/language-common 4\.1\.3.*MIT/);
  });

  it.each([
    ['7 characters', 'x'.repeat(7), 'auth:validation.passwordTooShort'],
    ['8 characters', 'kopa-dgp', undefined],
    ['128 characters', 'a'.repeat(127) + 'b', undefined],
    ['129 characters', 'a'.repeat(128) + 'b', 'auth:validation.passwordTooLong'],
    ['a common password', 'password123', 'passwords:validation.common'],
    ['a common password in capitals', 'IloveYou', 'passwords:validation.common'],
    ['only letters, no composition rules', 'daugavasupe', undefined],
    ['Latvian letters', 'ķēķis pie upes', undefined],
    ['Cyrillic', 'город у реки', undefined],
  ])('%s → %s', (_case, password, problem) => {
    expect(problemOf(password)).toBe(problem);
  });

  it('counts characters as code points, not UTF-16 units', () => {
    const emoji = '🙂'.repeat(128);
    expect(emoji.length).toBe(256);
    expect(passwordLength(emoji)).toBe(128);
    expect(problemOf(emoji)).toBeUndefined();
    expect(problemOf('🙂'.repeat(129))).toBe('auth:validation.passwordTooLong');
    expect(problemOf('🙂🙂🙂🙂')).toBe('auth:validation.passwordTooShort');
  });

  it('knows the very common ones', () => {
    expect(isCommonPassword('qwertyuiop')).toBe(true);
    expect(isCommonPassword('correct horse battery')).toBe(false);
  });
});
