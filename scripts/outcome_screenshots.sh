#!/usr/bin/env bash
# Regenerates docs/plan_against_outcome.png (the 2014 plan's chart with the counts) and
# docs/uncertainty.png (its bands beside doing nothing's), at 1366x768 under Xvfb.
# Needs: apt-get install -y xvfb imagemagick x11-utils xdotool
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked
settings="$(mktemp -d)"
trap 'rm -rf "$settings"' EXIT
export XDG_DATA_HOME="$settings" XDG_CONFIG_HOME="$settings"
xvfb-run -a -s "-screen 0 1366x768x24" bash -c '
  target/release/care-levers &
  app=$!
  for _ in $(seq 1 60); do xwininfo -root -tree 2>/dev/null | grep -q "Care Levers" && break; sleep 0.5; done
  sleep 2
  w=$(xdotool search --name "Care Levers" | head -1)
  xdotool windowmove "$w" 0 0 windowsize "$w" 1366 768; sleep 1
  xdotool windowfocus "$w"; sleep 0.5
  # Open the 2014 plan (the path box stands in for a file dialog under Xvfb).
  xdotool key ctrl+o; sleep 1.5
  xdotool key ctrl+a; xdotool type --delay 5 "$PWD/saved_scenarios/norfolk_2014_target_770.ron"
  xdotool key Return; sleep 3
  xdotool mousemove 1365 767; sleep 1
  import -window root docs/plan_against_outcome.png
  # The Uncertainty tab, at its place in the tab row at this size; wait for the bands.
  xdotool mousemove 1117 153 click 1; sleep 6; xdotool mousemove 1365 767; sleep 1
  import -window root docs/uncertainty.png
  kill "$app"
'
echo "wrote docs/plan_against_outcome.png docs/uncertainty.png"
