#!/usr/bin/env bash
# Tests the .deb (run by hand, as root, after scripts/package-linux.sh): `apt install ./...deb`
# puts care-levers on the PATH and in the menu; `run` on every shipped scenario gives the same
# JSON as the cargo build; `check` refuses a bad file with exit code 2; the menu entry opens a
# window that draws; a double-clicked (`gio open`) .carelevers file opens in the app; the time to
# first frame; `apt purge` leaves none of the package's files behind.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
source scripts/package-test-lib.sh
deb=$(ls -t target/debian/care-levers_*.deb 2>/dev/null | head -1 || true)
[ -n "$deb" ] || { echo "no target/debian/care-levers_*.deb: run scripts/package-linux.sh first" >&2; exit 1; }

install_missing /usr/bin/Xvfb:xvfb /usr/bin/import:imagemagick /usr/bin/xdotool:xdotool \
            /usr/bin/gio:libglib2.0-bin /usr/bin/desktop-file-validate:desktop-file-utils \
            /usr/bin/update-mime-database:shared-mime-info
cargo build --release --locked --bin care-levers
built="$root/target/release/care-levers"

work=$(mktemp -d)
# A fresh home: no remembered settings, and the app's settings land where the test can see them.
export HOME="$work/home" XDG_DATA_HOME="$work/home/.local/share" XDG_CONFIG_HOME="$work/home/.config"
mkdir -p "$HOME"
cleanup() { pkill -x care-levers 2>/dev/null || true; stop_display; rm -rf "$work"; }
trap cleanup EXIT

echo "== install"
check "apt install ./$(basename "$deb")" bash -c "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq '$root/$deb' >/dev/null"
dpkg -L care-levers | while read -r f; do if [ -f "$f" ]; then echo "$f"; fi; done > "$work/files.txt"
echo "      $(wc -l < "$work/files.txt") files installed"
check "care-levers is on the PATH at /usr/bin" test "$(command -v care-levers)" = /usr/bin/care-levers
check "the menu entry is valid" desktop-file-validate /usr/share/applications/care-levers.desktop
check "the icon is installed" test -f /usr/share/icons/hicolor/256x256/apps/care-levers.png
check "the licences are installed" test -s /usr/share/doc/care-levers/THIRD-PARTY-LICENCES.html

echo "== command line"
for file in saved_scenarios/*.ron; do
  "$built" run "$file" > "$work/built.json"
  care-levers run "$file" > "$work/installed.json"
  check "run $(basename "$file"): same JSON as the cargo build" cmp -s "$work/built.json" "$work/installed.json"
done
printf 'Scenario( name: "bad", horizon_months: -3 )\n' > "$work/bad.carelevers"
set +e
care-levers check "$work/bad.carelevers" > /dev/null 2> "$work/check.err"
code=$?
set -e
check "check refuses a bad file with exit code 2 (got $code)" test "$code" -eq 2

echo "== window"
start_display
times=()
for attempt in 1 2 3; do
  if [ "$attempt" -eq 1 ]; then
    # As the menu does: launch the desktop entry.
    ms=$(time_to_first_frame gio launch /usr/share/applications/care-levers.desktop) || { check "the menu entry opens a window that draws" false; break; }
    id=$(wait_for_window "Care Levers" 5)
    colours=$(window_colours "$id")
    check "the menu entry opens a window that draws ($colours colours)" test "$colours" -gt 100
    import -window root "$root/target/debian/linux-window.png"
  else
    ms=$(time_to_first_frame care-levers)
  fi
  times+=("$ms")
  pkill -x care-levers || true; sleep 1
done
echo "      time to first frame on Linux (llvmpipe): ${times[*]} ms (median $(median "${times[@]}") ms)"

echo "== double-click a scenario file"
cp saved_scenarios/norfolk_2017_programme.ron "$work/Norfolk 2017 programme.carelevers"
type=$(gio info --attributes=standard::content-type "$work/Norfolk 2017 programme.carelevers" | sed -n 's/.*standard::content-type: //p')
check ".carelevers is a Care Levers scenario ($type)" test "$type" = application/x-care-levers-scenario
check "Care Levers opens it by default" bash -c "gio mime application/x-care-levers-scenario | grep -q care-levers.desktop"
gio open "$work/Norfolk 2017 programme.carelevers" &
if id=$(wait_for_window "Norfolk 2017" 60); then
  check "gio open FILE.carelevers opens it: $(xdotool getwindowname "$id")" true
else
  check "gio open FILE.carelevers opens it" false
fi
pkill -x care-levers || true; sleep 1

echo "== uninstall"
check "apt purge care-levers" bash -c "DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq care-levers >/dev/null"
left=$(while read -r f; do if [ -e "$f" ]; then echo "$f"; fi; done < "$work/files.txt" | wc -l)
check "none of the package's files left ($left)" test "$left" -eq 0
check "the file type is gone" bash -c "! grep -q care-levers /usr/share/mime/packages/* 2>/dev/null"

echo "package $(du -h "$deb" | cut -f1), program $(du -h "$built" | cut -f1) before stripping"
if [ "${FAILURES:-0}" -gt 0 ]; then echo "$FAILURES check(s) failed"; exit 1; fi
echo "all checks passed"
