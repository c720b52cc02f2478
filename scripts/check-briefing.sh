#!/usr/bin/env bash
# Writes briefings of the shipped Norfolk scenarios, converts each to PDF with LibreOffice
# headless (it must open the .docx without error) and renders the pages to PNG to look at.
# Needs: apt-get install -y --no-install-recommends libreoffice-writer-nogui poppler-utils
# Usage: scripts/check-briefing.sh [output folder, default target/briefings]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/briefings}"
mkdir -p "$out"
cargo build --release --locked
bin=target/release/care-levers
"$bin" brief saved_scenarios/norfolk_2014_target_770.ron \
  --compare saved_scenarios/norfolk_2014_do_nothing.ron --out "$out/norfolk_2014_target.docx"
"$bin" brief saved_scenarios/norfolk_2017_programme.ron --out "$out/norfolk_2017_programme.docx"
for docx in "$out"/*.docx; do
  soffice --headless --convert-to pdf --outdir "$out" "$docx" >/dev/null 2>&1
  pdf="${docx%.docx}.pdf"
  test -s "$pdf" || { echo "LibreOffice could not convert $docx" >&2; exit 1; }
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  pdftoppm -r 80 -png "$pdf" "${docx%.docx}-page"
  echo "$docx: converted by LibreOffice, $pages page(s); pages as ${docx%.docx}-page-N.png"
done
