import { describe, expect, it } from 'vitest';

import { namesByIds } from './id-lookup';

describe('namesByIds', () => {
  it('asks in chunks of at most perRequest ids, all at once, and merges what comes back', async () => {
    const asked: string[][] = [];
    const ids = Array.from({ length: 5 }, (_, i) => `id-${i}`);
    const names = await namesByIds(
      ids,
      2,
      async (chunk) => {
        asked.push(chunk);
        // The API leaves out what the caller may not see: id-3 is never returned.
        return { items: chunk.filter((id) => id !== 'id-3').map((id) => ({ id, name: id.toUpperCase() })) };
      },
      (x) => [x.id, x.name],
    );
    expect(asked).toEqual([['id-0', 'id-1'], ['id-2', 'id-3'], ['id-4']]);
    expect([...names]).toEqual([
      ['id-0', 'ID-0'],
      ['id-1', 'ID-1'],
      ['id-2', 'ID-2'],
      ['id-4', 'ID-4'],
    ]);
  });

  it('asks nothing for no ids', async () => {
    let calls = 0;
    expect(
      (
        await namesByIds(
          [],
          200,
          async () => {
            calls++;
            return { items: [] };
          },
          () => ['', ''],
        )
      ).size,
    ).toBe(0);
    expect(calls).toBe(0);
  });
});
