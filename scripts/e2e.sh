#!/usr/bin/env bash
# Starts the dev server (API + H5 + WeChat simulator) on a fresh data folder, runs the Playwright browser tests in
# the system's Chromium with a phone viewport, and stops the server. Screenshots land in artifacts/screenshots.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-18080}
sim_port=${2:-18081}
data=$(mktemp -d /tmp/skillcert-e2e.XXXXXX)
mkdir -p artifacts/screenshots
cargo build -q -p skillcert-tests --bin devserver
"$CARGO_TARGET_DIR/debug/devserver" --listen "127.0.0.1:$port" --sim-listen "127.0.0.1:$sim_port" \
  --data-dir "$data" --h5-dir h5/dist >"$data/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  kill -0 $pid 2>/dev/null || { cat "$data/server.log"; exit 1; }
  sleep 0.3
done
cd h5
E2E_BASE_URL="http://127.0.0.1:$port" E2E_ARTIFACTS="$(pwd)/../artifacts/screenshots" npm run test:e2e || {
  echo "== server log"; tail -50 "$data/server.log"; exit 1; }
