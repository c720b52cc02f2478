#!/usr/bin/env bash
# Regenerates docs/screenshot.png: the app on the Norfolk 2014 scenario in a 1280x800 window
# under a virtual X display (Xvfb). Needs: apt-get install -y xvfb imagemagick x11-utils (xdotool optional)
# Usage: scripts/screenshot.sh [output.png] [extra app arguments...]
set -euo pipefail
cd "$(dirname "$0")/.."
output="${1:-docs/screenshot.png}"
shift || true
cargo build --release --locked
# A fresh settings folder, so a remembered window size or view does not change the picture.
settings="$(mktemp -d)"
trap 'rm -rf "$settings"' EXIT
export XDG_DATA_HOME="$settings" XDG_CONFIG_HOME="$settings"
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  target/release/care-levers "$@" &
  app=$!
  # Wait for the window to appear and draw (llvmpipe is slow on the first frames).
  for _ in $(seq 1 60); do
    if xwininfo -root -tree 2>/dev/null | grep -q "Care Levers"; then break; fi
    sleep 0.5
  done
  # Park the pointer in a corner so no hover crosshair shows (xdotool is optional).
  if command -v xdotool >/dev/null; then xdotool mousemove 1279 799; fi
  sleep 4
  import -window root "'"$output"'"
  ps -o rss= -p "$app" | awk "{printf \"resident memory after start: %.0f MB\n\", \$1/1024}"
  kill "$app"
' _ "$@"
echo "wrote $output"
