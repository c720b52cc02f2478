#!/usr/bin/env bash
# Regenerates docs/screenshot.png: the app on the Norfolk 2014 scenario filling a virtual screen
# (Xvfb), 1280x800 unless SIZE is given, e.g. SIZE=1366x768 (a common council laptop) or
# SIZE=1920x1080. Needs: apt-get install -y xvfb imagemagick x11-utils xdotool
# Usage: [SIZE=WxH] scripts/screenshot.sh [output.png] [extra app arguments...]
set -euo pipefail
cd "$(dirname "$0")/.."
output="${1:-docs/screenshot.png}"
shift || true
size="${SIZE:-1280x800}"
width="${size%x*}"
height="${size#*x}"
cargo build --release --locked
# A fresh settings folder, so a remembered window size or view does not change the picture.
settings="$(mktemp -d)"
trap 'rm -rf "$settings"' EXIT
export XDG_DATA_HOME="$settings" XDG_CONFIG_HOME="$settings"
xvfb-run -a -s "-screen 0 ${width}x${height}x24" bash -c '
  target/release/care-levers "$@" &
  app=$!
  # Wait for the window to appear and draw (llvmpipe is slow on the first frames).
  for _ in $(seq 1 60); do
    if xwininfo -root -tree 2>/dev/null | grep -q "Care Levers"; then break; fi
    sleep 0.5
  done
  # Fill the screen (there is no window manager to do it), and park the pointer in a corner so
  # no hover crosshair shows.
  if command -v xdotool >/dev/null; then
    window=$(xdotool search --name "Care Levers" | head -1)
    xdotool windowmove "$window" 0 0 windowsize "$window" '"$width"' '"$height"'
    xdotool mousemove '"$((width - 1))"' '"$((height - 1))"'
  fi
  sleep 5
  import -window root "'"$output"'"
  ps -o rss= -p "$app" | awk "{printf \"resident memory after start: %.0f MB\n\", \$1/1024}"
  kill "$app"
' _ "$@"
echo "wrote $output"
