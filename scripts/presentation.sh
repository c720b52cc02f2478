#!/usr/bin/env bash
# Regenerates docs/presentation.png: meeting mode (F5) at 1920x1080 on the Norfolk 2014 target
# scenario, under a virtual X display. Needs: apt-get install -y xvfb imagemagick x11-utils xdotool
set -euo pipefail
cd "$(dirname "$0")/.."
output="${1:-docs/presentation.png}"
cargo build --release --locked
settings="$(mktemp -d)"
trap 'rm -rf "$settings"' EXIT
export XDG_DATA_HOME="$settings" XDG_CONFIG_HOME="$settings"
xvfb-run -a -s "-screen 0 1920x1080x24" bash -c '
  target/release/care-levers &
  app=$!
  for _ in $(seq 1 60); do
    if xwininfo -root -tree 2>/dev/null | grep -q "Care Levers"; then break; fi
    sleep 0.5
  done
  sleep 3
  window=$(xdotool search --name "Care Levers" | head -1)
  xdotool windowfocus "$window"; sleep 0.5
  # Open the 2014 target beside the do-nothing scenario (the path box stands in for a dialog).
  xdotool key ctrl+shift+o; sleep 1.5
  xdotool key ctrl+a; xdotool type --delay 5 "$PWD/saved_scenarios/norfolk_2014_target_770.ron"
  xdotool key Return; sleep 1.5
  xdotool key F5; sleep 2
  xdotool mousemove 1919 1079; sleep 2
  import -window root "'"$output"'"
  kill "$app"
' _
echo "wrote $output"
