#!/usr/bin/env bash
# Keeps browser calls on this machine on loopback addresses. Run as root (ci/setup.sh does).
#
# Callflow only lets loopback candidates leave a page, but Chromium still pairs its sockets on the
# machine's other addresses with the peer's loopback candidates and sends ICE checks from them
# (seen: a selected pair fd00::2 <-> ::1). These rules drop any packet on the loopback interface
# whose source or destination is not a loopback address, so such checks fail at once and only
# loopback pairs connect. Idempotent.
set -euo pipefail

command -v iptables >/dev/null 2>&1 || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends iptables; }

rule() { # rule <iptables|ip6tables> <args...>: insert unless present
  local tool=$1; shift
  "$tool" -C OUTPUT "$@" 2>/dev/null || "$tool" -I OUTPUT "$@"
}
rule iptables -o lo ! -s 127.0.0.0/8 -j DROP -m comment --comment callflow-hermetic
rule iptables -o lo ! -d 127.0.0.0/8 -j DROP -m comment --comment callflow-hermetic
rule ip6tables -o lo ! -s ::1/128 -j DROP -m comment --comment callflow-hermetic
rule ip6tables -o lo ! -d ::1/128 -j DROP -m comment --comment callflow-hermetic
echo "setup: loopback-only rules in place ($(iptables -S OUTPUT | grep -c callflow-hermetic) IPv4, $(ip6tables -S OUTPUT | grep -c callflow-hermetic) IPv6)"
