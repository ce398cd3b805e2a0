#!/usr/bin/env bash
# Market-data benchmark (issue 4): import rows/s into PostgreSQL, panel build time, snapshot map-in time and wrk
# p50/p99 of the quote and history endpoints. Needs the machine's PostgreSQL (localhost:5432/test) and Redis,
# and wrk (apt-get install wrk). Not part of the test run. Usage: server/src/test/resources/marketdata-bench.sh
#   STOCKS=2500 YEARS=10     size of the generated market (default)
#   PARTS=import,panel,http,paced  what to measure (default all; `http`/`paced` alone still store the generated set
#                            first; `paced` = the quote endpoint at fixed offered rates of 1,000-3,000 requests/s)
#   BENCH_JAVA_OPTS=...      extra JVM options (e.g. -XX:StartFlightRecording=...)
# The shared build lock (/tmp/stocklab-mvn.lock) is held for the whole run so no build competes for the CPU.
set -euo pipefail
cd "$(dirname "$0")/../../../.."
. bin/lib/java-env.sh
exec 9>/tmp/stocklab-mvn.lock
flock 9
./mvnw -B -o -q -pl server test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
java -Xmx6g ${BENCH_JAVA_OPTS:-} -Dstocks="${STOCKS:-2500}" -Dyears="${YEARS:-10}" -Dparts="${PARTS:-import,panel,http,paced}" \
    -cp "server/target/test-classes:server/target/classes:$(cat server/target/bench.cp)" \
    io.stocklab.server.marketdata.MarketDataBenchmark
