# Shared by the packaging and package-test scripts (sourced, not run).
# Needs: xvfb, imagemagick, xdotool. All functions expect DISPLAY to be set.

# Installs with apt-get the Debian packages whose files are missing; arguments are FILE:PACKAGE.
install_missing() {
  local pair need=()
  for pair in "$@"; do
    [ -e "${pair%%:*}" ] || need+=("${pair##*:}")
  done
  if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
  fi
}

# Starts Xvfb on a free display at 1366x768 and exports DISPLAY; stop_display stops it.
start_display() {
  local n
  for n in $(seq 90 120); do
    if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then
      Xvfb ":$n" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
      XVFB_PID=$!
      export DISPLAY=":$n"
      for _ in $(seq 1 50); do
        xdotool getdisplaygeometry >/dev/null 2>&1 && return 0
        sleep 0.1
      done
    fi
  done
  echo "cannot start Xvfb" >&2
  return 1
}
stop_display() { [ -n "${XVFB_PID:-}" ] && kill "$XVFB_PID" 2>/dev/null || true; }

# The id of the first visible window whose title contains $1, waiting up to $2 seconds (or "").
wait_for_window() {
  local name=$1 timeout=${2:-60} id deadline
  deadline=$(( $(date +%s) + timeout ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    id=$(xdotool search --onlyvisible --name "$name" 2>/dev/null | head -1 || true)
    if [ -n "$id" ]; then echo "$id"; return 0; fi
    sleep 0.05
  done
  return 1
}

# How many colours a window shows: a blank (unpainted) window shows 1 or 2.
window_colours() { import -window "$1" png:- 2>/dev/null | convert - -format %k info: 2>/dev/null || echo 0; }

# Milliseconds from running "$@" in the background to its window "Care Levers..." showing a
# drawn frame (more than 100 colours: text, charts). Prints the figure; leaves the program running
# with its pid in APP_PID.
time_to_first_frame() {
  local started now id colours
  started=$(date +%s%N)
  "$@" >/dev/null 2>&1 &
  APP_PID=$!
  id=$(wait_for_window "Care Levers" 120) || { echo "no window" >&2; return 1; }
  for _ in $(seq 1 1200); do
    colours=$(window_colours "$id")
    if [ "${colours:-0}" -gt 100 ]; then
      now=$(date +%s%N)
      echo $(( (now - started) / 1000000 ))
      return 0
    fi
    sleep 0.05
  done
  echo "the window stayed blank" >&2
  return 1
}

# The median of the numbers given.
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

check() {  # check "what" command...: runs the command, prints PASS/FAIL, counts failures
  local what=$1; shift
  if "$@"; then echo "PASS  $what"; else echo "FAIL  $what"; FAILURES=$(( ${FAILURES:-0} + 1 )); fi
}
