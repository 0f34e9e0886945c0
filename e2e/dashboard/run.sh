#!/usr/bin/env bash
# Browser test of the open-source Parse Dashboard (parse-dashboard 9.2.0) against a Parse server.
#
#   e2e/dashboard/run.sh
#       starts the Reparse tenant runtime from tenant-runtime/target/quarkus-app (build it
#       first: mvn -DskipTests package) on a free port with a temporary data dir, the Cloud Code
#       in cloud/ and webhooks to 127.0.0.1 allowed (the test serves its webhooks there);
#   PARSE_SERVER_URL=http://127.0.0.1:1337/parse PARSE_APP_ID=A PARSE_MASTER_KEY=M e2e/dashboard/run.sh
#       uses that running server instead (e.g. stock parse-server, the reference).
#
# Then it starts parse-dashboard on a free port and runs test/*.test.mjs with `node --test`,
# which drives Debian's Chromium (/usr/bin/chromium, or $CHROMIUM). Screenshots, the browser's
# calls to the server (network.log) and the servers' logs land in e2e/dashboard/.work/.
# Without Chromium it prints a skip line and exits 0, except under CI=true, where it fails.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="$HERE/.work"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
RUNTIME_JAR="$ROOT/tenant-runtime/target/quarkus-app/quarkus-run.jar"
READY_TIMEOUT_S="${READY_TIMEOUT_S:-90}"

say() { echo "e2e/dashboard: $*"; }

if [ ! -x "$CHROMIUM" ]; then
  if [ "${CI:-}" = "true" ]; then
    say "FAILED: no Chromium at $CHROMIUM, and CI=true does not allow skipping (apt-get install -y chromium)"
    exit 1
  fi
  say "SKIPPED: no Chromium at $CHROMIUM (install Debian's: apt-get install -y chromium)"
  exit 0
fi

started_pids=()
tmp_dirs=()
cleanup() {
  local pid
  for pid in "${started_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${started_pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [ ${#tmp_dirs[@]} -gt 0 ]; then
    rm -rf "${tmp_dirs[@]}"
  fi
}
trap cleanup EXIT

free_port() {
  node -e "const s = require('net').createServer(); s.listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); });"
}

# wait_for URL PID NAME LOG: polls URL until it answers 200, failing early if PID exits.
wait_for() {
  local url="$1" pid="$2" name="$3" log="$4" deadline=$((SECONDS + READY_TIMEOUT_S))
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      say "$name exited before it was ready; last lines of $log:"
      tail -n 40 "$log" >&2
      exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      say "$name not ready at $url after ${READY_TIMEOUT_S}s; last lines of $log:"
      tail -n 40 "$log" >&2
      exit 1
    fi
    sleep 0.5
  done
}

java_home() {
  local major=""
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major="$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 |
      awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1)"
  fi
  if [ -n "$major" ] && [ "$major" -ge 21 ]; then
    echo "$JAVA_HOME"
  else
    echo /usr/lib/jvm/temurin-25-jdk-amd64
  fi
}

start_runtime() {
  if [ ! -f "$RUNTIME_JAR" ]; then
    say "no runtime build at $RUNTIME_JAR; build it first (mvn -B -DskipTests package), or set PARSE_SERVER_URL"
    exit 1
  fi
  local port data_dir java
  port="$(free_port)"
  data_dir="$(mktemp -d /tmp/reparse-dashboard-e2e.XXXXXX)"
  tmp_dirs+=("$data_dir")
  java="$(java_home)/bin/java"
  PARSE_APP_ID="dashboardE2E"
  PARSE_MASTER_KEY="master-$(node -e "console.log(require('crypto').randomBytes(12).toString('hex'))")"
  PARSE_SERVER_URL="http://127.0.0.1:$port/parse"
  say "starting the Reparse runtime on port $port (log: .work/runtime.log)"
  "$java" -Dquarkus.http.port="$port" -Dquarkus.http.host=127.0.0.1 \
    -Dreparse.app-id="$PARSE_APP_ID" -Dreparse.master-key="$PARSE_MASTER_KEY" \
    -Dreparse.data-dir="$data_dir" -Dreparse.cloud.path="$HERE/cloud" \
    -Dreparse.hooks.allowed-hosts=127.0.0.1 -jar "$RUNTIME_JAR" >"$WORK/runtime.log" 2>&1 &
  started_pids+=("$!")
  wait_for "$PARSE_SERVER_URL/health" "$!" "the Reparse runtime" "$WORK/runtime.log"
}

start_dashboard() {
  local port config="$WORK/dashboard-config.json"
  port="$(free_port)"
  DASHBOARD_URL="http://127.0.0.1:$port"
  DASHBOARD_APP_NAME="${DASHBOARD_APP_NAME:-Dashboard E2E}"
  node -e '
    const [file, serverURL, appId, masterKey, appName] = process.argv.slice(1);
    require("fs").writeFileSync(file, JSON.stringify({
      apps: [{ serverURL, appId, masterKey, appName }],
    }, null, 2));
  ' "$config" "$PARSE_SERVER_URL" "$PARSE_APP_ID" "$PARSE_MASTER_KEY" "$DASHBOARD_APP_NAME"
  say "starting parse-dashboard on port $port (log: .work/dashboard.log)"
  # --dev: no dashboard login and plain HTTP on loopback; the test is about the server's API.
  node "$HERE/node_modules/parse-dashboard/bin/parse-dashboard" --dev --config "$config" \
    --host 127.0.0.1 --port "$port" >"$WORK/dashboard.log" 2>&1 &
  started_pids+=("$!")
  wait_for "$DASHBOARD_URL/" "$!" "parse-dashboard" "$WORK/dashboard.log"
}

cd "$HERE"
rm -rf "$WORK"
mkdir -p "$WORK"
if [ ! -d node_modules/parse-dashboard ] || [ ! -d node_modules/playwright-core ]; then
  say "installing parse-dashboard and playwright-core (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ -n "${PARSE_SERVER_URL:-}" ]; then
  : "${PARSE_APP_ID:?PARSE_APP_ID is needed with PARSE_SERVER_URL}"
  : "${PARSE_MASTER_KEY:?PARSE_MASTER_KEY is needed with PARSE_SERVER_URL}"
  PARSE_SERVER_URL="${PARSE_SERVER_URL%/}"
  say "using the running server at $PARSE_SERVER_URL"
else
  start_runtime
fi
start_dashboard

export DASHBOARD_URL DASHBOARD_APP_NAME PARSE_SERVER_URL PARSE_APP_ID PARSE_MASTER_KEY CHROMIUM
export E2E_WORK_DIR="$WORK"
say "running the browser test against $PARSE_SERVER_URL"
# one file after another: each drives its own Chromium, and this machine may have two cores
node --test --test-concurrency=1 --test-reporter=spec --test-timeout=120000 test/
