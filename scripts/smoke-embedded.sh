#!/usr/bin/env bash
# Smoke test of the embedded default, as a new user would run it:
#   1. `npm start` on a spare port becomes ready; Ctrl-C (SIGINT to its process group) stops it and
#      leaves no PostgreSQL running;
#   2. after a `kill -9`, the next start works (the orphaned PostgreSQL is stopped first);
#   3. a port already in use gives a one-line error naming the port.
set -euo pipefail
cd "$(dirname "$0")/.."

port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
pg_port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
data_dir="$PWD/.data-smoke"
log=$(mktemp)
rm -rf "$data_dir"
export PORT=$port EMBEDDED_POSTGRES_PORT=$pg_port DATA_DIR=$data_dir LOG_LEVEL=info
unset DATABASE_URL REDIS_URL

fail() {
  echo "SMOKE FAILED: $*" >&2
  echo "--- app log ---" >&2
  tail -n 40 "$log" >&2 || true
  exit 1
}

postgres_running() { pgrep -f -- "-p $pg_port" >/dev/null 2>&1; }

wait_ready() {
  for _ in $(seq 1 240); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready")" = "200" ]; then return 0; fi
    sleep 0.5
  done
  return 1
}

start() { # $1: command
  setsid bash -c "$1" >"$log" 2>&1 &
  echo $!
}

echo "smoke: npm start on port $port (embedded PostgreSQL on $pg_port, data in $data_dir)"
pgid=$(start "npm start")
wait_ready || fail "npm start did not become ready"
curl -sf "http://127.0.0.1:$port/docs-json" >/dev/null || fail "/docs-json is not served"
curl -sf -H 'Accept: text/html' "http://127.0.0.1:$port/" | grep -q 'id="root"' || fail "the web app is not served at /"
kill -INT -- "-$pgid"
for _ in $(seq 1 60); do kill -0 -- "-$pgid" 2>/dev/null || break; sleep 0.5; done
kill -0 -- "-$pgid" 2>/dev/null && fail "the app did not stop on Ctrl-C"
sleep 0.5
postgres_running && fail "PostgreSQL is still running after Ctrl-C"
echo "smoke: ready, then stopped cleanly on Ctrl-C with no PostgreSQL left"

pgid=$(start "exec node dist/apps/standalone/src/main.js")
wait_ready || fail "second start did not become ready"
kill -9 -- "-$pgid"
sleep 0.5
postgres_running || fail "expected the embedded PostgreSQL to outlive kill -9 (nothing to recover from)"
pgid=$(start "exec node dist/apps/standalone/src/main.js")
wait_ready || fail "start after kill -9 did not become ready"
grep -q "left running by an earlier run" "$log" || fail "the orphaned PostgreSQL was not reported"
kill -INT -- "-$pgid"
for _ in $(seq 1 60); do kill -0 -- "-$pgid" 2>/dev/null || break; sleep 0.5; done
sleep 0.5
postgres_running && fail "PostgreSQL is still running after the restart's Ctrl-C"
echo "smoke: kill -9 then start works, and stops cleanly"

node -e "require('net').createServer().listen($port,'0.0.0.0');setTimeout(()=>{},60000)" &
blocker=$!
sleep 0.5
set +e
node dist/apps/standalone/src/main.js >"$log" 2>&1
status=$?
set -e
kill "$blocker" 2>/dev/null || true
[ "$status" -ne 0 ] || fail "start on a busy port did not fail"
[ "$(wc -l <"$log")" -eq 1 ] || fail "a busy port should give one line, got: $(cat "$log")"
grep -q "Port $port is already in use" "$log" || fail "the busy-port message does not name the port: $(cat "$log")"
echo "smoke: busy port -> $(cat "$log")"

rm -rf "$data_dir" "$data_dir.password" "$log"
echo "smoke: embedded default OK"
