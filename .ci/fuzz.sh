#!/usr/bin/env bash
# Runs every Fuzz* target of the module for FUZZTIME each, from its seed
# corpus. A failure that writes a reproducer to testdata/fuzz fails the
# run (commit the file: it becomes a regression test). A bare "context
# deadline exceeded" at the fuzztime boundary with no reproducer is Go's
# fuzz-coordinator race (go.dev/issue/75804, fixed in Go 1.27, not in
# 1.26.x): it is reported as a flake, not a failure.
set -u
FUZZTIME="${FUZZTIME:-8s}"
GO="${GO:-go}"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
for f in $(grep -rl --include='*_test.go' '^func Fuzz' . | sort); do
  pkg=$(dirname "$f")
  for t in $(grep -o '^func Fuzz[A-Za-z0-9_]*' "$f" | sed 's/^func //'); do
    corpus="$pkg/testdata/fuzz/$t"
    before=$(ls "$corpus" 2>/dev/null | wc -l)
    echo "fuzz $pkg $t ($FUZZTIME)"
    if ! "$GO" test -run '^$' -fuzz "^$t\$" -fuzztime "$FUZZTIME" -fuzzminimizetime 10s "$pkg" >"$log" 2>&1; then
      after=$(ls "$corpus" 2>/dev/null | wc -l)
      if [ "$after" -eq "$before" ] && grep -q 'context deadline exceeded' "$log"; then
        echo "  flake: Go fuzz coordinator deadline race, no reproducer written (go.dev/issue/75804)"
        continue
      fi
      cat "$log"
      status=1
    fi
  done
done
exit $status
