#!/usr/bin/env bash
# Prints connect-time figures (cold and warm per browser pair, a warm call's breakdown, event delay, a plain
# Selenium call as the yardstick, a warm call through a local Selenium Grid, memory per peer, the largest mesh,
# Suite20 one at a time and in parallel) and writes target/callflow-bench/bench.json.
# Usage: ci/bench.sh [runs, default 5]
# ci/bench.sh scale [runs, default 3]: memory per peer and the largest mesh call only, printed.
# ci/bench.sh soak [minutes, default 10]: memory over a long call with a busy data channel.
# ci/bench.sh calls [N, default 8]: N calls at once on one server, no cross-talk.
# ci/bench.sh warm CALLER CALLEE RUNS [trace]: warm calls of one pair only, with each side's event delay (and every
# event of the last call): quick, to compare two builds run in turn.
# ci/bench.sh bidi BROWSER EVENTS [BURST [PADDING]]: where a probe event's delay goes (page clock to Selenium's read, to the listener) and
# the page clock's offset from Java's.
# ci/bench.sh suite20 [runs, default 3] [key=value...]: 20 short call-flow tests' wall time, one at a time and in
# parallel (JUnit's parallel execution; key=value are configuration parameters of the parallel runs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/setup.sh >/dev/null
mvn -B -q -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
main=dev.callflow.bench.ConnectBenchmark
case "${1:-}" in
  soak) main=dev.callflow.bench.SoakRun; shift ;;
  calls) main=dev.callflow.bench.ConcurrentCalls; shift ;;
  scale) main=dev.callflow.bench.ScaleBenchmark; shift ;;
  suite20) main=dev.callflow.bench.Suite20Run; shift ;;
  warm) main=dev.callflow.bench.WarmCallRun; shift ;;
  bidi) main=dev.callflow.bench.BiDiDelayRun; shift ;;
esac
# In a network namespace of its own with loopback alone: the plain Selenium yardstick's Chrome runs outside
# Callflow's hermetic namespace, and must not reach the machine's other addresses either.
if [ "$(id -u)" = 0 ]; then net=(unshare --net); else net=(unshare --user --map-root-user --net); fi
exec "${net[@]}" sh -c 'ip link set lo up && exec "$@"' bench java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" "$main" "$@"
