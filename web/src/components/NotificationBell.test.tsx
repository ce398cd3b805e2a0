import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import { NotificationBell } from './NotificationBell';
import { ChannelSettings, toForm, validateChannels } from '../pages/NotificationsPage';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** An SSE response whose events the test pushes one by one. */
function controllableSse() {
  const enc = new TextEncoder();
  let ctrl!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start(c) { ctrl = c; } });
  return {
    response: new Response(body, { headers: { 'Content-Type': 'text/event-stream' } }),
    send: (event: string, data: unknown) => ctrl.enqueue(enc.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)),
  };
}

function renderWith(ui: React.ReactNode) {
  render(<QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}><MemoryRouter>{ui}</MemoryRouter></QueryClientProvider>);
}

describe('notification bell', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the unread count and follows the live stream', async () => {
    const stream = controllableSse();
    const NOTE = { id: 'n1', kind: 'COMMENT', title: 'New comment on your post', body: 'bob: nice', link: '/community/posts/p1#comment-c1', read: false, createdAt: '2026-12-07T04:00:00Z' };
    vi.stubGlobal('fetch', vi.fn(async (req: Request) => {
      const url = new URL(req.url).pathname;
      if (url === '/api/v1/notifications/stream') return stream.response;
      if (url === '/api/v1/notifications/unread-count') return json({ unreadCount: 1 });
      if (url === '/api/v1/notifications') return json({ items: [NOTE], unreadCount: 3 });
      return json({ status: 404 }, 404);
    }));
    renderWith(<NotificationBell />);
    expect(await screen.findByTestId('bell-count')).toHaveTextContent('1');
    stream.send('unread', { type: 'unread', unreadCount: 2 });
    expect(await screen.findByText('2')).toHaveAttribute('data-testid', 'bell-count');
    stream.send('notification', { type: 'notification', notification: NOTE, unreadCount: 3 });
    expect(await screen.findByText('3')).toHaveAttribute('data-testid', 'bell-count');
    await userEvent.click(screen.getByTestId('bell'));
    expect(await screen.findByText('New comment on your post')).toBeInTheDocument();
    stream.send('unread', { type: 'unread', unreadCount: 0 });
    await vi.waitFor(() => expect(screen.queryByTestId('bell-count')).toBeNull());
  });
});

describe('notification channel settings', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('validates the webhook URL and the Telegram chat id', () => {
    const f = toForm(undefined);
    expect(validateChannels(f)).toEqual({});
    expect(validateChannels({ ...f, webhook: { ...f.webhook, enabled: true } })).toEqual({ 'webhook.url': 'notifications.urlRequired' });
    expect(validateChannels({ ...f, webhook: { ...f.webhook, url: 'ftp://x.example' } })).toEqual({ 'webhook.url': 'notifications.urlInvalid' });
    expect(validateChannels({ ...f, webhook: { ...f.webhook, url: 'not a url' } })).toEqual({ 'webhook.url': 'notifications.urlInvalid' });
    expect(validateChannels({ ...f, telegram: { ...f.telegram, chatId: '12ab' } })).toEqual({ 'telegram.chatId': 'notifications.chatIdInvalid' });
    expect(validateChannels({ ...f, telegram: { ...f.telegram, enabled: true, chatId: '-100123' } })).toEqual({});
  });

  it('refuses to save an invalid form and shows the secret once after saving a URL', async () => {
    const puts: unknown[] = [];
    const view = { webhook: { enabled: false, url: '', kinds: [], secretSet: false }, email: { available: false, enabled: false, kinds: [] }, telegram: { available: true, enabled: false, kinds: [] } };
    vi.stubGlobal('fetch', vi.fn(async (req: Request) => {
      const url = new URL(req.url).pathname;
      if (url === '/api/v1/notifications/channels' && req.method === 'GET') return json(view);
      if (url === '/api/v1/notifications/channels' && req.method === 'PUT') {
        puts.push(await req.json());
        return json({ ...view, webhook: { enabled: true, url: 'https://hooks.example.com/x', kinds: [], secretSet: true, secret: 'whsec_once' } });
      }
      return json({ status: 404 }, 404);
    }));
    renderWith(<ChannelSettings />);
    const url = await screen.findByLabelText('Webhook URL');
    await userEvent.click(screen.getAllByLabelText('Enabled')[0]!);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('A URL is needed to enable the webhook')).toBeInTheDocument();
    expect(puts).toHaveLength(0);
    await userEvent.type(url, 'https://hooks.example.com/x');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByTestId('webhook-secret')).toHaveTextContent('whsec_once');
    expect(puts[0]).toMatchObject({ webhook: { enabled: true, url: 'https://hooks.example.com/x' } });
    expect(puts[0]).not.toHaveProperty('email');
  });
});
