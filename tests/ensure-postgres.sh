#!/usr/bin/env bash
# The integration suite also runs on a throwaway PostgreSQL (tests/pg-server.ts): Debian's server binaries.
set -euo pipefail
if command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then exit 0; fi
echo "PostgreSQL is missing: installing Debian's postgresql package (needs root and the Debian mirrors)..."
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
ls /usr/lib/postgresql/*/bin/initdb
