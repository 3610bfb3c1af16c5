#!/usr/bin/env bash
# Delivers a run payload with peepshow-sink-cassandra to the local Stargate double (loopback, no network)
# and prints the row Stargate stored. Meant for `./build.sh demo`.
#
#   demo.sh [payload.json] [sink executable]
#
# payload: default the original peepshow's documented example payload.
# sink:    default .artifacts/bin/peepshow-sink-cassandra when published, else the built sink via `dotnet`.
#
# The double starts without the table, so the run also shows CASSANDRA_CREATE_TABLE=1 creating it; a second
# delivery of the same run then shows the upsert: same row, no duplicate.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)
payload=${1:-$root/tests/Peepshow.Sinks.Cassandra.Tests/Fixtures/original-example.json}
if [[ -n ${2:-} ]]; then
  sink=("$2")
elif [[ -x $root/.artifacts/bin/peepshow-sink-cassandra ]]; then
  sink=("$root/.artifacts/bin/peepshow-sink-cassandra")
else
  sink=(dotnet run --project "$root/sinks/Peepshow.Sinks.Cassandra" -f net10.0 --)
fi

# The double runs until its stdin closes; the coprocess pipe is that stdin.
coproc STARGATE { STARGATE_DOUBLE_TABLE=none dotnet run --project "$root/tests/Peepshow.Testing" -- stargate 2>/dev/null; }
trap 'exec {STARGATE[1]}>&- 2>/dev/null || true; wait 2>/dev/null || true' EXIT

read -r -t 120 -u "${STARGATE[0]}" listening || { echo "demo: the Stargate double did not start" >&2; exit 1; }
echo "stargate double $listening"

export CASSANDRA_URL=${listening#listening on } CASSANDRA_KEYSPACE=peepshow CASSANDRA_TOKEN=peepshow-demo-token CASSANDRA_CREATE_TABLE=1
for attempt in first replay; do
  echo
  echo "\$ CASSANDRA_CREATE_TABLE=1 peepshow-sink-cassandra < $(basename "$payload")   # $attempt"
  "${sink[@]}" < "$payload"
  read -r -t 30 -u "${STARGATE[0]}" stored || { echo "demo: Stargate stored nothing" >&2; exit 1; }
  echo "stargate stored: $stored"
done

# The table holds one row for the run, however often it was delivered (created_at moves only because the
# original example payload has no createdAt; peepshow's own payloads keep it on replay).
if command -v curl >/dev/null 2>&1; then
  echo
  echo "\$ curl -H 'X-Cassandra-Token: …' $CASSANDRA_URL/v2/keyspaces/peepshow/peepshow_runs/rows"
  curl -s -H "X-Cassandra-Token: $CASSANDRA_TOKEN" "$CASSANDRA_URL/v2/keyspaces/peepshow/peepshow_runs/rows" | head -c 300
  echo
fi
