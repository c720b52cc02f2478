#!/usr/bin/env python3
"""Rebuild the council data the app ships (assets/councils/*.csv) from the DfE, ONS and
Ofsted tables in their published long layout (see docs/data.md).

Usage: scripts/build_council_data.py [SOURCE_FOLDER] [ASSETS_FOLDER]
SOURCE_FOLDER holds councils.csv, looked_after.csv, starts.csv, ceased.csv, spend.csv,
population.csv and statistical_neighbours.csv
(default ../shared/data/england_councils). To add a year, add its rows to those files (same
columns and measure names) and run this again: the app reads whatever years are there.

Only the measures the app uses are kept, so the shipped file stays small:
- looked_after: total, unaccompanied asylum-seeking children (uasc), placement groups, age
  groups, suppressed remainders;
- starts: total, uasc and age groups;
- ceased: total, age groups, reason components and groups, suppressed remainders;
- spend: total children-looked-after spend, unit costs, and the fostering and residential lines.
"""
import csv
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
source = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "shared", "data", "england_councils")
assets = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "..", "assets")

KEEP = {
    "looked_after": lambda m: m in ("total", "uasc") or m.startswith("placement_") or m.startswith("age_"),
    "starts": lambda m: m in ("total", "uasc") or m.startswith("age_"),
    "ceased": lambda m: m == "total" or m.startswith("age_") or m.startswith("reason_"),
    "spend": lambda m: m in {
        "total_cla_gross_gbp",
        "unit_cost_fostering_gbp_per_week",
        "unit_cost_residential_gbp_per_week",
        "unit_cost_all_cla_gbp_per_week",
        "s251_total_cla_line_gbp",
        "fostering_services_gbp",
        "residential_care_gbp",
    },
}
TABLE_CODE = {"looked_after": "L", "starts": "S", "ceased": "C", "spend": "P"}

# Wide tables, one row per council and year, one column per measure; an empty cell is a
# suppressed or unpublished figure (never a zero).
os.makedirs(os.path.join(assets, "councils"), exist_ok=True)
total = 0
for table, keep in KEEP.items():
    values = {}
    measures = set()
    with open(os.path.join(source, f"{table}.csv"), newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if not keep(r["measure"]):
                continue
            year = r.get("year") or r["financial_year"]
            value = r["value"]
            if value.endswith(".0"):
                value = value[:-2]
            values[(r["la_code"], year)] = values.get((r["la_code"], year), {})
            values[(r["la_code"], year)][r["measure"]] = value
            measures.add(r["measure"])
            total += 1
    columns = sorted(measures)
    year_column = "financial_year" if table == "spend" else "year"
    with open(os.path.join(assets, "councils", f"{table}.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["la_code", year_column] + columns)
        for key in sorted(values):
            w.writerow(list(key) + [values[key].get(m, "") for m in columns])

with open(os.path.join(source, "councils.csv"), newline="", encoding="utf-8") as f, open(
    os.path.join(assets, "councils", "councils.csv"), "w", newline="", encoding="utf-8"
) as out:
    reader = csv.DictReader(f)
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["la_code", "la_code_new", "la_name", "region_name", "first_year", "last_year", "note"])
    for r in reader:
        w.writerow([r[k] for k in ["la_code", "la_code_new", "la_name", "region_name", "first_year", "last_year", "note"]])

# Copied as they are: children's population (for rates per 10,000) and DfE's statistical
# neighbours (the list of May 2025).
for name in ["population.csv", "statistical_neighbours.csv"]:
    with open(os.path.join(source, name), newline="", encoding="utf-8") as f, open(
        os.path.join(assets, "councils", name), "w", newline="", encoding="utf-8"
    ) as out:
        w = csv.writer(out, lineterminator="\n")
        for row in csv.reader(f):
            w.writerow(row)

print(f"wrote {total} values to {os.path.join(assets, 'councils')}")
