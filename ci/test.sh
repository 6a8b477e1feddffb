#!/usr/bin/env bash
# Sets up a fresh machine (as root) and runs Callflow's whole test suite with real browsers (JUnit 5), the
# packaged interop jar's tests (verify), then the extension's part of the suite again against JUnit 6.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/setup.sh
mvn -B -ntp verify "$@"
# JUnit 6: what covers the extension's API surface (the junit package, a first test, a @BrowserPairs class,
# the architecture rules), built against JUnit Jupiter 6 in target/junit6/ (the junit6 profile in pom.xml).
mvn -B -ntp -Pjunit6 test -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest='dev.callflow.junit.**.*Test,FirstCallTest,TwoPeerCallTest,ArchitectureTest'
# Calls were kept hermetic by network namespaces, not by the host's firewall: no rule of Callflow's is there.
if [ "$(id -u)" = 0 ]; then
  for t in iptables ip6tables; do
    if command -v $t >/dev/null && $t -S | grep -q callflow; then echo "test: $t has a rule of Callflow's:" >&2; $t -S | grep callflow >&2; exit 1; fi
  done
fi
