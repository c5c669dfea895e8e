#!/usr/bin/env bash
# Sets up a fresh machine: pnpm at the pinned version, the locked dependencies, a Chromium for browser tests, a
# redis-server for the server package's Redis store tests and PyJWT for its Python interop test.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=12.4.2
NODE_MINIMUM=20.19
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
fail() {
  echo "setup: $*" >&2
  exit 1
}

# Node is the one thing this script does not install: say so plainly rather than fail later inside a tool.
command -v node >/dev/null 2>&1 || fail "Node.js >= $NODE_MINIMUM is required and was not found on the PATH."
node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' ||
  fail "Node.js >= $NODE_MINIMUM is required; this is $(node --version)."

if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  echo "setup: installing pnpm $PNPM_VERSION"
  # corepack cannot verify signatures against this registry, so npm installs pnpm directly; as root only when npm's
  # global folder is not writable (a Node from nvm installs as the user, and sudo would not find its npm).
  if [ -w "$(npm prefix --global)" ]; then
    npm install --global --no-fund --no-audit "pnpm@$PNPM_VERSION"
  else
    as_root npm install --global --no-fund --no-audit "pnpm@$PNPM_VERSION"
  fi
fi

# Debian packages still missing, installed together below.
apt_packages=()

# The places scripts/findChromium.ts looks, in its order.
if [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] || fail "CHROMIUM_PATH is '$CHROMIUM_PATH', which is not an executable file."
  echo "setup: using Chromium at $CHROMIUM_PATH"
elif command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  echo "setup: using Chromium at $(command -v chromium || command -v chromium-browser)"
else
  echo "setup: installing Debian's chromium for browser tests"
  apt_packages+=(chromium)
fi

# The Redis store's tests start their own redis-server (packages/server/test/startRedisServer.ts looks here too).
if [ -n "${REDIS_SERVER_PATH:-}" ]; then
  [ -x "$REDIS_SERVER_PATH" ] || fail "REDIS_SERVER_PATH is '$REDIS_SERVER_PATH', which is not an executable file."
  echo "setup: using redis-server at $REDIS_SERVER_PATH"
elif command -v redis-server >/dev/null 2>&1; then
  echo "setup: using redis-server at $(command -v redis-server)"
else
  echo "setup: installing Debian's redis-server for the Redis store tests"
  apt_packages+=(redis-server)
fi

# The server's Python interop test runs the README's PyJWT check with the first of these that can `import jwt`
# (packages/server/test/findPythonWithJwt.ts): a pyenv python3 on the PATH may lack it, Debian's /usr/bin/python3
# gets it from python3-jwt.
if [ -n "${PYTHON_JWT_PATH:-}" ]; then
  "$PYTHON_JWT_PATH" -c 'import jwt' 2>/dev/null || fail "PYTHON_JWT_PATH is '$PYTHON_JWT_PATH', which cannot import jwt."
  echo "setup: using PyJWT through $PYTHON_JWT_PATH"
elif /usr/bin/python3 -c 'import jwt' 2>/dev/null || python3 -c 'import jwt' 2>/dev/null; then
  echo "setup: using PyJWT already installed"
else
  echo "setup: installing Debian's python3-jwt for the Python interop test"
  apt_packages+=(python3-jwt)
fi

# One apt-get run for everything missing. Debian's package starts no server here (no systemd in a container; the
# tests start their own on a free port), and where systemd does start one, the tests do not use it.
if [ "${#apt_packages[@]}" -gt 0 ]; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_packages[@]}" >/dev/null
fi

pnpm install --frozen-lockfile
