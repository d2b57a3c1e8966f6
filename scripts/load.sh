#!/usr/bin/env bash
# make load: the registration-opening peak against a release build, with wrk. For each backend (SQLite +
# in-process cache; then PostgreSQL + Redis when DATABASE_URL / REDIS_URL are set) one `loadserver` process is
# seeded (20 plans × 3 items, a logged-in candidate, LOAD_ORDERS open orders with signed notifications) and each
# target runs between two GET /healthz runs of that same process; its ratio is to the mean of those two, so the
# figures hold on a busy machine. Then LOAD_LOGINS concurrent logins, with the resident memory before, after and
# at the peak. Prints one table per backend and fails when a target is under its floor.
# usage: scripts/load.sh <loadserver binary>
# env: LOAD_SECS (5) per run, LOAD_ORDERS (4000), LOAD_LOGINS (500), LOAD_LOGIN_SECS (30)
set -euo pipefail
BIN=${1:?usage: scripts/load.sh <loadserver binary>}
HERE=$(cd "$(dirname "$0")" && pwd)/load
SECS=${LOAD_SECS:-5}
ORDERS=${LOAD_ORDERS:-4000}
LOGINS=${LOAD_LOGINS:-500}
LOGIN_SECS=${LOAD_LOGIN_SECS:-30}
export WRK_THREADS=2
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
FAILED=0

# wrk output → "req/s p99_ms errors requests"
parse() {
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec:/ { rps = $2 }
    /Applied\/sec:/ { rps = $2 }
    /^ +99%/ { p99 = ms($2) }
    /Non-2xx or 3xx responses:/ { err += $5 }
    /Socket errors:/ { gsub(",", ""); err += $4 + $6 + $8 + $10 }
    /requests in/ { n = $1 }
    END { printf "%.0f %.2f %d %d\n", rps, p99, err, n }'
}

# wrk against the server: <connections> <path> [extra wrk args…] → parsed line
hit() {
  local conns=$1 path=$2
  shift 2
  wrk -t"$WRK_THREADS" -c"$conns" -d"${SECS}s" --latency "$@" "$URL$path" | parse
}

rss_mb() { awk -v k="$2:" '$1 == k { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

# <label> <floor ratio (0 = none)> <connections> <path> [extra wrk args…]: healthz, target, healthz; prints a row
measure() {
  local label=$1 floor=$2 conns=$3 path=$4
  shift 4
  local h1 t h2
  h1=$(hit 64 /healthz)
  t=$(hit "$conns" "$path" "$@")
  h2=$(hit 64 /healthz)
  read -r hr1 _ _ _ <<<"$h1"
  read -r tr tp te tn <<<"$t"
  read -r hr2 _ _ _ <<<"$h2"
  local ratio verdict=""
  ratio=$(awk -v t="$tr" -v a="$hr1" -v b="$hr2" 'BEGIN { printf "%.2f", t / ((a + b) / 2) }')
  if awk -v r="$ratio" -v f="$floor" 'BEGIN { exit !(f > 0 && r < f) }'; then
    verdict="  UNDER ${floor}×"
    FAILED=1
  elif [ "$floor" != 0 ]; then
    verdict="  ≥ ${floor}× ok"
  fi
  # Absolute floors where the issue sets them (MIN_RPS req/s, MAX_P99 ms), for this backend only.
  if [ -n "${MIN_RPS:-}" ]; then
    if awk -v t="$tr" -v m="$MIN_RPS" -v p="$tp" -v q="${MAX_P99:-1e9}" 'BEGIN { exit !(t < m || p > q) }'; then
      verdict="  UNDER ${MIN_RPS}/s or p99 over ${MAX_P99:-∞} ms"
      FAILED=1
    else
      verdict="  ≥ ${MIN_RPS}/s, p99 ≤ ${MAX_P99:-∞} ms ok"
    fi
  fi
  if [ "$te" != 0 ]; then verdict="$verdict  ($te errors)"; FAILED=1; fi
  printf "  %-34s %4s %9s %9s %7s   healthz %6s / %6s%s\n" "$label" "$conns" "$tr" "$tp" "${ratio}×" "$hr1" "$hr2" "$verdict"
}

backend() {
  local name=$1 dir
  dir=$(mktemp -d)
  mkfifo "$dir/stdin"
  "$BIN" --out "$dir" --orders "$ORDERS" <"$dir/stdin" &
  local pid=$!
  exec {keep}>"$dir/stdin"
  while [ ! -s "$dir/url" ]; do
    kill -0 "$pid" 2>/dev/null || { echo "loadserver failed" >&2; exit 1; }
    sleep 0.5
  done
  URL=$(cat "$dir/url")
  export TOKEN_FILE="$dir/token" LOGIN_JSON="$dir/login.json"
  echo
  echo "== $name — $(nproc) cores, wrk -t$WRK_THREADS, ${SECS} s per run, ratio = target / mean of the healthz runs around it"
  printf "  %-34s %4s %9s %9s %7s\n" target conns "req/s" "p99 ms" ratio
  export GZIP=1
  measure "GET /api/plans/open, gzip" 0.6 64 /api/plans/open -s "$HERE/bearer.lua"
  export GZIP=0
  measure "GET /api/plans/open, identity" 0.6 64 /api/plans/open -s "$HERE/bearer.lua"
  measure "GET /api/profile" 0.3 64 /api/profile -s "$HERE/bearer.lua"
  local min_rps=""
  [ "$name" != "${name#PostgreSQL}" ] && min_rps=2000
  MIN_RPS=$min_rps MAX_P99=50 NOTES="$dir/notes.lua" REPLAY=0 \
    measure "notify: $ORDERS new payments" 0 32 /api/pay/notify -s "$HERE/notes.lua"
  NOTES="$dir/replay.lua" REPLAY=1 measure "notify: replays" 0.15 32 /api/pay/notify -s "$HERE/notes.lua"
  local before after peak l
  before=$(rss_mb "$pid" VmRSS)
  echo 5 >"/proc/$pid/clear_refs"
  l=$(wrk -t"$WRK_THREADS" -c"$LOGINS" -d"${LOGIN_SECS}s" --timeout 60s --latency -s "$HERE/login.lua" "$URL/api/auth/login" | parse)
  read -r lr lp le ln <<<"$l"
  after=$(rss_mb "$pid" VmRSS)
  peak=$(rss_mb "$pid" VmHWM)
  local verdict="under 150 MB ok"
  if [ "$peak" -ge 150 ] || [ "$le" != 0 ]; then verdict="OVER 150 MB or errors"; FAILED=1; fi
  printf "  %-34s %4s %9s %9s   %d logins, %d errors; RSS %s MB before, %s MB after, peak %s MB: %s\n" \
    "POST /api/auth/login" "$LOGINS" "$lr" "$lp" "$ln" "$le" "$before" "$after" "$peak" "$verdict"
  exec {keep}>&-
  wait "$pid" || true
  rm -rf "$dir"
  return $FAILED
}

(
  unset DATABASE_URL REDIS_URL
  backend "SQLite + in-process cache"
) || FAILED=1
if [ -n "${DATABASE_URL:-}${REDIS_URL:-}" ]; then
  db=SQLite cache="in-process cache"
  [[ ${DATABASE_URL:-} == postgres* ]] && db=PostgreSQL
  [ -n "${REDIS_URL:-}" ] && cache=Redis
  backend "$db + $cache" || FAILED=1
else
  echo "== DATABASE_URL/REDIS_URL not set: PostgreSQL/Redis run skipped"
fi
exit $FAILED
