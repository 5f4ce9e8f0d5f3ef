import { describe, expect, it } from 'vitest';

import { parseSse } from './sse';

describe('parseSse', () => {
  it('splits complete events, keeps the unfinished rest, skips comments and events without data', () => {
    const { events, rest } = parseSse(
      ': heartbeat\n\nid: 1\nevent: portal-notification\ndata: {"a":1}\n\nevent: heartbeat\n\nevent: x\ndata: par',
    );
    expect(events).toEqual([{ event: 'portal-notification', data: '{"a":1}', id: '1' }]);
    expect(rest).toBe('event: x\ndata: par');
  });

  it('joins several data lines, reads CRLF, and names an untyped event "message"', () => {
    const { events } = parseSse('data: one\r\ndata:two\r\n\r\n');
    expect(events).toEqual([{ event: 'message', data: 'one\ntwo' }]);
  });
});
