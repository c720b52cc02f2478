#!/usr/bin/env bash
# Tests the Windows installer under Wine and Xvfb (run by hand after scripts/package-windows.sh):
# a silent per-user install into a fresh Wine prefix; `run` on every shipped scenario gives the
# same JSON, byte for byte, as the Linux build; `check` refuses a bad file with exit code 2; the
# window opens and draws; a double-clicked (`wine start`) scenario file opens in the app; the
# time to first frame; uninstalling leaves no files or keys behind.
#
# Wine 8 lacks bcryptprimitives.dll's ProcessPrng, which Rust's std calls on Windows 10 and later
# (real Windows has it). For this test only, a small shim DLL is put beside the installed exe
# and taken away again before uninstalling; it is never shipped.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
source scripts/package-test-lib.sh
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
msi="$root/target/dist/CareLevers-$version-x64.msi"
[ -f "$msi" ] || { echo "no $msi: run scripts/package-windows.sh first" >&2; exit 1; }

install_missing /usr/bin/wine:wine64 /usr/bin/Xvfb:xvfb /usr/bin/import:imagemagick \
            /usr/bin/xdotool:xdotool /usr/bin/x86_64-w64-mingw32-gcc:gcc-mingw-w64-x86-64
cargo build --release --locked --bin care-levers
linux_exe="$root/target/release/care-levers"

work=$(mktemp -d)
export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
cleanup() { wineserver -k 2>/dev/null || true; stop_display; rm -rf "$work"; }
trap cleanup EXIT
start_display
wineboot -i >/dev/null 2>&1
wineserver -w
user=$(ls "$WINEPREFIX/drive_c/users" | grep -v -x Public | head -1)
installdir="$WINEPREFIX/drive_c/users/$user/AppData/Local/Programs/Care Levers"
exe="$installdir/care-levers.exe"
# Every file in the prefix before installing, but Wine's own registry files and temp files.
listing() { (cd "$WINEPREFIX" && find . -type f ! -name '*.reg' ! -path './drive_c/users/*/Temp/*' \
  ! -path './drive_c/windows/Installer/*' ! -path './drive_c/users/*/AppData/Roaming/Care Levers/*' \
  | sort); }
listing > "$work/before.txt"

echo "== install"
started=$(date +%s%N)
check "msiexec /i installs silently (exit 0)" wine msiexec /i "$msi" /qn
echo "      installed in $(( ($(date +%s%N) - started) / 1000000 )) ms"
check "care-levers.exe is in %LOCALAPPDATA%\\Programs\\Care Levers" test -f "$exe"
check "the examples are installed" test -f "$installdir/Examples/Norfolk 2017 programme.carelevers"
check "the licences are installed" test -s "$installdir/THIRD-PARTY-LICENCES.html"
check "a Start-menu entry" test -f "$WINEPREFIX/drive_c/users/$user/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Care Levers.lnk"
check ".carelevers is associated" bash -c "wine reg query 'HKCU\\Software\\Classes\\.carelevers' | grep -q CareLevers.Scenario"
check ".ron is associated" bash -c "wine reg query 'HKCU\\Software\\Classes\\.ron' | grep -q CareLevers.Scenario"
check "the open command passes the file" bash -c "wine reg query 'HKCU\\Software\\Classes\\CareLevers.Scenario\\shell\\open\\command' | grep -q 'care-levers.exe\" \"%1\"'"

# The test-only shim (see the top of this file).
cat > "$work/shim.c" <<'C'
#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID, ULONG);
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE d, SIZE_T n) { return SystemFunction036(d, (ULONG)n); }
C
x86_64-w64-mingw32-gcc -shared -o "$installdir/bcryptprimitives.dll" "$work/shim.c" -ladvapi32

echo "== command line"
for file in saved_scenarios/*.ron; do
  "$linux_exe" run "$file" > "$work/linux.json"
  wine "$exe" run "$(winepath -w "$root/$file")" > "$work/windows.json" 2> "$work/windows.err" || true
  check "run $(basename "$file"): same JSON as Linux ($(stat -c %s "$work/linux.json") bytes)" \
    cmp -s "$work/linux.json" "$work/windows.json"
done
printf 'Scenario( name: "bad", horizon_months: -3 )\n' > "$work/bad.carelevers"
set +e
wine "$exe" check "$(winepath -w "$work/bad.carelevers")" > /dev/null 2> "$work/check.err"
code=$?
set -e
check "check refuses a bad file with exit code 2 (got $code)" test "$code" -eq 2
check "check says why on stderr" grep -q "bad.carelevers" "$work/check.err"

echo "== saving (MoveFileExW for a new file, ReplaceFileW over an old one)"
saves="$work/Saved plans – é ✅"
mkdir -p "$saves"
"$linux_exe" new --council Norfolk --out "$work/linux.carelevers" > /dev/null
win_out=$(winepath -w "$saves/Norfolk plan.carelevers")
wine "$exe" new --council Norfolk --out "$win_out" > /dev/null 2>&1 || true
check "new --out writes a file the Linux build would (accents and emoji in the folder)" \
  cmp -s "$work/linux.carelevers" "$saves/Norfolk plan.carelevers"
printf 'old contents' > "$saves/Norfolk plan.carelevers"
wine "$exe" new --council Norfolk --out "$win_out" > /dev/null 2>&1 || true
check "saving over an existing file replaces it whole" \
  cmp -s "$work/linux.carelevers" "$saves/Norfolk plan.carelevers"
check "nothing left beside it" test "$(ls -A "$saves" | wc -l)" -eq 1
set +e
wine "$exe" new --council Norfolk --out "$(winepath -w "$saves")\\CON.carelevers" > /dev/null 2> "$work/con.err"
code=$?
set -e
check "a reserved name (CON) is refused with exit code 2 (got $code)" test "$code" -eq 2
check "and the reason is given" grep -q "reserves the name CON" "$work/con.err"

echo "== window"
times=()
for attempt in 1 2 3; do
  ms=$(time_to_first_frame wine "$exe") || { check "the window opens and draws" false; break; }
  times+=("$ms")
  if [ "$attempt" -eq 1 ]; then
    id=$(wait_for_window "Care Levers" 5)
    import -window root "$work/window.png"
    colours=$(window_colours "$id")
    check "the window is not blank ($colours colours)" test "$colours" -gt 100
    cp "$work/window.png" "$root/target/dist/windows-window.png"
  fi
  wineserver -k; sleep 1
done
if [ ${#times[@]} -gt 0 ]; then
  echo "      time to first frame under Wine: ${times[*]} ms (median $(median "${times[@]}") ms)"
fi

echo "== double-click a scenario file"
# Windows reads per-user associations (HKCU\Software\Classes) through the merged
# HKEY_CLASSES_ROOT view; Wine 8 does not merge them, so for this test only the installer's
# keys are copied to HKLM\Software\Classes, and removed again before uninstalling.
for key in .carelevers .ron CareLevers.Scenario; do
  wine reg copy "HKCU\\Software\\Classes\\$key" "HKLM\\Software\\Classes\\$key" /s /f >/dev/null
done
example="$installdir/Examples/Norfolk 2017 programme.carelevers"
wine start /unix "$example" >/dev/null 2>&1 &
if id=$(wait_for_window "Norfolk 2017" 120); then
  check "wine start FILE.carelevers opens it: $(xdotool getwindowname "$id")" true
  lock="$installdir/Examples/.~lock.Norfolk 2017 programme.carelevers#"
  check "the open file is marked with a lock file naming who has it" grep -q "machine" "$lock"
  # Close the window as a user would (Alt+F4; nothing unsaved): the lock file goes with it.
  xdotool windowfocus --sync "$id" 2>/dev/null || true
  xdotool key --clearmodifiers alt+F4
  for _ in $(seq 1 100); do [ -e "$lock" ] || break; sleep 0.1; done
  check "quitting removes the lock file" test ! -e "$lock"
else
  check "wine start FILE.carelevers opens it" false
fi
wineserver -k; sleep 1

echo "== uninstall"
rm -f "$installdir/bcryptprimitives.dll"
for key in .carelevers .ron CareLevers.Scenario; do
  wine reg delete "HKLM\\Software\\Classes\\$key" /f >/dev/null 2>&1 || true
done
check "msiexec /x uninstalls silently (exit 0)" wine msiexec /x "$msi" /qn
wineserver -w
check "the install folder is gone" test ! -e "$installdir"
listing > "$work/after.txt"
check "no files left behind (prefix listing as before install)" diff "$work/before.txt" "$work/after.txt"
check "no association left" bash -c "! wine reg query 'HKCU\\Software\\Classes\\CareLevers.Scenario' >/dev/null 2>&1"
check "no .carelevers key left" bash -c "! wine reg query 'HKCU\\Software\\Classes\\.carelevers' >/dev/null 2>&1"

echo "installer $(du -h "$msi" | cut -f1), exe $(du -h "$root/target/windows/x86_64-pc-windows-gnu/release/care-levers.exe" | cut -f1)"
if [ "${FAILURES:-0}" -gt 0 ]; then echo "$FAILURES check(s) failed"; exit 1; fi
echo "all checks passed"
