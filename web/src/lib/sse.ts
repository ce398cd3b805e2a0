// Server-sent events over fetch (EventSource cannot send the bearer token).
import { abs, authFetch, ApiError } from '../api/client';

export interface SseEvent { event: string; data: string; id?: string }

/** Parses a text/event-stream body, calling onEvent for each complete event. */
export function parseSseChunk(buffer: string, onEvent: (e: SseEvent) => void): string {
  const blocks = buffer.split(/\r?\n\r?\n/);
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let event = 'message';
    let id: string | undefined;
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (!line || line.startsWith(':')) continue;
      const i = line.indexOf(':');
      const field = i < 0 ? line : line.slice(0, i);
      const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') id = value;
    }
    if (data.length) onEvent({ event, data: data.join('\n'), id });
  }
  return rest;
}

/** Reads one SSE connection to its end (resolves) or failure (rejects). */
export async function readSse(url: string, onEvent: (e: SseEvent) => void, signal: AbortSignal): Promise<void> {
  const res = await authFetch(new Request(abs(url), { headers: { Accept: 'text/event-stream' }, signal }));
  if (!res.ok || !res.body) throw new ApiError(res.status, { status: res.status, title: res.statusText });
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer = parseSseChunk(buffer + decoder.decode(value, { stream: true }), onEvent);
  }
  if (buffer.trim()) parseSseChunk(buffer + '\n\n', onEvent);
}
