#!/usr/bin/env bash
# Runs the libFuzzer targets of fuzz/ (built with `cmake --preset fuzz && cmake --build --preset fuzz`).
#   scripts/fuzz.sh                     every target for an hour each, new inputs kept in build/fuzz/corpus/
#   scripts/fuzz.sh TARGET [SECONDS]    one target
#   scripts/fuzz.sh --ci TARGET         what `make test` runs: 20 s over a copy of the committed corpus
# A crash or a sanitizer report stops the target and leaves its input in build/fuzz/findings/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin_dir="$root/build/fuzz/fuzz"
targets=(fuzz_request fuzz_time fuzz_imports fuzz_multipart fuzz_ical fuzz_app)

ci=false
if [[ "${1:-}" == "--ci" ]]; then
  ci=true
  shift
fi
if (($# > 0)); then targets=("$1"); fi
seconds="${2:-3600}"
$ci && seconds=20

findings="$root/build/fuzz/findings"
mkdir -p "$findings"
status=0
for t in "${targets[@]}"; do
  binary="$bin_dir/$t"
  [[ -x "$binary" ]] || { echo "fuzz: $binary is not built (cmake --preset fuzz && cmake --build --preset fuzz)" >&2; exit 2; }
  if $ci; then
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
  else
    work="$root/build/fuzz/corpus/$t"
    mkdir -p "$work"
  fi
  cp -n "$root/fuzz/corpus/$t/"* "$work/" 2>/dev/null || true
  echo "fuzz: $t for ${seconds}s over $(ls "$work" | wc -l) inputs" >&2
  if ! "$binary" "$work" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
    -artifact_prefix="$findings/$t-" -print_final_stats=1 2>"$root/build/fuzz/$t.log"; then
    tail -50 "$root/build/fuzz/$t.log" >&2
    status=1
  fi
  grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ +DONE)" "$root/build/fuzz/$t.log" >&2 || true
  if $ci; then rm -rf "$work"; trap - EXIT; fi
done
exit $status
