import { describe, expect, it } from 'vitest';
import { EventStreamParser } from './eventStream';

describe('EventStreamParser', () => {
  it('splits named events, joins data lines and skips heartbeats', () => {
    const parser = new EventStreamParser();
    expect(parser.push(':heartbeat\n\nevent: update\ndata: {"status":')).toEqual([]);
    expect(parser.push('"RUNNING"}\n\nevent:done\ndata:{"message":"job completed"}\n\n')).toEqual([
      { event: 'update', data: '{"status":"RUNNING"}' },
      { event: 'done', data: '{"message":"job completed"}' },
    ]);
  });

  it('reads CRLF streams, unnamed events and multi-line data', () => {
    const parser = new EventStreamParser();
    expect(parser.push('data: a\r\ndata: b\r\n\r\n')).toEqual([{ event: 'message', data: 'a\nb' }]);
  });

  it('keeps an unfinished event until its blank line arrives', () => {
    const parser = new EventStreamParser();
    expect(parser.push('event: done\ndata: x\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ event: 'done', data: 'x' }]);
  });
});
