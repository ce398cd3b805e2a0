#!/usr/bin/env bash
# Community benchmark (issue 7): p50/p99 of the first page of community posts (newest, most liked, full-text
# search) over 10,000 posts on the prod profile, with wrk on loopback. Needs the machine's PostgreSQL
# (localhost:5432/test) and Redis, and wrk. Not part of the test run.
# Usage: [POSTS=10000] [CONNECTIONS=50] [DURATION=15s] server/src/test/resources/community-bench.sh
set -euo pipefail
cd "$(dirname "$0")/../../../.."
. bin/lib/java-env.sh
flock /tmp/stocklab-mvn.lock ./mvnw -B -o -q -pl server test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
exec java -Xmx2g -Dposts="${POSTS:-10000}" -Dconnections="${CONNECTIONS:-50}" -Dduration="${DURATION:-15s}" \
    -cp "server/target/test-classes:server/target/classes:$(cat server/target/bench.cp)" \
    io.stocklab.server.community.CommunityBenchmark
