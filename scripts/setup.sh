#!/usr/bin/env bash
# Sets up a fresh machine: pnpm at the pinned version, the locked dependencies, and a Chromium for browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=12.4.2
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  echo "setup: installing pnpm $PNPM_VERSION"
  # corepack cannot verify signatures against this registry, so npm installs pnpm directly.
  as_root npm install --global --no-fund --no-audit "pnpm@$PNPM_VERSION"
fi

if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then
  echo "setup: using Chromium at $CHROMIUM_PATH"
elif command -v chromium >/dev/null 2>&1; then
  echo "setup: using Chromium at $(command -v chromium)"
else
  echo "setup: installing Debian's chromium for browser tests"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

pnpm install --frozen-lockfile
