#!/usr/bin/env bash
# Load run with wrk against a running dev server: GET /healthz (baseline) and the demo candidate's authenticated
# GET /api/plans/open (warm: the first request fills the cache), N connections for S seconds each.
#
#   CARGO_TARGET_DIR=~/.cache/skillcert-bench cargo build --release -p skillcert-tests --bin devserver
#   $CARGO_TARGET_DIR/release/devserver --listen 127.0.0.1:18090 --sim-listen 127.0.0.1:18091 \
#       --data-dir /tmp/bench-data --h5-dir h5/dist &
#   scripts/bench-load.sh [base_url=http://127.0.0.1:18090] [connections=32] [seconds=5]
#
# wrk: `apt-get install -y wrk`. Threads: WRK_THREADS (default 2). wrk runs on the same machine as the server.
set -euo pipefail
BASE=${1:-http://127.0.0.1:18090}
CONN=${2:-32}
SECS=${3:-5}
THREADS=${WRK_THREADS:-2}
LOGIN=${BENCH_LOGIN:-11010519491231002X}
PASSWORD=${BENCH_PASSWORD:-Cand@2026}

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }

TOKEN=$(curl -fsS -H 'content-type: application/json' \
  -d "{\"login\":\"$LOGIN\",\"password\":\"$PASSWORD\"}" "$BASE/api/auth/login" |
  sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[ -n "$TOKEN" ] || { echo "login as $LOGIN failed" >&2; exit 1; }

LUA=$(mktemp --suffix=.lua)
trap 'rm -f "$LUA"' EXIT
cat >"$LUA" <<EOF
wrk.headers["Authorization"] = "Bearer $TOKEN"
EOF

ITEMS=$(curl -fsS -H "authorization: Bearer $TOKEN" "$BASE/api/plans/open" | grep -o '"item_id"' | wc -l)
echo "== $BASE: $ITEMS open items; $CONN connections, $THREADS threads, ${SECS}s each"

# Prints wrk's latency and throughput lines; the requests/s figure goes to the variable named by $1.
run() {
  local var=$1 name=$2 out
  shift 2
  out=$(wrk -t"$THREADS" -c"$CONN" -d"${SECS}s" --latency "$@")
  echo "-- $name"
  echo "$out" | grep -E 'Latency|50%|99%|Requests/sec|Non-2xx|Socket errors' | sed 's/^/   /'
  printf -v "$var" '%s' "$(echo "$out" | sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p')"
}
run H "GET /healthz" "$BASE/healthz"
run P "GET /api/plans/open (warm)" -s "$LUA" "$BASE/api/plans/open"
awk -v h="$H" -v p="$P" 'BEGIN { printf "healthz %.0f req/s, plans/open %.0f req/s = %.2f× healthz\n", h, p, p / h }'
