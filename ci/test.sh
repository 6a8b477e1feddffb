#!/usr/bin/env bash
# Sets up a fresh machine (as root) and runs Callflow's whole test suite with real browsers.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/setup.sh
mvn -B -ntp verify "$@"
