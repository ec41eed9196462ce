#!/usr/bin/env bash
# Builds MediaMTX (the WHIP/WHEP server the tests stream to) from the Go
# module proxy and caches the binary outside the repo. `go install` cannot be
# used: the proxy refuses MediaMTX's version list, so the module is
# downloaded at its exact version and built in a writable copy, with the two
# files its release process normally generates. Prints the binary's path.
set -euo pipefail

VERSION=v1.15.3
HLSJS=1.6.13
CACHE="${VITRINA_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/vitrina}"
BIN="$CACHE/mediamtx-$VERSION"

if [ -x "$BIN" ]; then
  echo "$BIN"
  exit 0
fi
mkdir -p "$CACHE"
work="$(mktemp -d)"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

dir="$(go mod download -json "github.com/bluenviron/mediamtx@$VERSION" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')"
if [ -z "$dir" ]; then
  echo "mediamtx: go mod download gave no directory" >&2
  exit 1
fi
cp -r "$dir" "$work/src"
chmod -R u+w "$work/src"
echo "$VERSION" > "$work/src/internal/core/VERSION"
(cd "$work" && npm pack --silent "hls.js@$HLSJS" >/dev/null && tar -xzf "hls.js-$HLSJS.tgz")
cp "$work/package/dist/hls.min.js" "$work/src/internal/servers/hls/hls.min.js"
echo "mediamtx: building $VERSION (about 1.5 minutes, once)" >&2
(cd "$work/src" && CGO_ENABLED=0 go build -o "$BIN.tmp" .)
mv "$BIN.tmp" "$BIN"
echo "$BIN"
