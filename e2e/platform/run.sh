#!/usr/bin/env bash
# End-to-end and isolation tests of the whole platform, as a user runs it: `./reparse up`.
#
#   e2e/platform/run.sh [node --test args...]
#
# Phase 1: `./reparse up` on a fresh temporary data dir and free ports; runs test/*.test.mjs
#          (e2e.test.mjs: account -> apps -> Ready -> SDK -> settings -> rotation -> delete;
#          isolation.test.mjs: data, keys, crash, flood; recovery.test.mjs: kill -9 of the control
#          plane, router, stores, everything, then one `./reparse up -d`), then stops the platform (SIGTERM to the
#          launcher's process group, as a process manager does) and checks that no process it
#          started is left (a platform the tests restarted detached is stopped with `./reparse down`
#          first). Not SIGINT: bash ignores it in a background job of a script, so the
#          launcher's Ctrl-C trap could not run.
# Phase 2: `./reparse up` again on the same data dir; runs test/*.after-restart.mjs (the app kept
#          by phase 1 answers with its data), stops it and checks again.
# Logs (launcher output, each runtime's log) land in e2e/platform/.work/; measured numbers are
# printed at the end. READY_TIMEOUT_S (default 300) bounds each start, build included.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="$HERE/.work"
READY_TIMEOUT_S="${READY_TIMEOUT_S:-300}"
STOP_TIMEOUT_S="${STOP_TIMEOUT_S:-60}"

say() { echo "e2e/platform: $*"; }

cd "$HERE"
rm -rf "$WORK"
mkdir -p "$WORK"
if [ ! -d node_modules/parse ] || [ ! -d node_modules/smtp-server ]; then
  npm ci --no-audit --no-fund --loglevel=error >&2
fi

free_port() {
  node -e "const s = require('net').createServer(); s.listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); });"
}

DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/reparse-e2e-platform.XXXXXX")"
ROUTER_PORT="$(free_port)"
API_PORT="$(free_port)"
while [ "$API_PORT" = "$ROUTER_PORT" ]; do API_PORT="$(free_port)"; done
UP_PID=""
UP_LOG=""
STOP_FAILED=0

# Descendants of a pid (through ppid links, so also those that started their own session).
descendants() {
  ps -eo pid=,ppid= | awk -v root="$1" '
    { parent[$1] = $2 }
    END {
      changed = 1; mark[root] = 1
      while (changed) { changed = 0; for (p in parent) if (!(p in mark) && (parent[p] in mark)) { mark[p] = 1; changed = 1 } }
      for (p in mark) if (p != root) print p
    }'
}

# Every process that belongs to this run: those naming the data dir on their command line (control
# plane, router, runtimes, PostgreSQL all do), the launcher's process group, and `extra` pids.
our_processes() {
  {
    pgrep -f -- "$DATA_DIR" 2>/dev/null || true
    if [ -n "$UP_PID" ]; then pgrep -g "$UP_PID" 2>/dev/null || true; fi
    local pid
    for pid in ${EXTRA_PIDS:-}; do kill -0 "$pid" 2>/dev/null && echo "$pid"; done
  } | sort -un | grep -vx "$$" || true
}

describe_processes() {
  local pid
  for pid in "$@"; do
    ps -o pid=,ppid=,pgid=,args= -p "$pid" 2>/dev/null | cut -c1-200 || true
  done
}

start_platform() {
  local phase="$1"
  UP_LOG="$WORK/up-$phase.log"
  say "phase $phase: ./reparse up --data-dir $DATA_DIR --port $API_PORT --api-port $ROUTER_PORT (log: .work/up-$phase.log)"
  # Its own process group (like a terminal job), so stopping it can signal the whole group.
  # --port: control plane and console; --api-port: the router (Parse API).
  # --smtp-*: every app's mail goes to the test mailbox (smtp-mailbox.mjs). The tests' REPARSE_ROUTER_URL (the /parse
  # mount) must not reach the control plane as reparse.router.url.
  setsid env -u REPARSE_ROUTER_URL -u REPARSE_API_URL -u REPARSE_DATA_DIR "$ROOT/reparse" up --data-dir "$DATA_DIR" \
    --port "$API_PORT" --api-port "$ROUTER_PORT" \
    --smtp-host 127.0.0.1 --smtp-port "$SMTP_PORT" --smtp-tls none --email-from no-reply@reparse.test \
    >"$UP_LOG" 2>&1 &
  UP_PID=$!
  if [ "$(ps -o pgid= -p "$UP_PID" | tr -d ' ')" != "$UP_PID" ]; then
    say "setsid did not make ./reparse up a process group leader; cannot stop it like Ctrl-C"
    return 1
  fi
  local started=$SECONDS deadline=$((SECONDS + READY_TIMEOUT_S)) router="" api=""
  until [ "$router" = 200 ] && [ "$api" = 401 ]; do
    if ! kill -0 "$UP_PID" 2>/dev/null; then
      say "./reparse up exited before it was ready; its log:"
      tail -n 60 "$UP_LOG" >&2
      return 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      say "not ready after ${READY_TIMEOUT_S}s (router /health: $router, GET /1/apps: $api); its log:"
      tail -n 60 "$UP_LOG" >&2
      return 1
    fi
    sleep 0.5
    router="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$ROUTER_PORT/health" 2>/dev/null || true)"
    api="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$API_PORT/1/apps" 2>/dev/null || true)"
  done
  say "phase $phase: platform ready after $((SECONDS - started))s"
  echo "phase $phase: ./reparse up ready (router /health 200, Apps API 401 without credentials) after $((SECONDS - started)) s" >>"$WORK/measured.txt"
}

# SIGTERM to the launcher's process group; then every process of this run must be gone.
stop_platform() {
  local phase="$1"
  [ -n "$UP_PID" ] || return 0
  local before
  EXTRA_PIDS="$(descendants "$UP_PID" | tr '\n' ' ')"
  before="$(our_processes | tr '\n' ' ')"
  say "phase $phase: stopping (SIGTERM to process group $UP_PID; processes of this run: ${before:-none})"
  local started=$SECONDS
  if [ -f "$WORK/detached" ]; then
    # recovery.test.mjs replaced the platform by one started with `./reparse up -d`: `./reparse down` stops that
    say "phase $phase: the tests left a detached platform; ./reparse down stops it (log: .work/down-$phase.log)"
    "$ROOT/reparse" down --data-dir "$DATA_DIR" >"$WORK/down-$phase.log" 2>&1 || STOP_FAILED=1
    rm -f "$WORK/detached"
  fi
  kill -TERM -- "-$UP_PID" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT_S))
  while kill -0 "$UP_PID" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
  local code=0
  if kill -0 "$UP_PID" 2>/dev/null; then
    say "FAIL: ./reparse up still running ${STOP_TIMEOUT_S}s after SIGTERM"
    STOP_FAILED=1
  else
    wait "$UP_PID" 2>/dev/null || code=$?
  fi
  # Children get a moment to finish after the launcher returned.
  local left=""
  for _ in $(seq 1 25); do
    left="$(our_processes)"
    [ -z "$left" ] && break
    sleep 0.2
  done
  if [ -n "$left" ]; then
    say "FAIL: processes left after stopping the platform:"
    # shellcheck disable=SC2086
    describe_processes $left >&2
    STOP_FAILED=1
    local pid
    for pid in $left; do kill -9 "$pid" 2>/dev/null || true; done
  else
    say "phase $phase: stopped after $((SECONDS - started))s (exit code $code), no process left"
  fi
  EXTRA_PIDS=""
  echo "phase $phase: stop took $((SECONDS - started)) s, launcher exit code $code, leftovers: ${left:-none}" >>"$WORK/measured.txt"
  UP_PID=""
}

collect_logs() {
  local f
  [ -f "$DATA_DIR/platform.log" ] && cp "$DATA_DIR/platform.log" "$WORK/platform.log" 2>/dev/null
  for f in "$DATA_DIR"/apps/*/runtime.log "$DATA_DIR"/*/apps/*/runtime.log; do
    [ -f "$f" ] || continue
    cp "$f" "$WORK/runtime-$(basename "$(dirname "$f")").log" 2>/dev/null || true
  done
}

cleanup() {
  stop_platform cleanup || true
  if [ -n "$SMTP_PID" ]; then kill "$SMTP_PID" 2>/dev/null || true; fi
  collect_logs
  if [ -n "${KEEP_DATA_DIR:-}" ]; then
    say "data dir kept: $DATA_DIR"
  else
    rm -rf "$DATA_DIR"
  fi
}
trap cleanup EXIT

# The platform's mail server: a mailbox that keeps each mail as a file for the tests to read.
SMTP_PID=""
node "$HERE/smtp-mailbox.mjs" "$WORK/smtp.port" "$WORK/mail" >"$WORK/smtp.log" 2>&1 &
SMTP_PID=$!
for _ in $(seq 1 100); do [ -s "$WORK/smtp.port" ] && break; sleep 0.1; done
if [ ! -s "$WORK/smtp.port" ]; then
  say "the SMTP mailbox did not start; its log:"
  cat "$WORK/smtp.log" >&2
  exit 1
fi
SMTP_PORT="$(cat "$WORK/smtp.port")"
export E2E_MAIL_DIR="$WORK/mail"
export E2E_SMTP_PORT="$SMTP_PORT"

export REPARSE_API_URL="http://127.0.0.1:$API_PORT"
export REPARSE_ROUTER_URL="http://127.0.0.1:$ROUTER_PORT/parse"
export REPARSE_DATA_DIR="$DATA_DIR"
export E2E_STATE_FILE="$WORK/state.json"
export E2E_REPORT_FILE="$WORK/measured.txt"
export E2E_WORK_DIR="$WORK"
# The control plane's job scheduler looks for due runs every 2 s instead of 15 s, so jobs.test.mjs sees each
# minute's run within seconds of the minute.
export REPARSE_JOBS_TICK="${REPARSE_JOBS_TICK:-2s}"

run_node() {
  # Files one after another: every test drives the same platform, and latency measurements must
  # not compete with another file's traffic.
  node --test --test-reporter=spec --test-concurrency=1 --test-timeout=300000 "$@"
}

status=0
if [ $# -gt 0 ]; then
  start_platform 1
  run_node "$@" || status=$?
  stop_platform 1
else
  start_platform 1
  run_node test/*.test.mjs || status=$?
  stop_platform 1
  collect_logs
  if start_platform 2; then
    run_node test/*.after-restart.mjs || status=$?
  else
    status=1
  fi
  stop_platform 2
fi
[ "$STOP_FAILED" = 0 ] || status=1

say "measured:"
sed 's/^/  /' "$WORK/measured.txt" 2>/dev/null || true
if [ "$status" = 0 ]; then say "PASS"; else say "FAIL (logs in $WORK)"; fi
exit "$status"
