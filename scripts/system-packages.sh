#!/usr/bin/env bash
# The Debian packages the tests need, installed when missing (sourced by scripts/test.sh):
# Chromium for the browser tests, poppler-utils to read generated PDFs, Pango/HarfBuzz/
# fontconfig and a font for WeasyPrint, gettext for the translations.
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
dpkg -s libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libfontconfig1 fonts-dejavu-core >/dev/null 2>&1 \
  || need+=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libfontconfig1 fonts-dejavu-core)
command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
if [ ${#need[@]} -gt 0 ]; then
  printf '\033[1m==> installing %s\033[0m\n' "${need[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
