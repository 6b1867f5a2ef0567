#!/bin/sh
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring Secret Service
# (TOOLCHAIN.md recipe): the keychain tests use a real Secret Service without touching the
# user's own keyring. Usage: build/with-keyring.sh <command> [args...]
set -e
export KEYRING_HOME="${KEYRING_HOME:-$(mktemp -d)}"
exec dbus-run-session -- sh -c '
  export XDG_DATA_HOME="$KEYRING_HOME/data" XDG_CACHE_HOME="$KEYRING_HOME/cache" XDG_RUNTIME_DIR="$KEYRING_HOME/run"
  export TOKENALTAR_KEYRING_SESSION=1
  mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
  printf %s "${KEYRING_PASSWORD:-ci-keyring-pw}" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"' sh "$@"
