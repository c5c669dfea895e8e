#!/usr/bin/env bash
# Checks that each built package is publishable: publint (strict) and Are The Types Wrong (ESM-only profile).
set -euo pipefail
cd "$(dirname "$0")/.."
for dir in packages/*/; do
  echo "check-packages: ${dir%/}"
  (cd "$dir" && pnpm exec publint --strict && pnpm exec attw --pack . --profile esm-only --format table-flipped)
done
