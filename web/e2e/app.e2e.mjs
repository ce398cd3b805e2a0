// End-to-end test of the StockLab UI in a real headless browser: Debian's chromium driven by playwright-core
// (no browser download). Runs against a running server:
//
//   node e2e/app.e2e.mjs --base http://127.0.0.1:8080 [--result target/e2e-result.json] [--only flow|perf]
//
// The flow: sign up → build a strategy → run it → progress reaches 100 % → result page with its charts → a
// second run → compare the two → market, sweeps, account → log out. Every main page is saved as a screenshot
// under e2e/screenshots/. Any console error, page error, failed request or HTTP error answer fails the test,
// except 404s of API endpoints that the server's OpenAPI document does not list (reported as not covered).
// Then the performance benchmark: first-load JS of the dashboard, and the result page with a 10-year daily equity
// curve and 5,000 trades (served by request interception, so the figures do not depend on the server's data).
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : 'true']] : acc), []));
const BASE = (args.base ?? process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
const RESULT = args.result ? resolve(args.result) : null;
const ONLY = args.only ?? 'all';
const SHOTS = resolve(here, 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
mkdirSync(SHOTS, { recursive: true });

const results = { base: BASE, steps: [], failures: [], notCovered: [], perf: {}, screenshots: [] };
const log = (...m) => console.log('[e2e]', ...m);

let activePage = null; // the page a failing step is screenshotted from

async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.steps.push({ name, ok: true, ms: Date.now() - t0 });
    log(`✓ ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.steps.push({ name, ok: false, ms: Date.now() - t0, error: String(e?.message ?? e) });
    results.failures.push(`${name}: ${String(e?.message ?? e).split('\n')[0]}`);
    log(`✗ ${name}: ${e?.stack ?? e}`);
    if (activePage) await activePage.screenshot({ path: resolve(SHOTS, 'failure.png'), fullPage: true }).catch(() => {});
    throw e;
  }
}

function launch() {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run web/e2e/install-browser.sh`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** Which API paths the server documents (anything else that 404s is reported as not covered, not failed). */
async function documentedPaths() {
  try {
    const res = await fetch(`${BASE}/v3/api-docs`);
    const doc = await res.json();
    return Object.keys(doc.paths ?? {}).map((p) => new RegExp('^' + p.replace(/\{[^}]+\}/g, '[^/]+') + '$'));
  } catch {
    return [];
  }
}

/** Fails the test on console errors, page errors, failed requests and HTTP error answers. */
function watch(page, documented, problems) {
  const undocumented404 = (url, status) => {
    const u = new URL(url);
    if (status !== 404 || !u.pathname.startsWith('/api/')) return false;
    if (documented.some((re) => re.test(u.pathname))) return false;
    const p = u.pathname.replace(/\/[0-9a-f-]{36}(?=\/|$)/g, '/{id}').replace(/\/market\/assets\/[^/]+/, '/market/assets/{code}');
    if (!results.notCovered.includes(p)) results.notCovered.push(p);
    return true;
  };
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const loc = msg.location()?.url ?? '';
    if (/Failed to load resource/.test(msg.text()) && loc && undocumented404(loc, 404)) return;
    if (/Failed to load resource/.test(msg.text()) && problems.allowedStatus?.has(loc)) return;
    problems.push(`console error: ${msg.text()} ${loc}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (req) => {
    const err = req.failure()?.errorText ?? '';
    if (err.includes('ERR_ABORTED')) return; // our own cancellations (leaving a page, a superseded validation)
    problems.push(`request failed: ${req.method()} ${req.url()} ${err}`);
  });
  page.on('response', (res) => {
    if (res.status() < 400) return;
    if (undocumented404(res.url(), res.status())) return;
    if (problems.allowedStatus?.has(res.url())) return;
    problems.push(`HTTP ${res.status()}: ${res.request().method()} ${res.url()}`);
  });
}

/**
 * Waits until no request but the live notification stream has been in flight for 500 ms (networkidle never comes
 * while the header's SSE stream is open). Call track(page) once per page first.
 */
const inflight = new WeakMap();
function track(page) {
  const open = new Set();
  inflight.set(page, { open, last: Date.now() });
  const live = (req) => !/\/api\/v1\/(notifications|backtests\/[^/]+|sweeps\/[^/]+)\/(stream|events)/.test(req.url());
  page.on('request', (req) => { if (live(req)) { open.add(req); inflight.get(page).last = Date.now(); } });
  const done = (req) => { if (open.delete(req)) inflight.get(page).last = Date.now(); };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
}
async function settle(page, timeout = 30_000) {
  const state = inflight.get(page);
  if (!state) return page.waitForLoadState('networkidle');
  await page.waitForLoadState('load');
  const t0 = Date.now();
  while (Date.now() - t0 < timeout) {
    if (state.open.size === 0 && Date.now() - state.last >= 500) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`requests still in flight after ${timeout} ms: ${[...state.open].map((r) => r.url()).join(', ')}`);
}

async function shot(page, name, fullPage = true) {
  const file = resolve(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  results.screenshots.push(file);
}

function check(problems) {
  if (problems.length) throw new Error(`${problems.length} browser problem(s):\n  ` + problems.join('\n  '));
}

// ---- the user flow against the real server ------------------------------------------------------------------

async function flow(browser) {
  const documented = await documentedPaths();
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  track(page);
  activePage = page;
  const problems = [];
  watch(page, documented, problems);
  const stamp = Date.now().toString(36);
  const email = `e2e-${stamp}@example.com`;
  const password = 'correct-horse-battery-9';
  const ids = [];

  await step('open the app: / redirects to the login page', async () => {
    await page.goto(`${BASE}/`);
    await page.waitForURL('**/login');
    await page.getByRole('heading', { name: 'Welcome back' }).waitFor();
    await shot(page, '01-login');
  });

  await step('sign up (client validation first, then the account)', async () => {
    await page.getByRole('link', { name: 'Sign up' }).first().click();
    await page.waitForURL('**/signup');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Nickname').fill(`e2e_${stamp}`);
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByLabel('Confirm password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('At least 10 characters').waitFor();
    await shot(page, '02-signup-errors');
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByLabel('Confirm password').fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/dashboard');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.locator('.template').first().waitFor({ timeout: 60_000 });
    await settle(page);
    await shot(page, '03-dashboard');
  });

  await step('first-load JS of the dashboard (fresh load, no cache)', async () => {
    const js = new Map();
    const onResponse = async (res) => {
      if (res.request().resourceType() === 'script' || res.url().endsWith('.js')) {
        try { js.set(res.url(), await res.body()); } catch { /* redirected or gone */ }
      }
    };
    page.on('response', onResponse);
    await context.clearCookies();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.reload();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await settle(page);
    page.off('response', onResponse);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    let raw = 0;
    let gz = 0;
    const files = [];
    for (const [url, body] of js) {
      raw += body.length;
      const g = gzipSync(body, { level: 9 }).length;
      gz += g;
      files.push({ file: new URL(url).pathname, bytes: body.length, gzip: g });
    }
    results.perf.dashboardFirstLoadJs = { files, totalBytes: raw, totalGzipBytes: gz };
    log(`dashboard first-load JS: ${files.length} files, ${(raw / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzipped`);
    if (gz > 500 * 1024) throw new Error(`dashboard first-load JS is ${(gz / 1024).toFixed(1)} KB gzipped (budget 500 KB)`);
  });

  const buildAndRun = async (name, maxPositions, first) => {
    if (first) {
      await page.getByRole('link', { name: 'New strategy' }).first().click();
      await page.waitForURL('**/strategies/new');
    }
    await page.getByTestId('strategy-name').fill(name);
    const buy = page.getByTestId('buy');
    await buy.locator('.segmented label', { hasText: 'Expression' }).click();
    await page.getByTestId('buy-raw').fill('close > sma(close,50)');
    if (first && documented.some((re) => re.test('/api/v1/factors'))) {
      await page.getByTestId('rank-by-0').fill('mom_12');
      await page.getByRole('option', { name: /^mom_12_1/ }).click();
    } else {
      await page.getByTestId('rank-by-0').fill('mom_12_1');
    }
    await page.getByTestId('rank').getByLabel('Order').selectOption('desc');
    await page.getByTestId('max-positions').fill(String(maxPositions));
    // public, so that its runs are ranked (the rankings step looks for it) and it can be attached to a post
    if (first) await page.getByLabel('Public (others can see results)').check();
    await page.getByTestId('validation').getByText('The spec is valid.').waitFor({ timeout: 20_000 });
    if (first) await shot(page, '04-builder');
    await page.getByTestId('save-run').click();
    await page.waitForURL(/\/backtests\/[0-9a-f-]{36}(\/run)?$/, { timeout: 30_000 });
    const id = /\/backtests\/([0-9a-f-]{36})/.exec(page.url())[1];
    ids.push(id);
    if (page.url().endsWith('/run')) {
      if (first) await shot(page, '05-run', false);
      await page.locator('[role=progressbar][aria-valuenow="100"]').waitFor({ timeout: 180_000 });
      if (first) await shot(page, '06-run-100', false);
      await page.waitForURL(new RegExp(`/backtests/${id}$`), { timeout: 30_000 });
    }
    return id;
  };

  await step('build a strategy, save it and run it; progress reaches 100 %', async () => {
    await buildAndRun(`E2E momentum ${stamp}`, 10, true);
  });

  await step('the result page shows stats, charts, heatmap and trades', async () => {
    await page.locator('.stat-card[data-stat=totalReturnPct] .stat-value').waitFor();
    for (const id of ['equity-chart', 'drawdown-chart']) {
      await page.waitForFunction((tid) => Number(document.querySelector(`[data-testid="${tid}"]`)?.getAttribute('data-points') ?? 0) > 0, id);
      await page.locator(`[data-testid="${id}"] canvas`).first().waitFor();
    }
    await page.locator('[data-testid="monthly-heatmap"] canvas').first().waitFor();
    const trades = page.getByTestId('trades-table');
    if (await trades.count()) {
      await trades.locator('tbody tr').first().waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
      const csv = readFileSync(await download.path(), 'utf8');
      if (!csv.startsWith('date,symbol,side,qty,price,commission,tax,pnl\r\n') || csv.split('\r\n').length < 3) {
        throw new Error(`unexpected CSV export: ${csv.slice(0, 120)}`);
      }
    }
    await page.getByTestId('log-toggle').check();
    await page.getByRole('columnheader', { name: /P&L/ }).first().click().catch(() => {});
    await page.waitForTimeout(300);
    await shot(page, '07-result');
  });

  await step('a second version of the strategy runs too', async () => {
    await page.getByRole('link', { name: 'Strategy', exact: true }).click();
    await page.waitForURL(/\/strategies\/[0-9a-f-]{36}$/);
    await page.getByTestId('strategy-name').waitFor();
    await page.waitForFunction(() => (document.querySelector('[data-testid="max-positions"]')?.value ?? '') === '10');
    await buildAndRun(`E2E momentum ${stamp} v2`, 5, false);
    await page.locator('.stat-card[data-stat=totalReturnPct] .stat-value').waitFor();
  });

  await step('compare the two backtests', async () => {
    await page.getByRole('link', { name: 'History', exact: true }).click();
    await page.waitForURL('**/history');
    for (const id of ids) await page.locator(`tr[data-id="${id}"] input[type=checkbox]`).check();
    await shot(page, '08-history');
    await page.getByRole('button', { name: /Compare \(2\)/ }).click();
    await page.waitForURL(/\/compare\?ids=/);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="compare-chart"]')?.getAttribute('data-points') ?? 0) > 0);
    await page.getByTestId('compare-table').locator('td.best').first().waitFor();
    await shot(page, '09-compare');
  });

  const offers = (p) => documented.some((re) => re.test(p));
  let assetUrl = null;

  await step('market: symbol search, candlesticks with volume and indicators, asset page', async () => {
    await page.getByRole('link', { name: 'Market', exact: true }).click();
    await page.waitForURL('**/market');
    await page.getByTestId('symbol-search').waitFor();
    if (!offers('/api/v1/market/symbols')) {
      await settle(page);
      await shot(page, '10-market');
      return;
    }
    await page.locator('.symbols button').first().click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="price-chart"]')?.getAttribute('data-points') ?? 0) > 0);
    await page.getByRole('button', { name: '+ rsi_14' }).click();
    await page.locator('.chip code', { hasText: 'rsi_14' }).waitFor();
    await settle(page);
    await shot(page, '10-market');
    await page.getByRole('link', { name: 'Open asset page' }).click();
    await page.waitForURL(/\/market\/[^/?]+/);
    assetUrl = page.url();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="price-chart"]')?.getAttribute('data-points') ?? 0) > 0);
    await settle(page);
    await shot(page, '10b-asset');
  });

  let sweepId = null;
  await step('sweep two parameters of the saved strategy with walk-forward: results, heatmap, windows, out-of-sample result', async () => {
    await page.getByRole('link', { name: 'Sweeps', exact: true }).click();
    await page.getByRole('heading', { name: 'Parameter sweeps' }).waitFor();
    await settle(page);
    await shot(page, '11-sweeps');
    const base = page.getByLabel('Base strategy');
    await base.locator('option', { hasText: `E2E momentum ${stamp}` }).first().waitFor({ state: 'attached' });
    const value = await base.locator('option', { hasText: `E2E momentum ${stamp}` }).first().getAttribute('value');
    await base.selectOption(value);
    await page.getByLabel('Parameter (spec path)').first().fill('/buy/maxPositions');
    await page.getByLabel('From').first().fill('5');
    await page.getByLabel('To').first().fill('10');
    await page.getByLabel('Step').first().fill('5');
    await page.getByRole('button', { name: '+ Add parameter' }).click();
    await page.getByLabel('Parameter (spec path)').nth(1).fill('/sell/stopLossPct');
    await page.getByLabel('From').nth(1).fill('10');
    await page.getByLabel('To').nth(1).fill('20');
    await page.getByLabel('Step').nth(1).fill('10');
    await page.getByText('4 variants').waitFor();
    // walk-forward over the 5-year e2e data: re-optimize on 24 months (12-1 momentum needs a year of history), test on the
    // next 12; the three out-of-sample years end with the data, so the public strategy's sweep can be on the oos board
    await page.getByLabel('Walk-forward').check();
    await page.getByLabel('In-sample months').fill('24');
    await page.getByLabel('Out-of-sample months').fill('12');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/sweeps') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Start sweep' }).click();
    // (the browser does not expose the fetch body here: the answer shows which strategy and version were swept)
    const answer = await (await created).json();
    if (answer.strategyId !== value || answer.strategyVersion !== 2) throw new Error(`the sweep was not started from the saved strategy: ${JSON.stringify(answer).slice(0, 300)}`);
    await page.waitForURL(/\/sweeps\/[0-9a-f-]{36}$/);
    sweepId = /\/sweeps\/([0-9a-f-]{36})$/.exec(page.url())[1];
    await page.locator('.badge.status-completed').waitFor({ timeout: 240_000 });
    await page.getByTestId('sweep-origin').getByRole('link', { name: `E2E momentum ${stamp} v2` }).waitFor();
    const origin = await page.getByTestId('sweep-origin').textContent();
    if (!/version 2/.test(origin ?? '')) throw new Error(`the sweep does not show the strategy version it swept: ${origin}`);
    await page.getByTestId('sweep-results').locator('tbody tr').nth(3).waitFor();
    await page.locator('[data-testid="sweep-heatmap"] canvas').first().waitFor();
    // the walk-forward windows, then the chained out-of-sample result or why there is none
    await page.getByTestId('wf-windows').locator('tbody tr').first().waitFor();
    await page.locator('[data-testid="oos-result"], [data-testid="oos-unavailable"]').first().waitFor();
    if (await page.getByTestId('oos-result').count()) {
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="oos-chart"]')?.getAttribute('data-points') ?? 0) > 0);
    } else {
      log(`sweep: no chained out-of-sample result: ${await page.getByTestId('oos-unavailable').textContent()}`);
    }
    await page.waitForTimeout(300);
    await shot(page, '11b-sweep-result');
  });

  await step('rankings page: pickers and the board, or the empty state', async () => {
    await page.getByRole('link', { name: 'Rankings', exact: true }).click();
    await page.waitForURL('**/rankings');
    await page.getByRole('heading', { name: 'Rankings' }).waitFor();
    await page.locator('[data-testid="ranking-table"], .empty').first().waitFor();
    // the public strategy's full-period run is on the board when the run covers the data's whole window
    if (await page.getByTestId('ranking-table').count()) {
      await page.getByTestId('ranking-table').locator('tr.mine').first().waitFor();
      await page.getByTestId('my-rank').getByText(/My best rank: #\d+/).waitFor();
    } else {
      log('rankings: no board (the runs were not eligible for a ranking window)');
    }
    // the sweeps' out-of-sample board: a ranked sweep entry opens the sweep result, not a backtest
    const period = page.getByTestId('ranking-period');
    if (await period.count() && (await period.locator('option').allTextContents()).includes('Out-of-sample (sweeps)')) {
      await period.selectOption('oos');
      await page.getByTestId('oos-note').waitFor();
      const mineRow = page.getByTestId('ranking-table').locator('tr.mine');
      if (await mineRow.count()) {
        const href = await mineRow.first().getByRole('link', { name: 'Sweep', exact: true }).getAttribute('href');
        if (href !== `/sweeps/${sweepId}`) throw new Error(`the oos entry links to ${href}, not to the sweep ${sweepId}`);
      } else {
        log('rankings: the sweep is not on the oos board (not eligible)');
      }
      await settle(page);
      await shot(page, '12b-rankings-oos');
      await period.selectOption('all');
    } else {
      log('rankings: no oos board');
    }
    const rebuild = page.getByTestId('rankings-rebuild');
    if (await rebuild.count()) { // admins only
      await rebuild.click();
      await page.getByText(/^Rebuilt: \d+ boards/).waitFor();
    }
    await settle(page);
    await shot(page, '12a-rankings');
  });

  let postUrl = null;
  const xss = '<script>window.__e2eXss = 1</script>';
  await step('community: a Markdown post with <script> shows it as text and runs nothing', async () => {
    await page.getByRole('link', { name: 'Community', exact: true }).click();
    await page.waitForURL('**/community');
    await page.getByTestId('new-post').click();
    await page.waitForURL('**/community/new');
    await page.getByTestId('publish').click();
    await page.locator('.field-error').first().waitFor(); // client validation: title and content required
    await page.getByLabel('Category').selectOption('FREE');
    await page.getByLabel('Title').fill(`E2E post ${stamp}`);
    const attach = page.getByLabel('Attach a public strategy (optional)');
    await attach.locator('option', { hasText: `E2E momentum ${stamp}` }).first().waitFor({ state: 'attached' });
    await attach.selectOption({ label: `E2E momentum ${stamp} v2` }).catch(async () => attach.selectOption({ index: 1 }));
    await page.getByLabel('Backtest to show (optional)').locator('option').nth(1).waitFor({ state: 'attached' });
    await page.getByLabel('Backtest to show (optional)').selectOption({ index: 1 });
    await page.getByLabel('Content (Markdown)').fill(`Hello **bold** world\n\n${xss}\n\n<img src=x onerror="window.__e2eXss = 2">`);
    await page.getByTestId('publish').click();
    await page.waitForURL(/\/community\/posts\/[0-9a-f-]{36}$/);
    postUrl = page.url();
    const body = page.getByTestId('post-body');
    await body.locator('strong', { hasText: 'bold' }).waitFor();
    await page.getByTestId('attachment-strategy').waitFor();
    const text = await body.innerText();
    if (!text.includes(xss)) throw new Error(`the <script> tag is not shown as text: ${text}`);
    const scripts = await body.locator('script, img').count();
    if (scripts) throw new Error(`the post body contains ${scripts} script/img element(s)`);
    await page.waitForTimeout(300);
    const ran = await page.evaluate(() => window.__e2eXss);
    if (ran !== undefined) throw new Error(`injected script ran (window.__e2eXss = ${ran})`);
    await shot(page, '12b-post');
  });

  await step('community: like the post and comment on it', async () => {
    const like = page.getByTestId('like');
    await like.click();
    await page.locator('[data-testid="like"][aria-pressed="true"]').waitFor();
    await page.getByTestId('like-count').filter({ hasText: /^1$/ }).waitFor();
    await page.getByLabel('Write a comment (Markdown)').fill('First comment, *mine*');
    await page.getByRole('button', { name: 'Comment', exact: true }).click();
    await page.getByTestId('comments').locator('em', { hasText: 'mine' }).waitFor();
    await page.reload();
    await page.getByTestId('comments').locator('em', { hasText: 'mine' }).waitFor();
    await page.locator('[data-testid="like"][aria-pressed="true"]').waitFor();
  });

  await step("notifications: another user's comment reaches the bell live", async () => {
    // clear the backtest notifications first so the count comes from the comment alone
    await page.getByTestId('bell').click();
    const readAll = page.locator('.bell-menu').getByRole('button', { name: 'Mark all read' });
    await page.locator('.bell-menu .bell-list, .bell-menu .muted').first().waitFor();
    if (await readAll.isEnabled()) await readAll.click();
    await page.getByTestId('bell-count').waitFor({ state: 'detached' });
    await page.getByTestId('bell').click();
    await page.goto(`${BASE}/dashboard`);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await settle(page); // the stream is open by now
    const other = { email: `e2e-other-${stamp}@example.com`, nickname: `e2e_o_${stamp}`, password };
    const call = async (method, path, body, token) => {
      const res = await fetch(`${BASE}${path}`, { method, headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) }, body: body ? JSON.stringify(body) : undefined });
      if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
      return res.status === 204 ? null : res.json();
    };
    await call('POST', '/api/v1/auth/register', other);
    const { accessToken } = await call('POST', '/api/v1/auth/login', { email: other.email, password });
    const postId = /posts\/([0-9a-f-]{36})/.exec(postUrl)[1];
    await call('POST', `/api/v1/community/posts/${postId}/comments`, { content: 'A reply from someone else' }, accessToken);
    // no reload: the count arrives over the SSE stream
    await page.getByTestId('bell-count').filter({ hasText: /^\d+$/ }).waitFor({ timeout: 20_000 });
    await page.getByTestId('bell').click();
    const item = page.locator('.bell-menu .bell-list li.unread [role=menuitem]', { hasText: 'commented on your post' }).first();
    await item.waitFor();
    await shot(page, '12c-bell', false);
    await item.click();
    await page.waitForURL(/\/community\/posts\/[0-9a-f-]{36}/);
    await page.getByText('A reply from someone else').waitFor();
    await page.goto(`${BASE}/notifications`);
    await page.getByTestId('notification-list').locator('tbody tr').first().waitFor();
    await page.getByTestId('channel-settings').waitFor();
    await settle(page);
    await shot(page, '12d-notifications');
  });

  await step('interests: star a symbol on its asset page and find it on the watchlist', async () => {
    if (!assetUrl) return;
    await page.goto(assetUrl);
    const star = page.getByTestId('watch');
    await star.waitFor();
    await page.locator('[data-testid="watch"]:not([disabled])').waitFor();
    if ((await star.getAttribute('aria-pressed')) !== 'true') await star.click();
    await page.locator('[data-testid="watch"][aria-pressed="true"]').waitFor();
    const code = decodeURIComponent(new URL(assetUrl).pathname.split('/').pop()).toUpperCase();
    await page.getByRole('link', { name: 'Watchlist', exact: true }).click();
    await page.waitForURL('**/watchlist');
    await page.getByTestId('watchlist').getByText(code, { exact: true }).waitFor();
    await page.getByTestId('recent').getByText(code, { exact: true }).waitFor();
    await settle(page);
    await shot(page, '12e-watchlist');
  });

  await step('account page renders', async () => {
    await page.getByTestId('account-link').click();
    await page.getByRole('heading', { name: 'My account' }).waitFor();
    await page.getByText(email).waitFor();
    await settle(page);
    await shot(page, '12-account');
  });

  await step('phone-sized layouts', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${BASE}/backtests/${ids[0]}`);
    await page.locator('[data-testid="equity-chart"] canvas').first().waitFor();
    await page.waitForTimeout(300);
    await shot(page, '13-phone-result');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 2) throw new Error(`the result page is ${overflow}px wider than a phone screen`);
    await page.goto(`${BASE}/dashboard`);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await settle(page);
    await shot(page, '14-phone-dashboard');
    await page.setViewportSize({ width: 1360, height: 900 });
  });

  await step('Korean UI: 억/만 amounts and Korean labels', async () => {
    await page.goto(`${BASE}/backtests/${ids[0]}`);
    await page.locator('[data-testid="equity-chart"] canvas').first().waitFor();
    await page.getByRole('button', { name: 'Language' }).click();
    await page.getByRole('heading', { name: '자산 곡선 vs 벤치마크' }).waitFor();
    await page.getByText('1억원').first().waitFor();
    await page.waitForTimeout(300);
    await shot(page, '15-result-ko');
    await page.getByRole('button', { name: '언어' }).click();
    await page.getByRole('heading', { name: 'Equity vs benchmark' }).waitFor();
  });

  await step('log out', async () => {
    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');
    await page.goto(`${BASE}/dashboard`);
    await page.waitForURL('**/login');
    await shot(page, '16-logged-out');
  });

  await step('no console error, failed request or HTTP error during the flow', async () => check(problems));
  await context.close();
}

// ---- the result page with 10 years of daily equity and 5,000 trades -----------------------------------------

function syntheticResult(days = 2520, tradeCount = 5000) {
  const equity = [];
  let e = 100_000_000;
  let b = 2000;
  let peak = e;
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const d = new Date(Date.UTC(2015, 0, 2));
  while (equity.length < days) {
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) {
      e *= 1 + (rnd() - 0.48) * 0.02;
      b *= 1 + (rnd() - 0.49) * 0.015;
      peak = Math.max(peak, e);
      equity.push({ date: d.toISOString().slice(0, 10), equity: e, cash: e * 0.05, invested: e * 0.95, drawdownPct: (1 - e / peak) * 100, benchmark: b });
    }
    d.setUTCDate(d.getUTCDate() + 1);
  }
  const trades = Array.from({ length: tradeCount }, (_, i) => ({
    seq: i + 1, date: equity[Math.floor((i / tradeCount) * days)].date, symbol: String(100000 + (i * 7919) % 2500).padStart(6, '0'),
    side: i % 2 ? 'SELL' : 'BUY', qty: 10 + (i % 90), price: 5000 + (i * 37) % 90000, commission: 150 + (i % 50), tax: i % 2 ? 900 : 0,
    pnl: i % 2 ? ((i * 7919) % 2000000) - 800000 : null, reason: i % 2 ? 'rebalance' : null, holdDays: i % 2 ? 20 + (i % 60) : null,
  }));
  return { equity, trades };
}

async function perf(browser) {
  const { equity, trades } = syntheticResult();
  const id = '00000000-0000-4000-8000-000000000001';
  const backtest = {
    id, name: 'Benchmark: 10 years, 5,000 trades', status: 'COMPLETED', mine: true, datasetId: 'krx-demo', cached: false,
    createdAt: '2026-01-01T00:00:00Z', durationMs: 1234, warnings: [], spec: { initialCapital: 100_000_000 },
    stats: { totalReturnPct: 123.4, cagrPct: 8.4, maxDrawdownPct: 31.2, sharpe: 0.71, sortino: 1.02, volatilityPct: 17.3, winRatePct: 52.1, trades: 5000, exposurePct: 95 },
  };
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-US' });
  await context.addInitScript(() => {
    localStorage.setItem('stocklab.session', JSON.stringify({ accessToken: 'perf', refreshToken: 'perf', accessExpiresAt: Date.now() + 3600_000 }));
    window.__longTasks = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__longTasks.push({ start: e.startTime, ms: e.duration }))).observe({ type: 'longtask', buffered: true });
  });
  await context.route('**/api/v1/**', (route) => {
    const u = new URL(route.request().url());
    const json = (v) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(v) });
    if (u.pathname === '/api/v1/users/me') return json({ id: 'u', email: 'perf@example.com', nickname: 'perf', role: 'USER', plan: 'FREE', createdAt: '2026-01-01T00:00:00Z' });
    if (u.pathname === '/api/v1/notifications/stream') return undefined; // an open stream that never sends: left pending
    if (u.pathname === '/api/v1/notifications/unread-count') return json({ unreadCount: 0 });
    if (u.pathname === `/api/v1/backtests/${id}`) return json(backtest);
    if (u.pathname === `/api/v1/backtests/${id}/equity`) return json(equity);
    if (u.pathname === `/api/v1/backtests/${id}/monthly`) return json([]);
    if (u.pathname === `/api/v1/backtests/${id}/trades`) {
      const p = Number(u.searchParams.get('page') ?? 0);
      const size = Number(u.searchParams.get('size') ?? 100);
      return json({ items: trades.slice(p * size, (p + 1) * size), page: p, size, totalItems: trades.length, totalPages: Math.ceil(trades.length / size) });
    }
    return json([]);
  });
  const page = await context.newPage();
  const problems = [];
  watch(page, [], problems);
  const runs = [];
  for (let i = 0; i < 3; i++) {
    await page.goto(`${BASE}/backtests/${id}`);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="equity-chart"]')?.getAttribute('data-points') ?? 0) > 2000, null, { timeout: 30_000 });
    await page.locator('[data-testid="monthly-heatmap"] canvas').first().waitFor();
    await page.getByTestId('trades-table').locator('tbody tr').nth(5).waitFor();
    const m = await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      done({
        renderedMs: performance.now(),
        domContentLoadedMs: nav ? nav.domContentLoadedEventEnd : null,
        longTasks: window.__longTasks.length,
        longestTaskMs: Math.max(0, ...window.__longTasks.map((t) => t.ms)),
        tradeRowsInDom: document.querySelectorAll('[data-testid="trades-table"] tbody tr').length,
        chartPoints: Number(document.querySelector('[data-testid="equity-chart"]')?.getAttribute('data-points')),
      });
    }))));
    // scroll the 5,000 trades top to bottom in 60 steps, one per frame; and toggle the log scale
    const scroll = await page.evaluate(() => new Promise((done) => {
      const el = document.querySelector('[data-testid="trades-table"]');
      const frames = [];
      let last = performance.now();
      let i = 0;
      const tick = (now) => {
        frames.push(now - last);
        last = now;
        el.scrollTop = (el.scrollHeight - el.clientHeight) * (i / 60);
        if (++i <= 60) requestAnimationFrame(tick);
        else done({ frames: frames.length, maxFrameMs: Math.max(...frames.slice(1)), over50ms: frames.slice(1).filter((f) => f > 50).length, p95FrameMs: frames.slice(1).sort((a, b) => a - b)[Math.floor(frames.length * 0.95) - 1] });
      };
      requestAnimationFrame(tick);
    }));
    const wheel = await page.evaluate(() => new Promise((done) => {
      const el = document.querySelector('[data-testid="trades-table"]');
      el.scrollTop = 0;
      const frames = [];
      let last = performance.now();
      let i = 0;
      const tick = (now) => {
        frames.push(now - last);
        last = now;
        el.scrollTop += 120;
        if (++i <= 120) requestAnimationFrame(tick);
        else done({ frames: frames.length, maxFrameMs: Math.max(...frames.slice(1)), over50ms: frames.slice(1).filter((f) => f > 50).length, p95FrameMs: frames.slice(1).sort((a, b) => a - b)[Math.floor(frames.length * 0.95) - 1] });
      };
      requestAnimationFrame(tick);
    }));
    const toggle = await page.evaluate(() => new Promise((done) => {
      const t0 = performance.now();
      document.querySelector('[data-testid="log-toggle"]').click();
      requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)));
    }));
    runs.push({ ...m, scroll, wheel, logToggleMs: toggle });
    if (i === 0) await shot(page, '17-perf-result');
  }
  const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  results.perf.resultPage = {
    equityPoints: equity.length, trades: trades.length, runs,
    medianRenderedMs: Math.round(median(runs.map((r) => r.renderedMs))),
    medianLongestTaskMs: Math.round(median(runs.map((r) => r.longestTaskMs))),
    medianScrollMaxFrameMs: Math.round(median(runs.map((r) => r.scroll.maxFrameMs))),
    medianScrollP95FrameMs: Math.round(median(runs.map((r) => r.scroll.p95FrameMs))),
    medianWheelMaxFrameMs: Math.round(median(runs.map((r) => r.wheel.maxFrameMs))),
    medianWheelP95FrameMs: Math.round(median(runs.map((r) => r.wheel.p95FrameMs))),
    medianLogToggleMs: Math.round(median(runs.map((r) => r.logToggleMs))),
  };
  log('result page (2,520 daily points, 5,000 trades):', JSON.stringify(results.perf.resultPage, (k, v) => (k === 'runs' ? undefined : v)));
  check(problems);
  await context.close();
}

// ---- main ---------------------------------------------------------------------------------------------------

let browser;
let exit = 0;
try {
  browser = await launch();
  results.browser = browser.version();
  if (ONLY === 'all' || ONLY === 'flow') await flow(browser);
  if (ONLY === 'all' || ONLY === 'perf') await step('performance: result page with 10 years of daily equity and 5,000 trades', () => perf(browser));
} catch (e) {
  exit = 1;
  if (!results.failures.length) results.failures.push(String(e?.message ?? e));
} finally {
  await browser?.close().catch(() => {});
}
results.passed = results.steps.filter((s) => s.ok).length;
results.failed = results.steps.filter((s) => !s.ok).length + (exit && !results.steps.some((s) => !s.ok) ? 1 : 0);
if (results.notCovered.length) log('not covered (the server does not offer these endpoints yet):', results.notCovered.join(', '));
if (RESULT) {
  mkdirSync(dirname(RESULT), { recursive: true });
  writeFileSync(RESULT, JSON.stringify(results, null, 2));
}
console.log(`e2e: ${results.passed} passed, ${results.failed} failed`);
process.exit(exit);
