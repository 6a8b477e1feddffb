#!/usr/bin/env bash
# The interop run: checks the arguments, sets up the machine, builds the interop jar when it is missing or
# older than the sources, then plays every built-in call flow over every ordered pair of the installed
# browsers. Reports go to target/callflow-interop/ (index.html, report.json). Options: ci/interop.sh --help
#
# --help and arguments that cannot be right are answered here at once, before any set-up or build, in the
# words of dev.callflow.cli.InteropCommand (InteropScriptTest keeps the two the same); the command then checks
# what needs the disk and the browsers (--out, --baseline, installed browsers).
set -euo pipefail
cd "$(dirname "$0")/.."

SCENARIOS=(audio-video data-channel add-video ice-restart receive-only codec-preference hangup-recall glare simulcast encoding-params dtmf screen-share codecs)
CODECS=(VP8 VP9 H264 H265 AV1)
NETWORKS=(one-link cone-nat symmetric-nat tcp-443-firewall)

usage() {
  local IFS=,
  local scenarios="${SCENARIOS[*]}" codecs="${CODECS[*]}" networks="${NETWORKS[*]}"
  cat <<USAGE
Usage: ci/interop.sh [options]
  --browsers chrome,firefox   browsers to pair (default: every installed one)
  --pairs chrome-firefox,...  exact caller-callee pairs (instead of --browsers)
  --scenarios a,b             scenarios to run (default: all but codecs): ${scenarios//,/, }
  --codecs                    also play the codec matrix (scenario codecs): each codec both browsers
                              offer, forced in turn; what was negotiated and what arrived
  --prefer-codec VP9          the video codec the codec-preference scenario prefers: ${codecs//,/, } (default VP9)
  --out DIR                   report folder (default target/callflow-interop)
  --baseline DIR              compare negotiation with a previous run's DIR (e.g. its <out>/baseline)
  --network NAME              place each pair's browsers in a network of namespaces: ${networks//,/, }
                              (default: both on loopback); the report gives each cell's candidate pair
  --headed                    show the browsers (needs a display)
USAGE
}

# reject <option> <value or empty for none> <problem>: the command's one line and status 2.
reject() {
  local shown=""
  if [ $# -eq 3 ]; then
    shown=" $2"
    [ -n "$2" ] && [ "$2" = "$(strip "$2")" ] || shown=" '$2'"
  fi
  echo "interop: $1$shown: ${*: -1} (see ci/interop.sh --help)"
  exit 2
}
strip() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; echo "${s%"${s##*[![:space:]]}"}"; }
# split <separator> <text>: PARTS, empty parts kept (as Java's split(sep, -1)).
split() {
  local s=$2
  PARTS=()
  while [[ $s == *"$1"* ]]; do PARTS+=("${s%%"$1"*}"); s=${s#*"$1"}; done
  PARTS+=("$s")
}
browser() { # browser <option> <list> <name>
  case "$(strip "$3")" in
    [Cc][Hh][Rr][Oo][Mm][Ee] | [Cc][Hh][Rr][Oo][Mm][Ii][Uu][Mm] | [Ff][Ii][Rr][Ee][Ff][Oo][Xx]) ;;
    *) reject "$1" "$2" "unknown browser '$3' (chrome or firefox)" ;;
  esac
}

for arg in "$@"; do
  if [ "$arg" = --help ] || [ "$arg" = -h ]; then usage; exit 0; fi
done
declare -A seen=()
browsers="" pairs="" scenarios="" scenarios_given=false
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  option=${args[i]}
  if [[ $option == --* ]]; then
    [ -z "${seen[$option]:-}" ] || reject "$option" "given twice"
    seen[$option]=1
  fi
  case "$option" in
    --browsers | --pairs | --scenarios | --prefer-codec | --out | --baseline | --network)
      i=$((i + 1))
      [ "$i" -lt ${#args[@]} ] && [[ ${args[i]} != --* ]] || reject "$option" "needs a value"
      value=${args[i]}
      case "$option" in
        --browsers)
          browsers=$value
          split , "$value"
          for name in "${PARTS[@]}"; do browser --browsers "$value" "$name"; done ;;
        --pairs)
          pairs=$value
          split , "$value"
          for pair in "${PARTS[@]}"; do
            split - "$pair"
            [ ${#PARTS[@]} -eq 2 ] || reject --pairs "$value" "'$pair' is not a pair caller-callee, e.g. chrome-firefox"
            ends=("${PARTS[@]}")
            for name in "${ends[@]}"; do browser --pairs "$value" "$name"; done
          done ;;
        --scenarios) scenarios=$value scenarios_given=true ;;
        --prefer-codec)
          known=false
          for c in "${CODECS[@]}"; do [ "${c,,}" = "$(strip "${value,,}")" ] && known=true; done
          $known || { IFS=,; list="${CODECS[*]}"; unset IFS; reject --prefer-codec "$value" "unknown video codec (${list//,/, })"; } ;;
        --out | --baseline)
          [ -n "$(strip "$value")" ] || reject "$option" "$value" "empty path" ;;
        --network)
          known=false
          for n in "${NETWORKS[@]}"; do [ "$n" = "$(strip "${value,,}")" ] && known=true; done
          $known || { IFS=,; list="${NETWORKS[*]}"; unset IFS; reject --network "$value" "unknown network (${list//,/, })"; } ;;
      esac ;;
    --headed | --codecs) ;;
    -*) reject "$option" "unknown option" ;;
    *) reject "$option" "unexpected argument" ;;
  esac
done
[ -z "$browsers" ] || [ -z "$pairs" ] || reject --pairs "cannot be combined with --browsers (--pairs names every browser itself)"
if $scenarios_given; then
  split , "$scenarios"
  unknown=()
  for wanted in "${PARTS[@]}"; do
    known=false
    for s in "${SCENARIOS[@]}"; do [ "$s" = "$(strip "$wanted")" ] && known=true; done
    $known || unknown+=("$wanted")
  done
  if [ ${#unknown[@]} -gt 0 ]; then
    IFS=,; u="${unknown[*]}" k="${SCENARIOS[*]}"; unset IFS
    reject --scenarios "$scenarios" "unknown scenario(s) [${u//,/, }]; known: ${k//,/, }"
  fi
fi

bash ci/setup.sh
version=$(sed -n 's|^  <version>\(.*\)</version>$|\1|p' pom.xml | head -1)
jar=target/callflow-$version-interop.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml src/main test-pages -newer "$jar" -print -quit)" ]; then
  echo "interop: building $jar"
  mvn -B -q -ntp -DskipTests package
fi
exec java -jar "$jar" "$@"
