#!/usr/bin/env bash
# Delivers a run payload with peepshow-sink-event-track to the local Mixpanel, Amplitude and Segment doubles
# (one loopback port, no network) and prints the event each one stored. Called by `./build.sh demo`.
#
#   demo.sh [payload.json] [sink executable]
#
# payload: default the original peepshow's documented example payload.
# sink:    default .artifacts/bin/peepshow-sink-event-track when published, else the sink built here (Debug, net10.0).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)
payload=${1:-$root/tests/Peepshow.Sinks.EventTrack.Tests/Fixtures/original-example.json}
if [[ -n ${2:-} ]]; then
  sink=("$2")
elif [[ -x $root/.artifacts/bin/peepshow-sink-event-track ]]; then
  sink=("$root/.artifacts/bin/peepshow-sink-event-track")
else
  # Built once here, then run three times: `dotnet run` would check the build on every call.
  build_log=$(dotnet build "$root/sinks/Peepshow.Sinks.EventTrack" -f net10.0 -c Debug -nologo 2>&1) || { echo "$build_log" >&2; exit 1; }
  sink=(dotnet "$root/sinks/Peepshow.Sinks.EventTrack/bin/Debug/net10.0/peepshow-sink-event-track.dll")
fi

# The double runs until its stdin closes; the coprocess pipe is that stdin.
coproc DOUBLES { dotnet run --project "$root/tests/Peepshow.Testing" -- event-track 2>/dev/null; }
trap 'exec {DOUBLES[1]}>&- 2>/dev/null || true; wait 2>/dev/null || true' EXIT

read -r -t 120 -u "${DOUBLES[0]}" listening || { echo "demo: the analytics doubles did not start" >&2; exit 1; }
base=${listening#listening on }
echo "analytics doubles $listening"

declare -A paths=([mixpanel]=/track [amplitude]=/2/httpapi [segment]=/v1/track)
for provider in mixpanel amplitude segment; do
  echo
  echo "\$ EVENT_TRACK_PROVIDER=$provider peepshow-sink-event-track < $(basename "$payload")"
  EVENT_TRACK_PROVIDER=$provider EVENT_TRACK_TOKEN=demo-event-track-token EVENT_TRACK_USER_ID=demo-user \
    EVENT_TRACK_ENDPOINT="$base${paths[$provider]}" "${sink[@]}" < "$payload"
  read -r -t 30 -u "${DOUBLES[0]}" stored || { echo "demo: $provider stored nothing" >&2; exit 1; }
  echo "$provider stored: $stored"
done
