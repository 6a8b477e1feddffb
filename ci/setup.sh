#!/usr/bin/env bash
# Makes sure this Debian machine has what Callflow's tests need, and installs only what is missing.
# The check is quick (well under a second) and needs no root; installing needs root, and says so.
# Idempotent. Usage: ci/setup.sh [--versions]   (--versions: also print the browser and driver versions)
set -euo pipefail

GECKODRIVER_VERSION=0.37.1
export DEBIAN_FRONTEND=noninteractive
root=false
[ "$(id -u)" = 0 ] && root=true
have() { command -v "$1" >/dev/null 2>&1; }

# What is missing: Debian packages (apt), and geckodriver (cargo).
apt=()
have chromium || apt+=(chromium)
have chromedriver || apt+=(chromium-driver)
have firefox-esr || apt+=(firefox-esr)
have mvn || apt+=(maven)
have javac || apt+=(openjdk-17-jdk-headless)
# Fonts keep screenshots readable; procps gives ps/pkill for leak checks.
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || apt+=(fonts-dejavu-core)
have pkill || apt+=(procps)
# setsid starts each driver and Callflow's process watchdog in a session of their own.
have setsid || apt+=(util-linux)
# Hermetic browsers run in a network namespace of their own (unshare, nsenter from util-linux; ip), reached
# through socat relays; coturn is for STUN/TURN.
have unshare && have nsenter || apt+=(util-linux)
have ip || apt+=(iproute2)
have socat || apt+=(socat)
have turnserver || apt+=(coturn)
# iptables: the rules inside Callflow's network namespaces (never the host's); python3 runs a link's delay queue
# (netfilter's NFQUEUE), as this kernel, like many, has no netem.
have iptables && have ip6tables || apt+=(iptables)
have python3 || apt+=(python3)
gecko=false
if ! have geckodriver; then
  gecko=true
elif $root && [ -L /usr/local/bin/geckodriver ] && [[ "$(readlink -f /usr/local/bin/geckodriver)" == "$HOME"/* ]]; then
  gecko=true # an earlier set-up linked it into root's home, where no other user may run it
fi

if [ ${#apt[@]} -gt 0 ] || $gecko; then
  missing="${apt[*]}$($gecko && echo "${apt[*]:+ }geckodriver")"
  if ! $root; then
    how=$([ ${#apt[@]} -gt 0 ] && echo "apt-get")$([ ${#apt[@]} -gt 0 ] && $gecko && echo ", ")$($gecko && echo "cargo")
    echo "setup: missing: $missing. Run ci/setup.sh as root once to install them ($how)." >&2
    exit 1
  fi
  echo "setup: installing $missing"
  if [ ${#apt[@]} -gt 0 ]; then
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${apt[@]}"
  fi
  if $gecko; then
    if [ ! -x "$HOME/.cargo/bin/geckodriver" ]; then
      have cargo || { echo "setup: cargo is needed to build geckodriver" >&2; exit 1; }
      cargo install --locked --quiet geckodriver --version "$GECKODRIVER_VERSION"
    fi
    # A copy, not a link into root's home, so that every user can run it.
    install -m 0755 "$HOME/.cargo/bin/geckodriver" /usr/local/bin/geckodriver
  fi
  set -- --versions
fi

# An earlier version kept calls on loopback with rules in the host's firewall (comment callflow-hermetic);
# network namespaces do that now, so take such rules away. Only root can see them.
if $root; then
  for t in iptables ip6tables; do
    have $t || continue
    { $t -S 2>/dev/null || true; } | sed -n '/--comment callflow-hermetic/s/^-A /-D /p' | while read -r rule; do
      eval "$t $rule" && echo "setup: removed an earlier version's firewall rule: $t $rule"
    done
  done
fi

if [ "${1:-}" = --versions ]; then
  echo "setup: $(chromium --version 2>/dev/null | head -1)"
  echo "setup: $(chromedriver --version 2>/dev/null | head -1)"
  echo "setup: $(firefox-esr --version 2>/dev/null | head -1)"
  echo "setup: $(geckodriver --version 2>/dev/null | head -1)"
  echo "setup: $(java -version 2>&1 | head -1); $(mvn -v 2>/dev/null | head -1)"
else
  echo "setup: browsers, drivers, JDK, Maven and tools in place (ci/setup.sh --versions for versions)"
fi
