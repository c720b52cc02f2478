#!/usr/bin/env bash
# Gathers the licences of every crate Care Levers ships into target/licences/, for the packages:
#   THIRD-PARTY-LICENCES.html  (cargo-about, from Cargo.lock; config in scripts/licences/)
# plus Care Levers' own licences and the data licence from assets/licences/.
# Installs cargo-about (pinned) into target/tools the first time.
set -euo pipefail
cd "$(dirname "$0")/.."
tools="$PWD/target/tools"
about="$tools/bin/cargo-about"
if [ ! -x "$about" ]; then
  cargo install --locked --root "$tools" cargo-about --version 0.9.3 --features cli
fi
mkdir -p target/licences
"$about" generate --locked --fail -c scripts/licences/about.toml \
  -o target/licences/THIRD-PARTY-LICENCES.html scripts/licences/about.hbs
cp assets/licences/LICENSE-MIT target/licences/LICENSE-MIT.txt
cp assets/licences/LICENSE-APACHE target/licences/LICENSE-APACHE.txt
cp assets/licences/DATA-LICENCE.md target/licences/DATA-LICENCE.md
# Liberation Sans is embedded in the binary for PDF briefings: its SIL Open Font Licence travels with it.
cp assets/fonts/OFL.txt target/licences/FONT-LICENCE-OFL.txt
echo "licences in target/licences/ ($(grep -c '<li>' target/licences/THIRD-PARTY-LICENCES.html) entries)"
