#!/usr/bin/env bash
# Sets up a fresh machine (as root) and runs Callflow's whole test suite with real browsers (JUnit 5), the
# packaged interop jar's tests (verify), then the extension's part of the suite again against JUnit 6, and
# last the examples/ project: a user's own app tested with Callflow taken from the local Maven repository.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/setup.sh
mvn -B -ntp install "$@"
# JUnit 6: what covers the extension's API surface (the junit package, a first test, a @BrowserPairs class,
# the architecture rules), built against JUnit Jupiter 6 in target/junit6/ (the junit6 profile in pom.xml).
# Nested classes are left out ('!**/*$*'): a pattern like *Test also names the classes the tests run nested
# (CallflowExtensionTest$PeersPerTest), which run with the suite in parallel would meet their own test's run.
mvn -B -ntp -Pjunit6 test -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest='dev.callflow.junit.**.*Test,FirstCallTest,TwoPeerCallTest,ArchitectureTest,!**/*$*'
# A user's project: its own pom and pages, Callflow from the repository (installed above), nothing else.
mvn -B -ntp -f examples/pom.xml verify
grep -q 'testcase name="twoPeopleMeetAndHangUp\[chrome→firefox\]"' examples/target/surefire-reports/TEST-com.example.meeting.MeetingTest.xml \
  || { echo "test: the examples' Surefire report does not name the browsers of twoPeopleMeetAndHangUp" >&2; exit 1; }
# Calls were kept hermetic by network namespaces, not by the host's firewall: no rule of Callflow's is there.
if [ "$(id -u)" = 0 ]; then
  for t in iptables ip6tables; do
    if command -v $t >/dev/null && $t -S | grep -q callflow; then echo "test: $t has a rule of Callflow's:" >&2; $t -S | grep callflow >&2; exit 1; fi
  done
fi
