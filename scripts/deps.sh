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
  # GUI (fyne)
  libgl1-mesa-dev xorg-dev
  # fonts for the studio and the test-pattern labels
  fonts-dejavu-core
)

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all ${#PKGS[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"

if ! command -v go >/dev/null 2>&1; then
  echo "deps: Go 1.26 or newer is needed (https://go.dev/dl/); it is not packaged for Debian 12" >&2
  exit 1
fi
