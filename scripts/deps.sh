#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Vitrina needs to build, run and test,
# skipping the ones already there (idempotent). Uses sudo when not root.
set -euo pipefail

PKGS=(
  # build: FFmpeg 5.1 development headers for go-astiav, and cgo
  pkg-config gcc libavcodec-dev libavformat-dev libavfilter-dev libavdevice-dev
  libswscale-dev libswresample-dev libavutil-dev
  # tests and benchmarks: the ffmpeg/ffprobe CLIs, a real RTMP server
  ffmpeg nginx-light libnginx-mod-rtmp
  # tests: real IRC server, headless browser, virtual display and screenshots
  ngircd chromium xvfb imagemagick
  # tests: a real Secret Service (OS keyring) on a private D-Bus session bus
  dbus-daemon gnome-keyring
  # GUI (fyne)
  libgl1-mesa-dev xorg-dev
  # fonts for the studio and the test-pattern labels
  fonts-dejavu-core
  # studio window: software GL under Xvfb, CJK glyphs for the Chinese
  # interface, and xwininfo for the window tests
  libgl1-mesa-dri fonts-noto-cjk x11-utils
)

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all ${#PKGS[@]} packages present"
else
  echo "deps: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v go >/dev/null 2>&1; then
  echo "deps: Go 1.26 or newer is needed (https://go.dev/dl/); it is not packaged for Debian 12" >&2
  exit 1
fi

# WHIP/WHEP tests: MediaMTX, built once from the Go module proxy and cached.
"$(dirname "$0")/mediamtx.sh" >/dev/null
# Browser tests: playwright-core drives Debian's Chromium (never a download).
browser="$(dirname "$0")/browser"
if [ ! -d "$browser/node_modules/playwright-core" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm
  fi
  (cd "$browser" && npm ci --silent --no-audit --no-fund)
fi
