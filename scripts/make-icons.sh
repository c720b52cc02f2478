#!/usr/bin/env bash
# Renders assets/icon/care-levers.svg to the PNG the window and the Linux package use and the
# ICO the Windows exe and installer use. Run by hand after changing the SVG; the outputs are
# committed so that builds need neither tool.
# Needs: librsvg2-bin (rsvg-convert) and imagemagick (convert).
set -euo pipefail
cd "$(dirname "$0")/../assets/icon"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for size in 16 24 32 48 64 128 256; do
  rsvg-convert -w "$size" -h "$size" care-levers.svg -o "$tmp/$size.png"
done
cp "$tmp/256.png" care-levers.png
convert "$tmp"/{16,24,32,48,64,128,256}.png care-levers.ico
echo "wrote assets/icon/care-levers.png and care-levers.ico"
