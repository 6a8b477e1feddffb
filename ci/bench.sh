#!/usr/bin/env bash
# Prints connect-time figures (cold and warm, per browser pair). Usage: ci/bench.sh [runs, default 5]
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/setup.sh >/dev/null
mvn -B -q -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" dev.callflow.bench.ConnectBenchmark "$@"
