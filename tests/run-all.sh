#!/usr/bin/env bash
# The whole suite: typecheck, lint, unit + integration (real SQLite per file, msw) and the same integration
# files on a throwaway PostgreSQL (a database per file), then end-to-end in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s ==\033[0m\n' "$1"; }

step "typecheck"
npx tsc --noEmit
step "lint (prettier, eslint)"
npx prettier --check --log-level warn .
npx eslint --config .config/eslint.config.js --max-warnings 0 .
step "unit and integration tests (SQLite and PostgreSQL)"
bash tests/ensure-postgres.sh
npx vitest run --config .config/vitest.config.ts --project unit --project integration --project integration-pg
step "end-to-end tests (real server, real Chromium)"
bash tests/e2e/run.sh
