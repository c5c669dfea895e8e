#!/usr/bin/env bash
# Checks that each built package is publishable as pnpm would publish it (workspace ranges rewritten, publishConfig
# applied): publint (strict) and Are The Types Wrong (ESM-only profile) on the packed tarball.
set -euo pipefail
cd "$(dirname "$0")/.."
packs=$(mktemp -d)
trap 'rm -rf "$packs"' EXIT
for dir in packages/*/; do
  echo "check-packages: ${dir%/}"
  (cd "$dir" && pnpm exec publint --strict --pack pnpm)
  tarball=$(cd "$dir" && pnpm pack --pack-destination "$packs" | tail -n 1)
  pnpm exec attw "$tarball" --profile esm-only --format table-flipped
done
