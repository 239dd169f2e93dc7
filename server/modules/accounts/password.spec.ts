import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors';
import { checkPasswordPolicy, DEMO_PASSWORD } from './password';

const refusal = (password: string, loginName = 'someone', production = false): string | undefined => {
  try {
    checkPasswordPolicy(password, { loginName, production });
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).message;
  }
};

describe('password policy', () => {
  it('accepts a long unguessable password', () => {
    expect(refusal('Tall-Window-Rain-47')).toBeUndefined();
  });

  it('refuses the demo password in production only', () => {
    expect(refusal(DEMO_PASSWORD, 'reviewer', false)).toBeUndefined();
    expect(refusal(DEMO_PASSWORD, 'reviewer', true)).toMatch(/demo password/);
  });

  it('refuses the login name, repeats, sequences, common passwords and lengths outside 10-256', () => {
    expect(refusal('Zhangwei-2026-!', 'zhangwei')).toMatch(/login name/);
    expect(refusal('zzzzzzzzzzzzzz')).toMatch(/repeats/);
    expect(refusal('abcdefghijklm')).toMatch(/too easy to guess/);
    expect(refusal('iloveyou1234')).toMatch(/too easy to guess/);
    expect(refusal('Aa1!x')).toMatch(/10 to 256/);
    expect(refusal(`Tall-Window-Rain-47${'x'.repeat(256)}`)).toMatch(/10 to 256/);
  });
});
