#!/usr/bin/env bash
# Builds the Windows program and its packages on this Debian machine (run by hand, ~10 min):
#   target/dist/CareLevers-VERSION-x64.msi          per-user installer (no administrator rights)
#   target/dist/CareLevers-VERSION-windows-x64.zip  the same files, for councils that forbid installers
# Uses Debian's Rust (rustc-web, with its standard library's source) and mingw-w64, in its own
# target folder (target/windows); the rustup toolchain is never changed. See
# ../shared/notes/windows.md for what was measured, and scripts/test-windows.sh to test the result.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
source scripts/package-test-lib.sh
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
target=x86_64-pc-windows-gnu

install_missing /usr/bin/rustc:rustc-web /usr/bin/cargo:cargo-web \
            /usr/lib/rustlib/src/rust/library:rust-web-src \
            /usr/bin/x86_64-w64-mingw32-gcc:gcc-mingw-w64-x86-64 \
            /usr/bin/x86_64-w64-mingw32-windres:binutils-mingw-w64-x86-64 \
            /usr/bin/wixl:wixl /usr/bin/msiinfo:msitools /usr/bin/zip:zip

bash scripts/licences.sh

echo "building care-levers.exe $version for $target (Debian's Rust, -Zbuild-std)..."
started=$(date +%s)
# Debian's cargo and rustc are named in full: rustup's stay first on PATH.
env RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \
  CARGO_TARGET_DIR="$root/target/windows" \
  CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
  CARGO_PROFILE_RELEASE_STRIP=symbols \
  /usr/bin/cargo build --release --locked -Zbuild-std=std,panic_abort \
  --target "$target" --bin care-levers
echo "built in $(( $(date +%s) - started )) s"
exe="target/windows/$target/release/care-levers.exe"

stage=target/windows/stage
rm -rf "$stage" && mkdir -p "$stage/saved_scenarios"
cp "$exe" "$stage/care-levers.exe"
cp README.md assets/icon/care-levers.ico "$stage/"
cp target/licences/THIRD-PARTY-LICENCES.html target/licences/LICENSE-MIT.txt \
   target/licences/LICENSE-APACHE.txt target/licences/DATA-LICENCE.md \
   target/licences/FONT-LICENCE-OFL.txt "$stage/"
cp saved_scenarios/*.ron "$stage/saved_scenarios/"

mkdir -p target/dist
msi="target/dist/CareLevers-$version-x64.msi"
wixl -a x64 -D Version="$version" -D SourceDir="$stage" -o "$msi" scripts/windows/care-levers.wxs

# The zip: one folder, examples named as the installer names them.
zipdir=target/windows/zip/"Care Levers"
rm -rf target/windows/zip && mkdir -p "$zipdir/Examples"
cp "$stage"/care-levers.exe "$stage"/README.md "$stage"/*.txt "$stage"/*.html "$stage"/DATA-LICENCE.md "$zipdir/"
cp saved_scenarios/norfolk_2014_target_770.ron "$zipdir/Examples/Norfolk 2014 target 770.carelevers"
cp saved_scenarios/norfolk_2014_do_nothing.ron "$zipdir/Examples/Norfolk 2014 do nothing.carelevers"
cp saved_scenarios/norfolk_2017_programme.ron "$zipdir/Examples/Norfolk 2017 programme.carelevers"
zipfile="$root/target/dist/CareLevers-$version-windows-x64.zip"
rm -f "$zipfile"
(cd target/windows/zip && zip -q -r -9 "$zipfile" "Care Levers")

size() { du -h "$1" | cut -f1; }
echo "care-levers.exe: $(size "$exe") ($(stat -c %s "$exe") bytes)"
echo "$msi: $(size "$msi") ($(stat -c %s "$msi") bytes)"
echo "$zipfile: $(size "$zipfile") ($(stat -c %s "$zipfile") bytes)"
