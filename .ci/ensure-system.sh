#!/usr/bin/env bash
# What the tests need from the machine: Debian's Chromium for the browser journeys, and
# PostgreSQL on 127.0.0.1:5432 for the database suites. Installs or starts what is missing.
set -euo pipefail

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromium-headless-shell >/dev/null 2>&1; then
  echo "[system] installing chromium and its headless shell (Debian packages)"
  if [ "$(id -u)" -ne 0 ]; then echo "[system] chromium is missing and this user cannot install it: sudo apt-get install -y chromium" >&2; exit 1; fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-headless-shell >/dev/null
fi

if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  echo "[system] starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
  pg_isready -h 127.0.0.1 -p 5432 -q || { echo "[system] PostgreSQL did not come up on 127.0.0.1:5432" >&2; exit 1; }
fi
