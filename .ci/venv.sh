# Sourced by .ci/build and .ci/test: make .venv with Python 3.11 and install the exact pins.
# Reinstalls only when requirements.txt or pyproject.toml changed since the last install.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY=$(command -v python3.11 || command -v python3 || true)
if [ -z "$PY" ] || ! "$PY" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
  echo "error: Python 3.11 is needed (python3.11 or python3 on PATH)." >&2; exit 1
fi
if [ ! -x .venv/bin/python ]; then
  if ! "$PY" -m venv .venv; then
    echo "error: could not create a virtual environment. On Debian/Ubuntu: sudo apt-get install python3.11-venv" >&2; exit 1
  fi
fi
stamp=$(cat requirements.txt pyproject.toml | sha256sum | cut -d' ' -f1)
if [ "$(cat .venv/.installed 2>/dev/null)" != "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip==24.3.1
  .venv/bin/python -m pip install --quiet -r requirements.txt
  echo "$stamp" > .venv/.installed
fi
export PATH="$PWD/.venv/bin:$PATH"
