#!/usr/bin/env bash
# Writes briefings of the shipped Norfolk scenarios as PDF and Word: checks each PDF with
# pdfinfo (tagged, title, pages), converts each .docx to PDF with LibreOffice headless (it must
# open without error) and renders every page to PNG to look at.
# Needs: apt-get install -y --no-install-recommends libreoffice-writer-nogui poppler-utils
# Usage: scripts/check-briefing.sh [output folder, default target/briefings]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/briefings}"
mkdir -p "$out"
cargo build --release --locked
bin=target/release/care-levers
for format in pdf docx; do
  "$bin" brief saved_scenarios/norfolk_2014_target_770.ron \
    --compare saved_scenarios/norfolk_2014_do_nothing.ron --out "$out/norfolk_2014_target.$format"
  "$bin" brief saved_scenarios/norfolk_2017_programme.ron --out "$out/norfolk_2017_programme.$format"
done
for pdf in "$out"/norfolk_2014_target.pdf "$out"/norfolk_2017_programme.pdf; do
  pdfinfo "$pdf" 2>/dev/null | grep -E '^(Title|Tagged|Pages):'
  pdftoppm -r 80 -png "$pdf" "${pdf%.pdf}-pdf-page"
done
for docx in "$out"/*.docx; do
  soffice --headless --convert-to pdf --outdir "$out/word" "$docx" >/dev/null 2>&1
  pdf="$out/word/$(basename "${docx%.docx}").pdf"
  test -s "$pdf" || { echo "LibreOffice could not convert $docx" >&2; exit 1; }
  pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  pdftoppm -r 80 -png "$pdf" "${docx%.docx}-word-page"
  echo "$docx: converted by LibreOffice, $pages page(s)"
done
echo "pages as PNG in $out"
