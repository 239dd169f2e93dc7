import { describe, expect, it } from 'vitest';
import { StatementNames } from './prepared-client';

describe('StatementNames', () => {
  it('names a statement the second time its text is sent, and always the same name after', () => {
    const names = new StatementNames();
    const text = 'SELECT id FROM account WHERE id = $1';
    expect(names.nameFor(text)).toBeUndefined();
    const name = names.nameFor(text);
    expect(name).toMatch(/^mc_[A-Za-z0-9_-]{27}$/);
    expect(names.nameFor(text)).toBe(name);
    expect(names.nameFor('SELECT id FROM account WHERE id = $2')).toBeUndefined();
  });

  it('never names scripts, DDL or transaction control', () => {
    const names = new StatementNames();
    for (const text of ['CREATE INDEX x ON account (id)', 'BEGIN', 'SELECT 1; SELECT 2', 'SET LOCAL statement_timeout = 1000', 'LISTEN actor_changed']) {
      names.nameFor(text);
      expect(names.nameFor(text)).toBeUndefined();
    }
    names.nameFor('  with a as (select 1) select * from a');
    expect(names.nameFor('  with a as (select 1) select * from a')).toBeDefined();
  });

  it('names at most `max` texts; later ones run unprepared, earlier ones stay named', () => {
    const names = new StatementNames(3);
    const texts = ['SELECT 1', 'SELECT 2', 'SELECT 3', 'SELECT 4'];
    for (const t of texts) names.nameFor(t);
    const named = texts.map((t) => names.nameFor(t));
    expect(named.slice(0, 3).every(Boolean)).toBe(true);
    expect(named[3]).toBeUndefined();
    expect(names.nameFor('SELECT 1')).toBe(named[0]);
  });
});
