#!/usr/bin/env bash
# What the store and browser tests need from Debian, installed when missing: PostgreSQL (the tests
# start their own throw-away server on loopback, see tests/servers.py) and Chromium with its driver
# (driven headless by Playwright at /usr/bin/chromium). Needs root or password-less sudo to install.
set -euo pipefail
need=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" > /dev/null || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then sudo=(); elif sudo -n true 2>/dev/null; then sudo=(sudo); else
  echo "the tests need: ${need[*]} (apt-get install ${need[*]}); run as root or with sudo" >&2; exit 1
fi
echo "installing ${need[*]} from Debian" >&2
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${need[@]}" > /dev/null
