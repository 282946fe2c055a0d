#!/bin/sh
# Installs the Debian packages the tests need, when they are missing:
#   chromium  the browser test of report.html (concordance/report) loads the
#             report headless and fails on console errors or missing figures.
# A no-op when everything is present. Where nothing can be installed (not
# root, no apt-get, no package mirror) it says so and goes on: the browser
# test then skips with a message naming what is missing.
set -eu

have() { command -v "$1" >/dev/null 2>&1; }

if ! have chromium && ! have chromium-browser; then
	if [ "$(id -u)" = 0 ] && have apt-get; then
		echo "test-deps: installing chromium (Debian) for the report.html browser test" >&2
		if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }; then
			echo "test-deps: could not install chromium; the browser test will skip" >&2
		fi
	else
		echo "test-deps: chromium is missing and cannot be installed here (needs root and apt-get); the browser test will skip" >&2
	fi
fi
exit 0
