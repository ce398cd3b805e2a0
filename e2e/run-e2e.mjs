// Runs the web UI's end-to-end tests (web/e2e/app.e2e.mjs) against the packaged server: starts
// server/target/stocklab-server.jar on the local profile with a temporary data directory and a free port, waits
// for it to be healthy, runs the tests, stops the server. Writes the outcome to --result (the verify phase reads
// it, so the server is always stopped before the build fails). Called by the e2e module's integration-test phase.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, createWriteStream, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const java = args.java ?? 'java';
const jar = resolve(args.jar ?? '../server/target/stocklab-server.jar');
const webDir = resolve(args.web ?? '../web');
const result = resolve(args.result ?? 'target/e2e-result.json');
const serverLog = resolve(args.log ?? 'target/e2e-server.log');
const extra = (args['server-args'] ?? process.env.E2E_SERVER_ARGS ?? '').split(/\s+/).filter(Boolean);
const startTimeoutMs = Number(args['start-timeout'] ?? 300) * 1000;
mkdirSync(dirname(result), { recursive: true });

const fail = (message) => {
  writeFileSync(result, JSON.stringify({ passed: 0, failed: 1, failures: [message], steps: [] }, null, 2));
  console.error(`[e2e] ${message}`);
  console.log('e2e: 0 passed, 1 failed');
};

const freePort = () => new Promise((ok, ko) => {
  const s = createServer();
  s.once('error', ko);
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => ok(port)); });
});

async function healthy(base) {
  try {
    const r = await fetch(`${base}/actuator/health/readiness`);
    return r.ok;
  } catch {
    return false;
  }
}

if (!existsSync(jar)) {
  fail(`${jar} is missing: package the server first`);
  process.exit(0);
}
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), 'stocklab-e2e-'));
const out = createWriteStream(serverLog);
console.log(`[e2e] starting ${jar} on ${base} (data ${dataDir})`);
const server = spawn(java, ['-Xmx2g', '-XX:TieredStopAtLevel=1', '-jar', jar,
  '--spring.profiles.active=local', `--server.port=${port}`, '--server.address=127.0.0.1', `--stocklab.data-dir=${dataDir}`,
  '--stocklab.security.bcrypt-strength=4', '--logging.level.io.stocklab.server.http=WARN', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
server.stdout.pipe(out);
server.stderr.pipe(out);
let exited = null;
server.on('exit', (code, signal) => { exited = { code, signal }; });

const stop = async () => {
  if (exited) return;
  server.kill('SIGTERM');
  for (let i = 0; i < 100 && !exited; i++) await new Promise((r) => setTimeout(r, 200));
  if (!exited) server.kill('SIGKILL');
};
process.on('SIGINT', () => { void stop().then(() => process.exit(130)); });

try {
  const t0 = Date.now();
  while (!(await healthy(base))) {
    if (exited) throw new Error(`the server exited (${JSON.stringify(exited)}) before it was healthy; see ${serverLog}`);
    if (Date.now() - t0 > startTimeoutMs) throw new Error(`the server was not healthy after ${startTimeoutMs / 1000} s; see ${serverLog}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  console.log(`[e2e] server healthy after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const code = await new Promise((ok) => {
    const test = spawn(process.execPath, [join(webDir, 'e2e/app.e2e.mjs'), '--base', base, '--result', result], { cwd: webDir, stdio: 'inherit' });
    test.on('exit', (c) => ok(c ?? 1));
  });
  if (code !== 0 && !existsSync(result)) fail(`the e2e tests exited with ${code}`);
} catch (e) {
  fail(String(e?.message ?? e));
} finally {
  await stop();
  out.end();
  rmSync(dataDir, { recursive: true, force: true });
}
