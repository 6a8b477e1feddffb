#!/usr/bin/env bash
# Installs what Callflow's tests need on a fresh Debian machine. Idempotent; run as root.
set -euo pipefail

GECKODRIVER_VERSION=0.37.1
export DEBIAN_FRONTEND=noninteractive

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need_apt+=(chromium-driver)
command -v firefox-esr >/dev/null 2>&1 || need_apt+=(firefox-esr)
command -v mvn >/dev/null 2>&1 || need_apt+=(maven)
command -v javac >/dev/null 2>&1 || need_apt+=(openjdk-17-jdk-headless)
# Fonts keep screenshots readable; procps gives ps/pkill for leak checks.
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || need_apt+=(fonts-dejavu-core)
command -v pkill >/dev/null 2>&1 || need_apt+=(procps)
# setsid starts each driver and Callflow's process watchdog in a session of their own.
command -v setsid >/dev/null 2>&1 || need_apt+=(util-linux)

if [ ${#need_apt[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi

if ! command -v geckodriver >/dev/null 2>&1; then
  if [ -x "$HOME/.cargo/bin/geckodriver" ]; then
    :
  else
    command -v cargo >/dev/null 2>&1 || { echo "setup: cargo is needed to build geckodriver" >&2; exit 1; }
    cargo install --locked --quiet geckodriver --version "$GECKODRIVER_VERSION"
  fi
  ln -sf "$HOME/.cargo/bin/geckodriver" /usr/local/bin/geckodriver
fi

# Keep calls on loopback on this machine (see the script for why).
bash "$(dirname "$0")/hermetic-net.sh"

echo "setup: $(chromium --version 2>/dev/null | head -1)"
echo "setup: $(chromedriver --version 2>/dev/null | head -1)"
echo "setup: $(firefox-esr --version 2>/dev/null | head -1)"
echo "setup: $(geckodriver --version 2>/dev/null | head -1)"
echo "setup: $(java -version 2>&1 | head -1); $(mvn -v 2>/dev/null | head -1)"
