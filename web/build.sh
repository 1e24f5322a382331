#!/usr/bin/env bash
# Builds the browser app into the directory given as $1 (Maven passes target/classes/web).
# Uses the machine's npm; installs only when the lock file changed.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --silent
fi
# Types (JSDoc, checked by tsc) and style (ESLint) first: either failing fails the build.
npx tsc -p .
npx eslint src test
npx vite build --logLevel warn --emptyOutDir --outDir "$1"
