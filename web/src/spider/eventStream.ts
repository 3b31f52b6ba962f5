/** One Server-Sent Event: its name (`message` when unnamed) and data lines joined. */
export interface ServerEvent {
  event: string;
  data: string;
}

/**
 * Splits a text/event-stream into events as its chunks arrive (the format of the HTML standard: blank-line separated
 * blocks, `event:` and `data:` fields, `:` comments such as heartbeats ignored). Feed it chunks; it returns the
 * events each one completed.
 */
export class EventStreamParser {
  private buffer = '';

  push(chunk: string): ServerEvent[] {
    this.buffer += chunk.replace(/\r\n?/g, '\n');
    const events: ServerEvent[] = [];
    let end;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line === '' || line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
      if (data.length > 0) events.push({ event, data: data.join('\n') });
    }
    return events;
  }
}

/**
 * Follows an SSE endpoint with fetch, which (unlike EventSource) can send the Authorization header; calls
 * {@code onEvent} for each event until the stream ends, the signal aborts, or onEvent returns false.
 */
export async function followEvents(
  response: Response,
  onEvent: (event: ServerEvent) => boolean | void,
): Promise<void> {
  if (!response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = new EventStreamParser();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      for (const event of parser.push(value)) {
        if (onEvent(event) === false) return;
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}
