#!/usr/bin/env bash
# Installs Chromium and chromedriver from Debian's packages if either is missing, for the web
# console's browser tests (console-it). Idempotent: a second run changes nothing.
# Everything goes to stderr; the browser tests find both on the PATH.
set -euo pipefail

log() { echo "chromium.sh: $*" >&2; }

if ! command -v chromedriver >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1; then
    log "installing chromium and chromium-driver from Debian packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq chromium chromium-driver >&2
fi
log "$(chromium --version 2>/dev/null || echo 'chromium: version unknown'); $(chromedriver --version 2>/dev/null | head -n 1)"
