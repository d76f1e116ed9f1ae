import { messageIdFor, newId } from '../../../src/shared/ids';

describe('ids', () => {
  test('when 10,000 ids are made (past the 4 KiB random pool), then all are distinct and shaped prefix_time+random', () => {
    const ids = Array.from({ length: 10_000 }, () => newId('evt', 1_795_000_000_000));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^evt_[0-9a-hjkmnp-tv-z]{22}$/);
  });

  test('when ids are made at later times, then they sort by time', () => {
    const times = [1_000, 1_795_000_000_000, 1_795_000_000_001, 1_800_000_000_000];
    const ids = times.map((t) => newId('msg', t));
    expect([...ids].sort()).toEqual(ids);
  });

  test('when a message id is derived twice from the same event and user, then it is the same; another user gets another', () => {
    const a = messageIdFor('evt_1', 'u1', 1_795_000_000_000);
    expect(messageIdFor('evt_1', 'u1', 1_795_000_000_000)).toBe(a);
    expect(messageIdFor('evt_1', 'u2', 1_795_000_000_000)).not.toBe(a);
    expect(a.slice(0, 14)).toBe(newId('msg', 1_795_000_000_000).slice(0, 14));
  });
});
