#!/usr/bin/env bash
# Keeps browser calls on this machine on loopback addresses. Run as root (ci/setup.sh does, when a rule
# is missing). ci/hermetic-net.sh --check: exit 0 when every rule is in place (and the old one gone), 1 if not.
#
# Callflow only lets loopback candidates leave a page, but Chromium still pairs its sockets on the
# machine's other addresses with the peer's loopback candidates and sends ICE checks from them
# (seen: a selected pair fd00::2 <-> ::1, and replies sent back to 192.0.2.2). These rules drop,
# on arrival, any packet on the loopback interface from a non-loopback source, so such checks are
# lost like on a real network and only loopback pairs connect; and they never let a packet leave
# for a non-loopback destination over loopback. Dropping on arrival rather than on sending matters:
# a send that fails with EPERM made Chromium's ICE restarts towards Firefox stall. Idempotent.
set -euo pipefail

# <tool> <chain> <match>: each is followed by TAIL.
RULES=(
  "iptables INPUT -i lo ! -s 127.0.0.0/8"
  "iptables OUTPUT -o lo ! -d 127.0.0.0/8"
  "ip6tables INPUT -i lo ! -s ::1/128"
  "ip6tables OUTPUT -o lo ! -d ::1/128"
)
# An earlier version dropped on sending; these are taken away where they are still in place.
OLD_RULES=(
  "iptables OUTPUT -o lo ! -s 127.0.0.0/8"
  "ip6tables OUTPUT -o lo ! -s ::1/128"
)
TAIL=(-j DROP -m comment --comment callflow-hermetic)

# on <action: -C, -I or -D> <rule>: runs the tool on the rule; its status. Only -I says why it failed.
on() {
  local -a w
  read -ra w <<<"$2"
  if [ "$1" = -I ]; then
    "${w[0]}" "$1" "${w[1]}" "${w[@]:2}" "${TAIL[@]}"
  else
    "${w[0]}" "$1" "${w[1]}" "${w[@]:2}" "${TAIL[@]}" 2>/dev/null
  fi
}

if [ "${1:-}" = --check ]; then
  command -v iptables >/dev/null 2>&1 && command -v ip6tables >/dev/null 2>&1 || exit 1
  for r in "${RULES[@]}"; do on -C "$r" || exit 1; done
  for r in "${OLD_RULES[@]}"; do ! on -C "$r" || exit 1; done
  exit 0
fi

command -v iptables >/dev/null 2>&1 || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends iptables; }

for r in "${OLD_RULES[@]}"; do on -D "$r" || true; done
for r in "${RULES[@]}"; do on -C "$r" || on -I "$r" || { echo "setup: could not add the rule: $r ${TAIL[*]}" >&2; exit 1; }; done
echo "setup: loopback-only rules in place ($(iptables -S | grep -c callflow-hermetic) IPv4, $(ip6tables -S | grep -c callflow-hermetic) IPv6)"
