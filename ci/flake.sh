#!/usr/bin/env bash
# The flake budget: plays the core call matrix (4 browser pairs x audio+video, data channel,
# renegotiation, ICE restart, receive-only) N times and prints per-case pass counts and the slowest times.
# Usage: ci/flake.sh [N, default 10] [--load]   (--load keeps both cores busy with a second process meanwhile)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=10 load=false
for arg in "$@"; do
  case "$arg" in
    --load) load=true ;;
    ''|*[!0-9]*) echo "usage: ci/flake.sh [N] [--load]" >&2; exit 2 ;;
    *) runs=$arg ;;
  esac
done
bash ci/setup.sh >/dev/null
mvn -B -q -ntp test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
if $load; then
  # One busy loop per core, at normal priority, ended with this script whatever happens.
  for _ in $(seq "$(nproc)"); do sh -c 'while :; do :; done' & done
  trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
fi
java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" dev.callflow.bench.FlakeRun "$runs"
