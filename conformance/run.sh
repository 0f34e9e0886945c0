#!/usr/bin/env bash
# Runs the JS SDK conformance suite.
#
#   PARSE_SERVER_URL set   -> runs against that server (PARSE_APP_ID, PARSE_MASTER_KEY,
#                             PARSE_JS_KEY optional; PARSE_TARGET=parse-server for stock Parse Server)
#   PARSE_SERVER_URL unset -> starts the Reparse tenant runtime from
#                             ../tenant-runtime/target/quarkus-app/quarkus-run.jar (or $REPARSE_RUNTIME_JAR) on a free port
#                             with a temporary data dir, runs the suite, stops it.
#
# Either way the server is expected to run the Cloud Code in ./cloud (main.js, lib/, package.json);
# its npm dependencies are installed here first (npm ci) when cloud/node_modules is missing.
#
# Extra arguments are passed to `node --test` (e.g. a single test file).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
JAR="${REPARSE_RUNTIME_JAR:-$ROOT/tenant-runtime/target/quarkus-app/quarkus-run.jar}"
HEALTH_TIMEOUT_SECONDS="${HEALTH_TIMEOUT_SECONDS:-60}"

cd "$HERE"

if [ ! -d node_modules/parse ] || [ ! -d node_modules/smtp-server ] || [ ! -d node_modules/mailparser ]; then
  npm ci --no-audit --no-fund >&2
fi

# The suite's Cloud Code: one npm dependency beside its package.json, installed from the lock file.
CLOUD_DIR="$HERE/cloud"
if [ -f "$CLOUD_DIR/package.json" ] && [ ! -d "$CLOUD_DIR/node_modules" ]; then
  (cd "$CLOUD_DIR" && npm ci --no-audit --no-fund >&2)
fi

run_tests() {
  local files=("$@")
  [ ${#files[@]} -gt 0 ] || files=(test/*.test.mjs)
  # One file at a time: files are independent (own class names) but the server's schema
  # cache and timing-sensitive assertions are easier to reason about serially. A test that hangs
  # (e.g. a Cloud Code call that never answers) fails after TEST_TIMEOUT_SECONDS instead of
  # stalling the run.
  node --test --test-concurrency=1 --test-timeout=$((${TEST_TIMEOUT_SECONDS:-120} * 1000)) "${files[@]}"
}

if [ -n "${PARSE_SERVER_URL:-}" ]; then
  run_tests "$@"
  exit $?
fi

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}

# Same search order as ../reparse: JAVA_HOME, then the usual JDK install locations.
find_java() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for d in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*25* /usr/lib/jvm/*21* /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -d "$d" ] && candidates+=("$d")
  done
  for c in "${candidates[@]}"; do
    if [ -x "$c/bin/java" ]; then
      local major
      major="$(java_major "$c")"
      if [ -n "$major" ] && [ "$major" -ge 21 ]; then
        echo "$c/bin/java"
        return 0
      fi
    fi
  done
  echo "conformance: no Java >= 21 found; install one or set JAVA_HOME" >&2
  return 1
}

if [ ! -f "$JAR" ]; then
  echo "conformance: $JAR is missing; build it first with ./reparse build" >&2
  exit 2
fi

JAVA="$(find_java)"
PORT="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/reparse-conformance.XXXXXX")"
LOG="$WORK/runtime.log"
APP_ID="confapp"
MASTER_KEY="confmaster-$RANDOM$RANDOM"
WEBHOOK_KEY="confwebhook-$RANDOM$RANDOM"
# Cloud Code limits the cloud-limits tests rely on (the defaults are parse.com's 15 s / 3 s).
CLOUD_TIMEOUT_SECONDS=3
CLIENT_CLASS_CREATION="${PARSE_CLIENT_CLASS_CREATION:-true}"
# the classes livequery.test.mjs subscribes to (fixed names: the live list is set when the server starts)
LIVE_QUERY_CLASSES="LiveMessage,LiveSecret,LiveGuarded,LiveOwned"
RUNTIME_PID=""
SMTP_PID=""

cleanup() {
  if [ -n "$SMTP_PID" ]; then
    kill "$SMTP_PID" 2>/dev/null || true
  fi
  if [ -n "$RUNTIME_PID" ] && kill -0 "$RUNTIME_PID" 2>/dev/null; then
    kill "$RUNTIME_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$RUNTIME_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$RUNTIME_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# mail goes to a local sink that drops it (email.test.mjs reads mail with a runtime of its own)
node "$HERE/smtp-sink.mjs" "$WORK/smtp.port" >"$WORK/smtp.log" 2>&1 &
SMTP_PID=$!
for _ in $(seq 1 100); do [ -s "$WORK/smtp.port" ] && break; sleep 0.1; done
if [ ! -s "$WORK/smtp.port" ]; then
  echo "conformance: the SMTP sink did not start; its log:" >&2
  cat "$WORK/smtp.log" >&2
  exit 1
fi

# Secrets go through the environment: a command line is readable by every user in /proc.
PARSE_SERVER_MASTER_KEY="$MASTER_KEY" PARSE_SERVER_WEBHOOK_KEY="$WEBHOOK_KEY" \
"$JAVA" ${REPARSE_JAVA_OPTS:-} \
  -Dquarkus.http.port="$PORT" \
  -Dreparse.email.smtp.host=127.0.0.1 \
  -Dreparse.email.smtp.port="$(cat "$WORK/smtp.port")" \
  -Dreparse.email.smtp.tls=none \
  -Dreparse.email.from-address=noreply@example.com \
  -Dreparse.app-id="$APP_ID" \
  -Dreparse.data-dir="$WORK/data" \
  -Dreparse.allow-client-class-creation="$CLIENT_CLASS_CREATION" \
  -Dreparse.cloud.path="$CLOUD_DIR" \
  -Dreparse.cloud.function-timeout="${CLOUD_TIMEOUT_SECONDS}s" \
  -Dreparse.cloud.trigger-timeout="${CLOUD_TIMEOUT_SECONDS}s" \
  -Dreparse.hooks.allowed-hosts=127.0.0.1 \
  -Dreparse.live-query.classes="$LIVE_QUERY_CLASSES" \
  -Dreparse.live-query.session-cache-ttl=1s \
  -jar "$JAR" >"$LOG" 2>&1 &
RUNTIME_PID=$!

URL="http://127.0.0.1:$PORT/parse"
deadline=$((SECONDS + HEALTH_TIMEOUT_SECONDS))
until curl -fsS "$URL/health" 2>/dev/null | grep -q '"status":"ok"'; do
  if ! kill -0 "$RUNTIME_PID" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
    echo "conformance: runtime did not become healthy at $URL/health within ${HEALTH_TIMEOUT_SECONDS}s; its log:" >&2
    cat "$LOG" >&2
    exit 1
  fi
  sleep 0.5
done

export PARSE_SERVER_URL="$URL" PARSE_APP_ID="$APP_ID" PARSE_MASTER_KEY="$MASTER_KEY"
export PARSE_TARGET=reparse PARSE_CLIENT_CLASS_CREATION="$CLIENT_CLASS_CREATION"
# for the cloud-* files: the webhook key, the limits, and what cloud-isolation must not be able to read
export PARSE_WEBHOOK_KEY="$WEBHOOK_KEY" REPARSE_CLOUD_TIMEOUT_MS=$((CLOUD_TIMEOUT_SECONDS * 1000))
export REPARSE_CONF_DATA_DIR="$WORK/data" REPARSE_CONF_RUNTIME_PID="$RUNTIME_PID"
# email.test.mjs starts a second runtime of its own (email verification changes every signup)
export REPARSE_JAVA="$JAVA" REPARSE_RUNTIME_JAR="$JAR"
unset PARSE_JS_KEY
status=0
run_tests "$@" || status=$?
exit $status
