#!/usr/bin/env bash
# Start a whole meshforge cluster on this machine (docs/deploy.md): PostgreSQL (a fresh
# database on the local server), its own Redis, an S3 endpoint (moto), two API nodes and
# two Celery worker nodes. Prints the addresses and the API key; Ctrl-C stops it all and
# drops the database. Options: tools/cluster/launch.py --help.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
[ -x "$PYTHON" ] || PYTHON=python3
exec "$PYTHON" tools/cluster/launch.py "$@"
