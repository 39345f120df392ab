#!/usr/bin/env bash
# Sets up fc-admin and starts the desktop application: on the configured database, or on a fresh
# demo database (signed in as a demo administrator) when none is configured.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh postgresql
if [ -n "${FC_ADMIN_DATABASE_URL:-}" ] || .venv/bin/python -c \
  'import sys; from fc_admin.settings import default_settings_file as f; sys.exit(0 if f().exists() else 1)'
then
  exec .venv/bin/fc-admin gui "$@"
else
  exec .venv/bin/fc-admin gui --demo "$@"
fi
