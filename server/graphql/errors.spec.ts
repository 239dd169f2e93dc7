import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../core/logger';
import { scrubLog, scrubValues } from './errors';

describe('scrubbing client values out of messages', () => {
  it('removes variable values and literals', () => {
    expect(scrubValues('Variable "$p" got invalid value "13800138000"; Int cannot represent non-integer value: "13800138000"')).not.toContain('13800138000');
    expect(scrubValues('Expected value of type "Int!", found "110101199003071234".')).not.toContain('110101199003071234');
  });
  it('log scrubbing hides quoted values and long digit runs', () => {
    expect(scrubLog('Key (mobile_hash)=(abc) exists for 13800138000 "张三"')).toBe('Key "…" exists for # "…"');
  });
});

describe('logger redaction', () => {
  it('never writes personal data keys', () => {
    let out = '';
    const sink = new Writable({ write: (chunk, _e, cb) => ((out += chunk.toString()), cb()) });
    const log = createLogger('info', sink);
    log.info({ mobile: '13800138000', user: { idNumber: '110101199003071234', address: '杭州' }, password: 'x' }, 'hello');
    expect(out).toContain('hello');
    expect(out).not.toMatch(/13800138000|110101199003071234|杭州|"x"/);
  });
});
