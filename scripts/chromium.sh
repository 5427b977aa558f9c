#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the dashboard's browser tests (Playwright drives /usr/bin/chromium; it
# never downloads a browser). Installs it with apt when missing; prints nothing when it is there.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "chromium.sh: installing chromium with apt-get" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >&2
