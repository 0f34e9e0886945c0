#!/usr/bin/env bash
# Browser test of the Reparse web console (served by the control plane at /), plus unit tests of its pure modules.
#
#   e2e/console/run.sh
#       runs the unit tests (test/unit), then starts `./reparse up` on a temporary data dir and free ports and
#       drives the console in Debian's Chromium (/usr/bin/chromium, or $CHROMIUM) with playwright-core:
#       sign up -> log out -> log in -> create app -> Ready -> keys, server URL -> settings -> rotation -> usage chart
#       -> Cloud Code -> logs -> delete;
#   CONSOLE_URL=http://127.0.0.1:4040 e2e/console/run.sh
#       drives an already running control plane instead.
#
# Screenshots land in e2e/console/.out/ (gitignored), the launcher's log in e2e/console/.out/up.log.
# Without Chromium, or without an `up` command in ./reparse, the browser part prints a SKIPPED line and exits 0
# (with CI=true a missing Chromium fails the run instead).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$HERE/.out"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
READY_TIMEOUT_S="${READY_TIMEOUT_S:-300}"
STOP_TIMEOUT_S="${STOP_TIMEOUT_S:-60}"

say() { echo "e2e/console: $*"; }

cd "$HERE"
rm -rf "$OUT"
mkdir -p "$OUT"
if [ ! -d node_modules/playwright-core ]; then
  say "installing playwright-core (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

say "unit tests of the console's modules"
node --test --test-reporter=spec test/unit/

if [ ! -x "$CHROMIUM" ]; then
  if [ "${CI:-}" = true ]; then
    say "FAILED: no Chromium at $CHROMIUM, and CI must run the browser test (apt-get install -y chromium)"
    exit 1
  fi
  say "SKIPPED the browser test: no Chromium at $CHROMIUM (install Debian's: apt-get install -y chromium)"
  exit 0
fi

free_port() {
  node -e "const s = require('net').createServer(); s.listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); });"
}

UP_PID=""
DATA_DIR=""
stop_platform() {
  [ -n "$UP_PID" ] || return 0
  # SIGTERM, not SIGINT: a background job of a script ignores SIGINT, so the launcher's trap would never run.
  # The launcher's trap stops the control plane, which stops its children (runtimes, router, stores).
  kill -TERM "$UP_PID" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT_S))
  while kill -0 "$UP_PID" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
  if kill -0 "$UP_PID" 2>/dev/null; then
    say "./reparse up still running ${STOP_TIMEOUT_S}s after SIGTERM; killing its process group"
    kill -KILL -- "-$UP_PID" 2>/dev/null || true
    # the control plane runs in its own session: what it started names the data dir on its command line
    [ -n "$DATA_DIR" ] && pkill -KILL -f -- "$DATA_DIR" 2>/dev/null || true
  fi
  wait "$UP_PID" 2>/dev/null || true
  UP_PID=""
}
cleanup() {
  stop_platform
  if [ -n "$DATA_DIR" ]; then
    rm -rf "$DATA_DIR"
  fi
}
trap cleanup EXIT

start_platform() {
  if ! grep -qE '^\s+up\)' "$ROOT/reparse"; then
    say "SKIPPED the browser test: this build's ./reparse has no 'up' command (set CONSOLE_URL to test a running control plane)"
    exit 0
  fi
  DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/reparse-e2e-console.XXXXXX")"
  # --port is the control plane's (console + API, 4040 by default), --api-port the router's (1337)
  local console_port router_port
  console_port="$(free_port)"
  router_port="$(free_port)"
  while [ "$router_port" = "$console_port" ]; do router_port="$(free_port)"; done
  CONSOLE_URL="http://127.0.0.1:$console_port"
  say "starting ./reparse up --data-dir $DATA_DIR --port $console_port --api-port $router_port (log: .out/up.log)"
  setsid "$ROOT/reparse" up --data-dir "$DATA_DIR" --port "$console_port" --api-port "$router_port" >"$OUT/up.log" 2>&1 &
  UP_PID=$!
  local started=$SECONDS deadline=$((SECONDS + READY_TIMEOUT_S)) page="" api=""
  until [ "$page" = 200 ] && [ "$api" = 401 ]; do
    if ! kill -0 "$UP_PID" 2>/dev/null; then
      say "./reparse up exited before it was ready; its log:"
      tail -n 60 "$OUT/up.log" >&2
      exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      say "not ready after ${READY_TIMEOUT_S}s (GET /: $page, GET /api/v1/account: $api); its log:"
      tail -n 60 "$OUT/up.log" >&2
      exit 1
    fi
    sleep 0.5
    page="$(curl -s -o /dev/null -w '%{http_code}' "$CONSOLE_URL/" 2>/dev/null || true)"
    api="$(curl -s -o /dev/null -w '%{http_code}' "$CONSOLE_URL/api/v1/account" 2>/dev/null || true)"
  done
  say "platform ready after $((SECONDS - started))s"
}

if [ -n "${CONSOLE_URL:-}" ]; then
  CONSOLE_URL="${CONSOLE_URL%/}"
  say "using the running control plane at $CONSOLE_URL"
else
  start_platform
fi

export CONSOLE_URL CHROMIUM
export E2E_OUT_DIR="$OUT"
say "running the browser test against $CONSOLE_URL"
node --test --test-reporter=spec --test-timeout=600000 test/console.test.mjs
