/** One Server-Sent Event as the text/event-stream format defines it (HTML Living Standard §9.2.6). */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * Splits what arrived so far into complete events and the unfinished rest (kept for the next chunk). Comment lines
 * (`:`) and `retry:` are ignored; several `data:` lines join with newlines; an event without `event:` is `message`.
 */
export function parseSse(buffer: string): { events: SseEvent[]; rest: string } {
  const text = buffer.replace(/\r\n?/g, '\n');
  const blocks = text.split('\n\n');
  const rest = blocks.pop() ?? '';
  const events: SseEvent[] = [];
  for (const block of blocks) {
    let event = 'message';
    let id: string | undefined;
    const data: string[] = [];
    let hasData = false;
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') event = value;
      else if (field === 'data') {
        data.push(value);
        hasData = true;
      } else if (field === 'id') id = value;
    }
    if (hasData) events.push({ event, data: data.join('\n'), ...(id !== undefined ? { id } : {}) });
  }
  return { events, rest };
}
