import { parseSseChunk, type SseEvent } from './sse';

describe('parseSseChunk', () => {
  it('parses complete events and keeps the incomplete tail', () => {
    const got: SseEvent[] = [];
    const rest = parseSseChunk('event: progress\ndata: {"percent":10}\n\n: keep-alive\n\ndata: {"percent"', (e) => got.push(e));
    expect(got).toEqual([{ event: 'progress', data: '{"percent":10}', id: undefined }]);
    expect(rest).toBe('data: {"percent"');
    parseSseChunk(rest + ':20}\n\n', (e) => got.push(e));
    expect(got[1]).toEqual({ event: 'message', data: '{"percent":20}', id: undefined });
  });
});
