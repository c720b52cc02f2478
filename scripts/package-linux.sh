#!/usr/bin/env bash
# Builds the Linux package (run by hand, ~6 min from clean):
#   target/debian/care-levers_VERSION-1_amd64.deb
# with the program on the PATH (/usr/bin/care-levers), a menu entry, the icon, the scenario file
# type (.carelevers, and .ron weakly), the examples, the README and every licence.
# Install with: sudo apt install ./target/debian/care-levers_*.deb
# Installs cargo-deb (pinned) into target/tools the first time.
set -euo pipefail
cd "$(dirname "$0")/.."
tools="$PWD/target/tools"
if [ ! -x "$tools/bin/cargo-deb" ]; then
  cargo install --locked --root "$tools" cargo-deb --version 3.8.0
fi
bash scripts/licences.sh
# cargo-deb builds the release binary (stripped in the package) and checks the assets exist.
"$tools/bin/cargo-deb" --locked
deb=$(ls -t target/debian/care-levers_*.deb | head -1)
echo "$deb: $(du -h "$deb" | cut -f1) ($(stat -c %s "$deb") bytes)"
dpkg-deb --contents "$deb" | awk '{print $6}'
