// The write-ahead journal over one Storage shared by several tabs (each journal here is a tab).
import { describe, expect, it } from 'vitest';
import { localJournal, memoryStorage } from './journal';

const cell = (raw: string, at: number) => ({ key: 't1/4/v', raw, value: Number(raw), at });

describe('journal', () => {
  it('two tabs on one report never overwrite each other; reading takes the newest of each cell', () => {
    const storage = memoryStorage();
    const a = localJournal(storage, 'a');
    const b = localJournal(storage, 'b');
    a.write('r', [cell('1', 10)]);
    a.write('r', [{ key: 't1/5/v', raw: '5', value: 5, at: 11 }]);
    b.write('r', [cell('2', 20)]);
    a.write('r', [{ key: 't1/6/v', raw: '6', value: 6, at: 12 }]);
    expect([...b.read('r')].map(([k, v]) => [k, v.raw]).sort()).toEqual([['t1/4/v', '2'], ['t1/5/v', '5'], ['t1/6/v', '6']]);
    expect(a.read('r').get('t1/4/v')?.raw).toBe('2');
    // A commit forgets only the tab's own cells, and only if not edited again since.
    a.committed('r', [{ key: 't1/5/v', at: 11 }, { key: 't1/6/v', at: 5 }]);
    expect(a.read('r').has('t1/5/v')).toBe(false);
    expect(a.read('r').has('t1/6/v')).toBe(true);
    expect(a.reports()).toEqual(['r']);
  });

  it('a tab that opened a report adopts the others\' entries (and an older version\'s); clear drops every tab\'s', () => {
    const storage = memoryStorage();
    storage.setItem('nianbao-journal:r', JSON.stringify({ 't1/7/v': { raw: '7', value: 7, at: 1 } }));
    const before = localJournal(storage, 'old');
    before.write('r', [cell('3', 30)]);
    before.write('other', [cell('9', 9)]);
    const now = localJournal(storage, 'new');
    expect([...now.read('r')].map(([k, v]) => [k, v.raw]).sort()).toEqual([['t1/4/v', '3'], ['t1/7/v', '7']]);
    expect(now.reports().sort()).toEqual(['other', 'r']);
    now.write('r', [cell('3', 31)]);
    now.adopt('r');
    expect(storage.length).toBe(2); // now's entry for r, old's for other
    expect([...now.read('r').keys()]).toEqual(['t1/4/v']);
    now.clear('other');
    expect(now.reports()).toEqual(['r']);
    now.committed('r', [{ key: 't1/4/v', at: 31 }]);
    expect(storage.length).toBe(0);
  });

  it('damaged or foreign entries are ignored, and a refusing storage keeps nothing without throwing', () => {
    const storage = memoryStorage();
    storage.setItem('nianbao-journal:r@x', '{not json');
    storage.setItem('nianbao-journal:r@y', JSON.stringify({ 't1/4/v': { raw: 1, at: 'x' }, 't1/5/v': { raw: '5', value: 5, at: 3 } }));
    expect([...localJournal(storage, 'z').read('r').keys()]).toEqual(['t1/5/v']);
    const refusing = { ...memoryStorage(), setItem: () => { throw new Error('QuotaExceededError'); } };
    const j = localJournal(refusing, 't');
    expect(() => j.write('r', [cell('1', 1)])).not.toThrow();
    // Not stored, but this tab still knows its own unsaved cell.
    expect(j.read('r').get('t1/4/v')?.raw).toBe('1');
  });

  it('a tab still open keeps its entry when another adopts the report (it may be writing to it); a closed tab\'s goes', async () => {
    const storage = memoryStorage();
    const open = localJournal(storage, 'open');
    const closed = localJournal(storage, 'closed');
    open.write('r', [cell('1', 10)]);
    closed.write('r', [{ key: 't1/5/v', raw: '5', value: 5, at: 11 }]);
    // Web Locks say which tabs live: 'open' and 'me'.
    const me = localJournal(storage, 'me', () => Promise.resolve(new Set(['open', 'me'])));
    expect(me.read('r').size).toBe(2);
    me.adopt('r');
    await Promise.resolve();
    await Promise.resolve();
    expect(storage.getItem('nianbao-journal:r@open')).not.toBeNull();
    expect(storage.getItem('nianbao-journal:r@closed')).toBeNull();
    // The open tab writes on and commits on its own.
    open.write('r', [cell('2', 12)]);
    open.committed('r', [{ key: 't1/4/v', at: 12 }]);
    expect(storage.length).toBe(0);
  });
});
