#!/usr/bin/env bash
# Install meshforge and start the embedded server (SQLite, local worker processes, local
# files) on http://127.0.0.1:8000. Extra arguments go to `meshforge serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
exec .venv/bin/meshforge serve "$@"
