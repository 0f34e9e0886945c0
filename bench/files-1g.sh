#!/usr/bin/env bash
# Uploads and downloads 1 GB through the packaged tenant runtime running at -Xmx256m and prints
# the times: proof that files stream instead of sitting in memory.
#   bench/files-1g.sh            # the default store (embedded S3 server)
#   FILES=gridfs bench/files-1g.sh
#   BYTES=104857600 bench/files-1g.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
[ -f tenant-runtime/target/quarkus-app/quarkus-run.jar ] || mvn -B -q -DskipTests package
LOG="$(mktemp)"
status=0
mvn -B -pl tenant-runtime surefire:test -Dtest=BigFileUploadIT -Dsurefire.failIfNoSpecifiedTests=false \
  -Dreparse.it.bytes="${BYTES:-1073741824}" -Dreparse.it.files="${FILES:-s3}" >"$LOG" 2>&1 || status=$?
grep -E "^files |Tests run:|FAIL" "$LOG" | sort -u || true
[ $status -eq 0 ] || { echo "files-1g: failed; full log in $LOG" >&2; exit $status; }
rm -f "$LOG"
