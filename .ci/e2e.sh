#!/usr/bin/env bash
# The editor layers that need a real VS Code: installs code-server (the recipe in
# scripts/install-code-server.sh, with Debian Chromium), builds and packages the
# extension, runs the in-host extension suite inside code-server, then the UI
# test against the packaged .vsix. Exits non-zero when any step fails.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
step() { echo; echo "== e2e: $* ($(( $(date +%s) - start ))s)"; }

export PREFIX="${PREFIX:-/tmp/clio-e2e/code-server}"
export CODE_SERVER="${CODE_SERVER:-$PREFIX/bin/code-server}"
if [ ! -x "$CODE_SERVER" ]; then
  step "install code-server into $PREFIX"
  bash scripts/install-code-server.sh
else
  step "code-server already installed: $("$CODE_SERVER" --version | head -1)"
fi
command -v "${CHROMIUM:-/usr/bin/chromium}" >/dev/null || { echo "chromium is missing (apt-get install chromium)" >&2; exit 1; }

step "build and package the extension"
node scripts/build.mjs
npm run package
test -f clio-history.vsix

step "grammar tests"
npm run test:grammar

step "extension suite inside code-server"
node test/e2e/build-suite.mjs
CLIO_REBUILD=0 node test/e2e/run-code-server.mjs

step "UI test (packaged .vsix in code-server + Chromium)"
VSIX="$PWD/clio-history.vsix" node test/e2e/ui.test.mjs

step "done"
