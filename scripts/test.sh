#!/usr/bin/env bash
# Sets up fc-admin with its test extras and runs the whole test suite: SQLite and the PostgreSQL
# server on 127.0.0.1:5432 (started here if it is installed and down), the GUI offscreen.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh "test,postgresql,dev"
if command -v pg_ctlcluster >/dev/null 2>&1 && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
