#!/usr/bin/env bash
# Market-data benchmark (issue 4): import rows/s into PostgreSQL, panel build time, snapshot map-in time and wrk
# p50/p99 of the quote and history endpoints. Needs the machine's PostgreSQL (localhost:5432/test) and Redis,
# and wrk (apt-get install wrk). Not part of the test run. Usage: server/src/test/resources/marketdata-bench.sh
set -euo pipefail
cd "$(dirname "$0")/../../../.."
. bin/lib/java-env.sh
flock /tmp/stocklab-mvn.lock ./mvnw -B -o -q -pl server test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
exec java -Xmx6g -Dstocks="${STOCKS:-2500}" -Dyears="${YEARS:-10}" \
    -cp "server/target/test-classes:server/target/classes:$(cat server/target/bench.cp)" \
    io.stocklab.server.marketdata.MarketDataBenchmark
