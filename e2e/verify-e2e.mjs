// The e2e module's verify phase: fails the build when the end-to-end run recorded a failure.
import { readFileSync, existsSync } from 'node:fs';

const file = process.argv[2] ?? 'target/e2e-result.json';
if (!existsSync(file)) {
  console.error(`[e2e] ${file} is missing: the end-to-end tests did not run`);
  process.exit(1);
}
const r = JSON.parse(readFileSync(file, 'utf8'));
if (r.notCovered?.length) console.log(`[e2e] not covered (endpoints the server does not offer yet): ${r.notCovered.join(', ')}`);
if (r.failed > 0 || r.failures?.length) {
  console.error(`[e2e] FAILED:\n  ${(r.failures ?? []).join('\n  ')}`);
  process.exit(1);
}
console.log(`[e2e] ${r.passed} steps passed; screenshots in web/e2e/screenshots/`);
