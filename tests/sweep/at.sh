#!/usr/bin/env bash
# Runs a command with the wall clock moved to an instant, for the calendar sweep of `make test`:
#   tests/sweep/at.sh 2027-03-27T22:00:00+01:00 node --test tests/http/bookings.test.mjs
# libfaketime shifts every process of the tree by the same offset (computed here, once), so the
# test runner, the servers and the command-line runs it starts all agree on "now" and the clock
# keeps running from the instant. Monotonic clocks are left alone: timers and time-outs still
# measure real durations.
set -euo pipefail

instant="$1"
shift
target="$(date -d "$instant" +%s)"
offset=$((target - $(date +%s)))
# libfaketime's relative form: a signed number of seconds.
if ((offset >= 0)); then spec="+${offset}"; else spec="${offset}"; fi

export FAKETIME_DONT_FAKE_MONOTONIC=1
# libfaketime is preloaded before the sanitizer runtime of the debug build.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}:verify_asan_link_order=0"
echo "sweep: running at $(faketime -f "$spec" date -u +%Y-%m-%dT%H:%M:%SZ) ($instant): $*" >&2
exec faketime -f "$spec" "$@"
