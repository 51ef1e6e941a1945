#!/usr/bin/env bash
# The Debian/Ubuntu packages the edition needs, installed when missing: bash .ci/system-packages.sh build|test
#   build: TeX Live and the fonts for the PDF (HTML and EPUB need nothing beyond Python).
#   test:  build's, plus poppler-utils (the PDF tests), chromium (the browser tests), epubcheck, jing (TEI All),
#          Java (the Nu HTML Checker).
# Both add python3.11-venv when Python 3.11 cannot make a virtual environment.
# Each package is checked with dpkg-query; when some are missing: apt-get update, then apt-get install
# -y --no-install-recommends with exactly those. As root directly; otherwise through sudo, without a
# prompt when sudo allows it (CI), with sudo's password prompt on a terminal. With neither root nor a
# usable sudo it installs nothing, prints the command to run as root and exits 1, so no build starts.
set -euo pipefail

build_packages=(texlive-xetex texlive-latex-extra texlive-fonts-recommended latexmk fonts-freefont-otf
  texlive-plain-generic)
test_packages=("${build_packages[@]}" poppler-utils chromium epubcheck jing default-jre-headless)

case "${1:-}" in
  build) wanted=("${build_packages[@]}") ;;
  test) wanted=("${test_packages[@]}") ;;
  *) echo "usage: $0 build|test" >&2; exit 2 ;;
esac

missing=()
for package in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$package")
done
# The Python that .ci/venv.sh uses; python3.11-venv gives it ensurepip (setup-python's builds have it already).
python=$(command -v python3.11 || command -v python3 || true)
if [ -n "$python" ] && ! "$python" -c 'import ensurepip, venv' 2>/dev/null; then
  missing+=(python3.11-venv)
fi
[ ${#missing[@]} -gt 0 ] || exit 0

install=(apt-get install -y --no-install-recommends "${missing[@]}")
if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
elif command -v sudo >/dev/null && [ -t 0 ]; then
  as_root=(sudo)
else
  {
    echo "error: missing system packages: ${missing[*]}"
    echo "Install them as root (there is no root here and no usable sudo), then run this command again:"
    echo "  apt-get update && ${install[*]}"
  } >&2
  exit 1
fi
echo "installing system packages: ${missing[*]}"
"${as_root[@]}" apt-get update -q
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive "${install[@]}"
