#!/usr/bin/env bash
# Keeps browser calls on this machine on loopback addresses. Run as root (ci/setup.sh does).
#
# Callflow only lets loopback candidates leave a page, but Chromium still pairs its sockets on the
# machine's other addresses with the peer's loopback candidates and sends ICE checks from them
# (seen: a selected pair fd00::2 <-> ::1, and replies sent back to 192.0.2.2). These rules drop,
# on arrival, any packet on the loopback interface from a non-loopback source, so such checks are
# lost like on a real network and only loopback pairs connect; and they never let a packet leave
# for a non-loopback destination over loopback. Dropping on arrival rather than on sending matters:
# a send that fails with EPERM made Chromium's ICE restarts towards Firefox stall. Idempotent.
set -euo pipefail

command -v iptables >/dev/null 2>&1 || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends iptables; }

rule() { # rule <iptables|ip6tables> <chain> <args...>: insert unless present
  local tool=$1 chain=$2; shift 2
  "$tool" -C "$chain" "$@" 2>/dev/null || "$tool" -I "$chain" "$@"
}
# An earlier version dropped on sending; take that rule away where it is still in place.
iptables -D OUTPUT -o lo ! -s 127.0.0.0/8 -j DROP -m comment --comment callflow-hermetic 2>/dev/null || true
ip6tables -D OUTPUT -o lo ! -s ::1/128 -j DROP -m comment --comment callflow-hermetic 2>/dev/null || true
rule iptables INPUT -i lo ! -s 127.0.0.0/8 -j DROP -m comment --comment callflow-hermetic
rule iptables OUTPUT -o lo ! -d 127.0.0.0/8 -j DROP -m comment --comment callflow-hermetic
rule ip6tables INPUT -i lo ! -s ::1/128 -j DROP -m comment --comment callflow-hermetic
rule ip6tables OUTPUT -o lo ! -d ::1/128 -j DROP -m comment --comment callflow-hermetic
echo "setup: loopback-only rules in place ($(iptables -S | grep -c callflow-hermetic) IPv4, $(ip6tables -S | grep -c callflow-hermetic) IPv6)"
