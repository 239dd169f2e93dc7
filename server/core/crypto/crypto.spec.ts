import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FieldCipher } from './field-cipher';
import { maskAccount, maskAddress, maskEmail, maskIdNumber, maskMobile, maskName } from './masking';

const k = () => randomBytes(32);

describe('FieldCipher', () => {
  it('round-trips, with a fresh IV each time', () => {
    const c = new FieldCipher(new Map([['a', k()]]), 'a', k());
    const x = c.encrypt('13812345678');
    expect(x).not.toBe(c.encrypt('13812345678'));
    expect(c.decrypt(x)).toBe('13812345678');
  });

  it('reads values of a retired key after rotation, and writes with the active one', () => {
    const old = k();
    const before = new FieldCipher(new Map([['k1', old]]), 'k1', k());
    const stored = before.encrypt('张三');
    const after = new FieldCipher(
      new Map([
        ['k1', old],
        ['k2', k()],
      ]),
      'k2',
      k(),
    );
    expect(after.decrypt(stored)).toBe('张三');
    expect(after.encrypt('x').split('.')[1]).toBe('k2');
  });

  it('detects tampering and unknown keys', () => {
    const c = new FieldCipher(new Map([['a', k()]]), 'a', k());
    const [v, kid, iv, ct, tag] = c.encrypt('secret').split('.');
    const flipped = Buffer.from(ct, 'base64url');
    flipped[0] ^= 1;
    expect(() => c.decrypt([v, kid, iv, flipped.toString('base64url'), tag].join('.'))).toThrow();
    expect(() => c.decrypt([v, 'zz', iv, ct, tag].join('.'))).toThrow(/not configured/);
  });

  it('encrypts bytes (files) with the key id inside', () => {
    const c = new FieldCipher(new Map([['a', k()]]), 'a', k());
    const blob = c.encryptBytes(Buffer.from('photo'));
    expect(c.decryptBytes(blob).toString()).toBe('photo');
  });

  it('blind index: equal after normalisation, separated by domain and key', () => {
    const key = k();
    const c = new FieldCipher(new Map([['a', k()]]), 'a', key);
    expect(c.blindIndex('id', '11010119900307123x')).toBe(c.blindIndex('id', ' 11010119900307123X '));
    expect(c.blindIndex('id', '1')).not.toBe(c.blindIndex('mobile', '1'));
    expect(new FieldCipher(new Map([['a', k()]]), 'a', k()).blindIndex('id', '1')).not.toBe(c.blindIndex('id', '1'));
  });
});

describe('masks', () => {
  it.each([
    [maskName, '张三', '张*'],
    [maskName, '张三明', '张*明'],
    [maskName, '欧阳小明', '欧**明'],
    [maskIdNumber, '110101199003071234', '1101**********1234'],
    [maskIdNumber, 'E12345678', 'E1*****78'],
    [maskMobile, '+8613812345678', '138****5678'],
    [maskMobile, '13812345678', '138****5678'],
    [maskEmail, 'alice@example.com', 'a***@example.com'],
    [maskAddress, '浙江省杭州市西湖区文三路100号', '浙江省杭州市****'],
    [maskAccount, 'alice@example.com', 'a***@example.com'],
    [maskAccount, '13812345678', '138****5678'],
    [maskAccount, '6222020200112233', '62****33'],
  ])('%o(%s) = %s', (fn, input, expected) => {
    expect((fn as (s: string) => string)(input)).toBe(expected);
  });
});
