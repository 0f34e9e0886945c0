#!/usr/bin/env bash
# ./reparse bench: the same REST workload against stock parse-server and the Reparse tenant
# runtime, both on one shared mongo-java-server. Both servers are up; only one is under load at
# any moment (load.mjs alternates them per op). See bench/README.md.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
WORK="$BENCH/.work"
RUNTIME_JAR="$ROOT/tenant-runtime/target/quarkus-app/quarkus-run.jar"
# BENCH_ROUTER_JAR: another build of the router to measure (e.g. main's, to compare with this one)
ROUTER_JAR="${BENCH_ROUTER_JAR:-$ROOT/router/target/quarkus-app/quarkus-run.jar}"
CLOUD_DIR="$BENCH/cloud" # the Cloud Code both sides load when a cloud op runs

CONCURRENCY=16
WARMUP=5
PREWARM="" # default: the warm-up when a Cloud Code op runs, else 0
DURATION=10
REQUESTS=""
ROUNDS=4
OPS="query,get,update,create,batch"
SEED=1000
AUTH=master
CANDIDATE=runtime
ORDER=parse-first
CALIBRATE=false
FILE_OPS="upload1m,download1m,upload100m,download100m"
FILES_STORE=both
FILE_CONCURRENCY=4
BIG_FILE_CONCURRENCY=2
BIG_FILE_REQUESTS=4
FILES_MODE=false
ROUTER_MODE=false
LIVEQUERY_MODE=false
LQ_CONNECTIONS=1000
LQ_SUBS=10
LQ_ROOMS=1000
LQ_RATE=100
OPS_SET=false
WARMUP_SET=false
DURATION_SET=false
APP_ID=benchapp
MASTER_KEY=benchmaster
REST_KEY=benchrest

usage() {
  cat <<USAGE
usage: ./reparse bench [options]      (or: bash bench/run.sh [options])
  -c, --concurrency N   concurrent keep-alive clients (default $CONCURRENCY)
  -w, --warmup S        warm-up seconds per op, not measured (default $WARMUP)
      --prewarm S       before the first op is measured, run every selected op S seconds on each
                        side, not measured (default: the warm-up when a Cloud Code op runs, else 0)
  -d, --duration S      measured seconds per op (default $DURATION)
  -n, --requests N      measure a fixed number of requests per op instead of a duration
  -r, --rounds N        split each op's measurement into N slices per side, alternating the
                        side that goes first (A B, B A, ...) (default $ROUNDS)
  -o, --ops LIST        comma-separated subset of: query,get,update,create,batch (default these),
                        query10 (10 objects, REST key + a user's session),
                        signup,login (bcrypt cost 10 on both sides; not in the default), and the
                        file ops upload1m,download1m,upload100m,download100m, the Cloud Code
                        ops fn-trivial,fn-query,create-guarded (both sides load bench/cloud), and
                        "cloud" = those with their plain REST twins, to show what a call costs:
                        get,get@1,fn-trivial,fn-trivial@1,query10,fn-query,create,create-guarded;
                        a REST op may end in @N to run it with N clients (get@1: unloaded latency)
      --files           run the file ops instead of the REST ops (-w 2 -d 12 unless given)
      --files-store s3|gridfs|both  the runtime's files store(s) for the file ops: its default
                        (S3 on the embedded s3proxy, side "reparse"), GridFS on the shared
                        mongo server (side "reparse-gridfs"), or both (default $FILES_STORE)
      --file-concurrency N      clients for the 1 MB file ops (default $FILE_CONCURRENCY)
      --big-file-concurrency N  clients for the 100 MB file ops (default $BIG_FILE_CONCURRENCY)
      --big-file-requests N     measured requests per side for each 100 MB op, no warm-up
                        (default $BIG_FILE_REQUESTS)
      --seed N          objects created before measuring; get/update/query use them (default $SEED)
      --auth master|rest  send X-Parse-Master-Key (default) or X-Parse-REST-API-Key
      --order parse-first|reparse-first  which side is seeded, warmed and measured first (default $ORDER)
      --candidate runtime|parse-server   the side compared with parse-server: the Reparse
                        runtime (default), or a second parse-server as a stand-in (sanity check:
                        ratio should be about 1.00)
      --router          router overhead instead of parse-server: one runtime measured directly
                        and through the Reparse router (router/), alternating slices; ops
                        default to get,get@1 (BENCH_ROUTER_JAVA_OPTS: the router's JVM flags)
      --livequery       LiveQuery instead of REST: --lq-connections N (default $LQ_CONNECTIONS) WebSockets
                        with --lq-subs N (default $LQ_SUBS) subscriptions each, over --lq-rooms N (default
                        $LQ_ROOMS) where clauses; --lq-rate N (default $LQ_RATE) writes/s for -d seconds after -w;
                        p50/p99 from write acknowledged to event received, parse-server then the runtime
      --calibrate       only measure the load generator itself, against a fake server that
                        answers instantly: its ceiling and CPU cost per request
USAGE
}

while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --calibrate) CALIBRATE=true; shift; continue ;;
    --files) FILES_MODE=true; shift; continue ;;
    --router) ROUTER_MODE=true; shift; continue ;;
    --livequery) LIVEQUERY_MODE=true; shift; continue ;;
    --*=*) set -- "${1%%=*}" "${1#*=}" "${@:2}"; continue ;;
  esac
  [ $# -ge 2 ] || { echo "bench: $1 needs a value" >&2; usage >&2; exit 2; }
  case "$1" in
    -c|--concurrency) CONCURRENCY="$2" ;;
    -w|--warmup) WARMUP="$2"; WARMUP_SET=true ;;
    --prewarm) PREWARM="$2" ;;
    -d|--duration) DURATION="$2"; DURATION_SET=true ;;
    -n|--requests) REQUESTS="$2" ;;
    -r|--rounds) ROUNDS="$2" ;;
    -o|--ops) OPS="$2"; OPS_SET=true ;;
    --seed) SEED="$2" ;;
    --auth) AUTH="$2" ;;
    --order) ORDER="$2" ;;
    --candidate) CANDIDATE="$2" ;;
    --files-store) FILES_STORE="$2" ;;
    --file-concurrency) FILE_CONCURRENCY="$2" ;;
    --big-file-concurrency) BIG_FILE_CONCURRENCY="$2" ;;
    --big-file-requests) BIG_FILE_REQUESTS="$2" ;;
    --lq-connections) LQ_CONNECTIONS="$2" ;;
    --lq-subs) LQ_SUBS="$2" ;;
    --lq-rooms) LQ_ROOMS="$2" ;;
    --lq-rate) LQ_RATE="$2" ;;
    *) echo "bench: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift 2
done
case "$AUTH" in
  master) KEY_HEADER=X-Parse-Master-Key; KEY="$MASTER_KEY" ;;
  rest) KEY_HEADER=X-Parse-REST-API-Key; KEY="$REST_KEY" ;;
  *) echo "bench: --auth must be master or rest" >&2; exit 2 ;;
esac
case "$CANDIDATE" in runtime|parse-server) ;; *) echo "bench: --candidate must be runtime or parse-server" >&2; exit 2 ;; esac
case "$ORDER" in parse-first|reparse-first) ;; *) echo "bench: --order must be parse-first or reparse-first" >&2; exit 2 ;; esac
case "$FILES_STORE" in s3|gridfs|both) ;; *) echo "bench: --files-store must be s3, gridfs or both" >&2; exit 2 ;; esac
if [ "$FILES_MODE" = true ]; then
  OPS="$FILE_OPS"
  [ "$WARMUP_SET" = true ] || WARMUP=2
  [ "$DURATION_SET" = true ] || DURATION=12
fi
if [ "$ROUTER_MODE" = true ]; then
  [ "$FILES_MODE" = false ] && [ "$CANDIDATE" = runtime ] || { echo "bench: --router goes with neither --files nor --candidate" >&2; exit 2; }
  [ "$OPS_SET" = true ] || OPS="get,get@1"
fi
# "cloud": the three Cloud Code ops, each with the plain REST op it is compared with (fn-trivial also with one client,
# where p50 is the call's own latency rather than queueing)
OPS="$(echo ",$OPS," | sed 's/,cloud,/,get,get@1,fn-trivial,fn-trivial@1,query10,fn-query,create,create-guarded,/g; s/^,//; s/,$//')"
HAS_CLOUD_OPS=false
case ",$OPS," in *,fn-trivial[,@]*|*,fn-query[,@]*|*,create-guarded[,@]*) HAS_CLOUD_OPS=true ;; esac
HAS_FILE_OPS=false
case ",$OPS," in *,upload1m,*|*,download1m,*|*,upload100m,*|*,download100m,*) HAS_FILE_OPS=true ;; esac

CLOUD_PATH=""
[ "$HAS_CLOUD_OPS" = true ] && CLOUD_PATH="$CLOUD_DIR"
if [ -z "$PREWARM" ]; then if [ "$HAS_CLOUD_OPS" = true ]; then PREWARM="$WARMUP"; else PREWARM=0; fi; fi
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
TS="$(date -u +%Y%m%dT%H%M%SZ)"
RUN="$WORK/run-$TS"
mkdir -p "$RUN"
log() { echo "bench: $*" >&2; }

# ---- process bookkeeping: everything started here is stopped on any exit ----------------------

PIDS=()
cleanup() { # TERM everything at once, give it 5 s, then KILL what is left (parse-server under load sometimes ignores TERM)
  local pid i alive
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill -TERM "${PIDS[i]}" 2>/dev/null || true; done
  for i in $(seq 1 25); do
    alive=""
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ -z "$alive" ] && return 0
    sleep 0.2
  done
  for pid in "${PIDS[@]}"; do
    kill -0 "$pid" 2>/dev/null && { log "pid $pid did not stop within 5 s of TERM; killing: $(ps -o args= -p "$pid" | cut -c1-80)"; kill -KILL "$pid" 2>/dev/null || true; }
  done
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

wait_for() { # name pid logfile check-command...
  local name="$1" pid="$2" logfile="$3" i
  shift 3
  for i in $(seq 1 240); do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "$name exited before it was ready; last lines of $logfile:"; tail -30 "$logfile" >&2; exit 1
    fi
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  log "$name not ready after 120 s; last lines of $logfile:"; tail -30 "$logfile" >&2; exit 1
}
tcp_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
health_ok() { curl -sf --max-time 2 "http://127.0.0.1:$1/parse/health" | grep -q '"ok"'; }

# ---- stock parse-server, pinned by bench/package-lock.json, installed once -------------------

install_parse_server() {
  local want have=""
  want="$(sha256sum "$BENCH/package-lock.json" | cut -d' ' -f1)"
  [ -f "$WORK/npm/.lock-sha256" ] && have="$(cat "$WORK/npm/.lock-sha256")"
  if [ "$want" = "$have" ] && [ -x "$WORK/npm/node_modules/.bin/parse-server" ]; then return 0; fi
  log "installing parse-server from bench/package-lock.json into bench/.work/npm (once)..."
  rm -rf "$WORK/npm" && mkdir -p "$WORK/npm"
  cp "$BENCH/package.json" "$BENCH/package-lock.json" "$WORK/npm/"
  (cd "$WORK/npm" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error) >&2
  echo "$want" > "$WORK/npm/.lock-sha256"
}

start_parse_server() { # name db -> sets SERVER_PID SERVER_PORT
  local name="$1" db="$2" port cfg
  port="$(free_port)"
  cfg="$RUN/$name.config.json"
  cat > "$cfg" <<JSON
{
  "appId": "$APP_ID", "masterKey": "$MASTER_KEY", "restAPIKey": "$REST_KEY",
  "databaseURI": "mongodb://127.0.0.1:$MONGO_PORT/$db",
  "port": $port, "host": "127.0.0.1", "mountPath": "/parse", "serverURL": "http://127.0.0.1:$port/parse",
  "allowClientClassCreation": true, "logsFolder": "$RUN/$name-logs",
  "maxUploadSize": "200mb"$([ "$HAS_CLOUD_OPS" = true ] && printf ',\n  "cloud": "%s/main.js"' "$CLOUD_DIR")$(
  [ "$LIVEQUERY_MODE" = true ] && printf ',\n  "startLiveQueryServer": true, "liveQuery": {"classNames": ["LiveBench"]}')
}
JSON
  # BENCH_PARSE_SERVER_CONFIG: a JSON object merged over this config, e.g. '{"logLevel":"warn"}'
  if [ -n "${BENCH_PARSE_SERVER_CONFIG:-}" ]; then
    node -e 'const fs = require("fs"); const [f, extra] = process.argv.slice(1);
      fs.writeFileSync(f, JSON.stringify({ ...JSON.parse(fs.readFileSync(f, "utf8")), ...JSON.parse(extra) }, null, 2));' "$cfg" "$BENCH_PARSE_SERVER_CONFIG"
  fi
  # cwd = the run folder: parse-server logs its first warnings to ./logs before it reads logsFolder
  (cd "$RUN" && exec node "$WORK/npm/node_modules/parse-server/bin/parse-server" "$cfg") > "$RUN/$name.log" 2>&1 &
  SERVER_PID=$!; SERVER_PORT=$port; PIDS+=("$SERVER_PID")
  wait_for "$name (parse-server)" "$SERVER_PID" "$RUN/$name.log" health_ok "$port"
}

start_runtime() { # name db [files-adapter] -> sets SERVER_PID SERVER_PORT
  local name="$1" db="$2" adapter="${3:-s3}" port
  [ -f "$RUNTIME_JAR" ] || { log "no $RUNTIME_JAR; run ./reparse build (or use --candidate parse-server)"; exit 1; }
  port="$(free_port)"
  # shellcheck disable=SC2086 # REPARSE_JAVA_OPTS is a list of JVM flags
  "$JAVA_HOME/bin/java" ${REPARSE_JAVA_OPTS:-} -Dquarkus.http.port="$port" -Dquarkus.http.host=127.0.0.1 \
    -Dreparse.app-id="$APP_ID" -Dreparse.master-key="$MASTER_KEY" -Dreparse.rest-key="$REST_KEY" \
    -Dreparse.mongo-uri="mongodb://127.0.0.1:$MONGO_PORT/$db" -Dreparse.allow-client-class-creation=true \
    -Dreparse.data-dir="$RUN/$name-data" -Dreparse.files.adapter="$adapter" \
    ${CLOUD_PATH:+-Dreparse.cloud.path="$CLOUD_PATH"} \
    -jar "$RUNTIME_JAR" > "$RUN/$name.log" 2>&1 &
  SERVER_PID=$!; SERVER_PORT=$port; PIDS+=("$SERVER_PID")
  wait_for "$name (Reparse runtime)" "$SERVER_PID" "$RUN/$name.log" health_ok "$port"
}

start_side() { # label starter db [files-adapter [files]] -> appends "label=url=pid[=files]" to TARGETS
  local label="$1" starter="$2" db="$3" adapter="${4:-}" only="${5:-}"
  log "starting $label..."
  "$starter" "$label" "$db" $adapter
  log "$label ready on port $SERVER_PORT (pid $SERVER_PID)"
  TARGETS+=(--target "$label=http://127.0.0.1:$SERVER_PORT/parse=$SERVER_PID${only:+=$only}")
}

run_load() { # out-file extra-args...
  local out="$1"
  shift
  node "$BENCH/load.mjs" "${TARGETS[@]}" "$@" --out "$out" \
    --app-id "$APP_ID" --key-header "$KEY_HEADER" --key "$KEY" --client-key-header X-Parse-REST-API-Key --client-key "$REST_KEY" \
    --concurrency "$CONCURRENCY" --prewarm "$PREWARM" --warmup "$WARMUP" --duration "$DURATION" ${REQUESTS:+--requests "$REQUESTS"} \
    --rounds "$ROUNDS" --ops "$OPS" --seed "$SEED" \
    --file-concurrency "$FILE_CONCURRENCY" --big-file-concurrency "$BIG_FILE_CONCURRENCY" --big-file-requests "$BIG_FILE_REQUESTS" &
  # in the background + wait, so a TERM to this script is handled at once, not after the run
  local pid=$!
  PIDS+=("$pid")
  if ! wait "$pid"; then
    log "load generator failed; last lines of the server logs in $RUN:"
    for f in "$RUN"/*.log; do echo "== $f" >&2; grep -v DeprecationWarning "$f" | tail -8 >&2; done
    exit 1
  fi
}

# ---- run ------------------------------------------------------------------------------------

start_fake() { # name db -> sets SERVER_PID SERVER_PORT
  local port
  port="$(free_port)"
  node "$BENCH/calibrate-server.mjs" "$port" > "$RUN/$1.log" 2>&1 &
  SERVER_PID=$!; SERVER_PORT=$port; PIDS+=("$SERVER_PID")
  wait_for "$1 (calibration server)" "$SERVER_PID" "$RUN/$1.log" health_ok "$port"
}

export CLK_TCK="$(getconf CLK_TCK)"
if [ "$CALIBRATE" = true ]; then
  TARGETS=()
  start_side client-calibration start_fake none
  ROUNDS=1
  run_load "$RUN/client-calibration.json"
  log "client ceiling per op is the req/s above at ~100% client CPU; full numbers: $RUN/client-calibration.json"
  exit 0
fi

start_router() { # upstream-url -> sets SERVER_PID SERVER_PORT
  local port routes="$RUN/routes.json"
  [ -f "$ROUTER_JAR" ] || { log "no $ROUTER_JAR; build it: mvn -B -q -o -pl router -am package -DskipTests"; exit 1; }
  port="$(free_port)"
  # requestsPerSecond 0 = no limit: the run measures the proxy path, not the token bucket
  cat > "$routes" <<JSON
{"version": 1, "routes": [{"applicationId": "$APP_ID", "upstream": "$1", "subdomain": "$APP_ID", "requestsPerSecond": 0, "ready": true}]}
JSON
  # shellcheck disable=SC2086 # BENCH_ROUTER_JAVA_OPTS is a list of JVM flags (e.g. a JFR recording)
  "$JAVA_HOME/bin/java" ${BENCH_ROUTER_JAVA_OPTS:-} -Dreparse.router.port="$port" -Dquarkus.http.host=127.0.0.1 \
    -Dreparse.router.routes-file="$routes" -jar "$ROUTER_JAR" > "$RUN/router.log" 2>&1 &
  SERVER_PID=$!; SERVER_PORT=$port; PIDS+=("$SERVER_PID")
  wait_for "router" "$SERVER_PID" "$RUN/router.log" router_ready "$port"
}
# ready = the route table is loaded: an app request through it reaches the runtime
router_ready() { curl -sf --max-time 2 -H "X-Parse-Application-Id: $APP_ID" "http://127.0.0.1:$1/parse/health" | grep -q '"ok"'; }

start_mongo() {
  MONGO_PORT="$(free_port)"
  log "starting mongo-java-server on port $MONGO_PORT..."
  # BENCH_MONGO_JAVA_OPTS, when set, replaces REPARSE_JAVA_OPTS for the mongo server's JVM (e.g. more heap)
  REPARSE_JAVA_OPTS="${BENCH_MONGO_JAVA_OPTS:-${REPARSE_JAVA_OPTS:-}}" "$ROOT/reparse" mongo --port "$MONGO_PORT" > "$RUN/mongo.log" 2>&1 &
  MONGO_PID=$!; PIDS+=("$MONGO_PID")
  wait_for mongo "$MONGO_PID" "$RUN/mongo.log" tcp_open "$MONGO_PORT"
}

# parse-server hashes with @node-rs/bcrypt (native, on libuv's thread pool) when it loads, else bcryptjs (pure JS);
# both at cost 10 (its src/password.js)
parse_server_bcrypt() {
  [ "$ROUTER_MODE" = true ] && { echo none; return; }
  (cd "$WORK/npm/node_modules/parse-server" && node -e "
    try { require('@node-rs/bcrypt'); console.log('@node-rs/bcrypt ' + require('@node-rs/bcrypt/package.json').version + ' (native)'); }
    catch { console.log('bcryptjs ' + require('bcryptjs/package.json').version + ' (pure JS)'); }") 2>/dev/null || echo unknown
}

write_meta() { # candidate files-store
  cat > "$RUN/meta.json" <<JSON
{
  "timestamp": "$TS",
  "machine": {"cores": $(nproc), "kernel": "$(uname -r)", "loadAverageBefore": "$LOAD_BEFORE", "loadAverageAfter": "$(cut -d' ' -f1-3 /proc/loadavg)"},
  "node": "$(node --version)",
  "java": "$("$JAVA_HOME/bin/java" -version 2>&1 | head -1 | sed 's/"/\\"/g')",
  "parseServer": "$(if [ "$ROUTER_MODE" = true ]; then echo none; else node -p "require('$WORK/npm/node_modules/parse-server/package.json').version"; fi)",
  "parseServerBcrypt": "$(parse_server_bcrypt)",
  "reparseCommit": "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)",
  "candidate": "$1",
  "candidateFilesStore": "$2",
  "order": "$ORDER",
  "logs": "$RUN"
}
JSON
}

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
log "load average before the run: $LOAD_BEFORE (1, 5, 15 min; $(nproc) cores)"
if [ "$ROUTER_MODE" = true ]; then
  start_mongo
  TARGETS=()
  log "starting the runtime..."
  start_runtime reparse reparsebench s3
  RUNTIME_PID=$SERVER_PID; RUNTIME_PORT=$SERVER_PORT
  log "runtime ready on port $RUNTIME_PORT (pid $RUNTIME_PID); starting the router..."
  start_router "http://127.0.0.1:$RUNTIME_PORT"
  log "router ready on port $SERVER_PORT (pid $SERVER_PID)"
  DIRECT=(--target "direct=http://127.0.0.1:$RUNTIME_PORT/parse=$RUNTIME_PID")
  VIA=(--target "router=http://127.0.0.1:$SERVER_PORT/parse=$RUNTIME_PID+$SERVER_PID")
  if [ "$ORDER" = parse-first ]; then TARGETS=("${DIRECT[@]}" "${VIA[@]}"); else TARGETS=("${VIA[@]}" "${DIRECT[@]}"); fi
  log "measuring (seed, then per op: warm-up and $ROUNDS alternating slices per side)..."
  run_load "$RUN/load.json" --mongo-pid "$MONGO_PID"
  cleanup
  write_meta router none
  node "$BENCH/report-router.mjs" --in "$RUN/load.json" --meta "$RUN/meta.json" --out "$WORK/router-results-$TS.json"
  exit 0
fi

if [ "$LIVEQUERY_MODE" = true ]; then
  install_parse_server
  start_mongo
  [ "$WARMUP_SET" = true ] || WARMUP=5
  [ "$DURATION_SET" = true ] || DURATION=20
  # parse-server's own setting, which the runtime reads too
  export PARSE_SERVER_LIVE_QUERY='{"classNames":["LiveBench"]}'
  log "starting parse-server (with its LiveQuery server) and the runtime..."
  start_parse_server parse-server parsebench; PS_PID=$SERVER_PID; PS_PORT=$SERVER_PORT
  start_runtime reparse reparsebench s3; RT_PID=$SERVER_PID; RT_PORT=$SERVER_PORT
  TS_ORDER=(--target "parse-server=http://127.0.0.1:$PS_PORT/parse=$PS_PID" --target "reparse=http://127.0.0.1:$RT_PORT/parse=$RT_PID")
  [ "$ORDER" = parse-first ] || TS_ORDER=("${TS_ORDER[@]:2}" "${TS_ORDER[@]:0:2}")
  log "measuring: $LQ_CONNECTIONS connections x $LQ_SUBS subscriptions, $LQ_RATE writes/s, one side at a time..."
  node "$BENCH/livequery.mjs" "${TS_ORDER[@]}" --app-id "$APP_ID" --master-key "$MASTER_KEY" --rest-key "$REST_KEY" \
    --ws-module "$WORK/npm/node_modules/ws" --connections "$LQ_CONNECTIONS" --subs "$LQ_SUBS" --rooms "$LQ_ROOMS" \
    --rate "$LQ_RATE" --warmup "$WARMUP" --duration "$DURATION" --out "$WORK/livequery-results-$TS.json" | tee "$RUN/livequery.txt"
  cleanup
  exit 0
fi

install_parse_server
start_mongo

BASELINE=parse-server
if [ "$CANDIDATE" = runtime ]; then CAND_LABEL=reparse; CAND_START=start_runtime
else CAND_LABEL=reparse-standin; CAND_START=start_parse_server; fi

# with file ops and the runtime as candidate: "reparse" keeps its default store (S3 on the
# embedded s3proxy) unless --files-store gridfs; with --files-store both, a second runtime
# "reparse-gridfs" (GridFS on the shared mongo server) runs only the file ops
CAND_ADAPTER=""
EXTRA=()
if [ "$CANDIDATE" = runtime ]; then
  CAND_ADAPTER=s3
  if [ "$HAS_FILE_OPS" = true ] && [ "$FILES_STORE" = gridfs ]; then CAND_ADAPTER=gridfs; fi
  if [ "$HAS_FILE_OPS" = true ] && [ "$FILES_STORE" = both ]; then EXTRA=(reparse-gridfs start_runtime reparsegridfs gridfs files); fi
fi
TARGETS=()
if [ "$ORDER" = parse-first ]; then
  start_side "$BASELINE" start_parse_server parsebench
  start_side "$CAND_LABEL" "$CAND_START" reparsebench $CAND_ADAPTER
  [ ${#EXTRA[@]} -eq 0 ] || start_side "${EXTRA[@]}"
else
  [ ${#EXTRA[@]} -eq 0 ] || start_side "${EXTRA[@]}"
  start_side "$CAND_LABEL" "$CAND_START" reparsebench $CAND_ADAPTER
  start_side "$BASELINE" start_parse_server parsebench
fi
log "measuring (seed, then per op: warm-up and $ROUNDS alternating slices per side)..."
run_load "$RUN/load.json" --mongo-pid "$MONGO_PID"
cleanup

write_meta "$CANDIDATE" "${CAND_ADAPTER:-gridfs (parse-server)}"
node "$BENCH/report.mjs" --in "$RUN/load.json" --baseline "$BASELINE" --candidate "$CAND_LABEL" \
  ${EXTRA[0]:+--also "${EXTRA[0]}"} \
  --meta "$RUN/meta.json" --out "$WORK/results-$TS.json"
