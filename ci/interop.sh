#!/usr/bin/env bash
# The interop run: sets up the machine, builds Callflow, then plays every built-in call flow over every
# ordered pair of the installed browsers. Reports go to target/callflow-interop/ (index.html, report.json).
# Options: ci/interop.sh --help
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/setup.sh
mvn -B -q -ntp -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/runtime-classpath.txt -Dmdep.includeScope=runtime
exec java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "target/classes:$(cat target/runtime-classpath.txt)" dev.callflow.cli.InteropCommand "$@"
