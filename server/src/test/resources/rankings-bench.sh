#!/usr/bin/env bash
# Rankings benchmark (issue 7): top-20 latency (p50/p99) and throughput on loopback against a prod-profile server
# (the machine's PostgreSQL localhost:5432/test and Redis) with one board of ENTRIES (default 10,000) strategies.
# Not part of the test run. Usage: server/src/test/resources/rankings-bench.sh
set -euo pipefail
cd "$(dirname "$0")/../../../.."
. bin/lib/java-env.sh
flock /tmp/stocklab-mvn.lock ./mvnw -B -o -q -pl server test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
exec java -Xmx2g -Dentries="${ENTRIES:-10000}" -Dclients="${CLIENTS:-16}" -Dseconds="${SECONDS_PER_RUN:-20}" \
    -cp "server/target/test-classes:server/target/classes:$(cat server/target/bench.cp)" \
    io.stocklab.server.ranking.RankingBenchmark
