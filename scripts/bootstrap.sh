#!/usr/bin/env bash
# Idempotent set-up for a fresh machine that has only Node 20 and npm:
# pnpm (the pinned version), the workspace's dependencies, and (with --browser) a Chromium for Playwright.
set -euo pipefail
cd "$(dirname "$0")/.."

pnpm_version=$(node -p 'require("./package.json").packageManager.split("@")[1]')
if [ "$(pnpm --version 2>/dev/null || true)" != "$pnpm_version" ]; then
  echo "bootstrap: installing pnpm@$pnpm_version with npm"
  npm install --global --no-fund --no-audit "pnpm@$pnpm_version" >/dev/null
fi

if [ "${CI:-}" = "true" ]; then
  pnpm install --frozen-lockfile
else
  pnpm install --prefer-offline
fi

if [ "${1:-}" = "--browser" ]; then
  # Playwright cannot download its own browser here, so the e2e suite drives Debian's Chromium.
  if [ -z "${PLAYWRIGHT_CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
      echo "bootstrap: installing Debian's chromium for the e2e suite"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
      echo "bootstrap: no Chromium found. Install one (Debian: sudo apt-get install chromium) or set PLAYWRIGHT_CHROMIUM_PATH." >&2
      exit 1
    fi
  fi
fi
