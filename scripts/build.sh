#!/usr/bin/env bash
# Compiles the project into dist/ (tsc, then tsc-alias for the @uamd/* paths), unless no input
# changed since the last build; `--force` builds anyway.
# The stamp dist/.build-stamp carries the time the last successful build started, so a file saved
# during a build still counts as changed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
STAMP=dist/.build-stamp

# shellcheck source=scripts/changed-source.sh
source scripts/changed-source.sh

if [[ "${1:-}" != "--force" && -f "$STAMP" && -f dist/apps/cli/src/main.js && -z "$(changed_source .)" ]]; then
  exit 0
fi
started="$(date +%s)"
npx tsc -p tsconfig.build.json
npx tsc-alias -p tsconfig.build.json
chmod +x dist/apps/cli/src/main.js
touch -d "@$started" "$STAMP"
