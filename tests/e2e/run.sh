#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "$0")/../.."
bash tests/e2e/ensure-chromium.sh
# two-instances.test.ts runs the shop on a throwaway PostgreSQL (tests/cluster.ts).
bash tests/ensure-postgres.sh
npx remix build >/dev/null
npx vitest run --config .config/vitest.config.ts --project e2e "$@"
