#!/usr/bin/env bash
# Sourced by scripts/build.sh and scripts/uamd: the one list of what a build reads.
# changed_source ROOT prints the first input newer than ROOT/dist/.build-stamp (nothing when none is).
changed_source() {
  (cd "$1" && find apps libs schemas scenarios test tsconfig.json tsconfig.build.json package-lock.json \
    -newer dist/.build-stamp \( -name '*.ts' -o -name '*.json' -o -name '*.avsc' \) -print -quit 2>/dev/null) || true
}
