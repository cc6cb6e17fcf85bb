#!/usr/bin/env python3
"""Reads supervision compliance with a BI token, page by page, and writes
one CSV row per person and kind of supervision to standard output.

    SUPERVISION_URL=https://supervision.example.nhs.uk \
    SUPERVISION_BI_TOKEN=bi_... \
    python3 compliance_to_csv.py [--as-at 2027-01-31] > compliance.csv

The README's "BI access" section shows it; the API tests run it against a
live server, so it keeps working. Python's standard library only.
"""

import argparse
import csv
import json
import os
import sys
import time
import urllib.error
import urllib.request

QUERY = """
query Compliance($asAt: NaiveDate, $after: String) {
  compliance(asAt: $asAt, first: 1000, after: $after) {
    asAt hasNextPage endCursor
    people {
      employeeNumber name jobTitle profession unitPath
      policy { clinicalDays managementDays caseDays backstopDays }
      kinds { kind required lastFormal nextDue status intervalDays onSchedule }
    }
  }
}
"""

COLUMNS = [
    "as_at", "employee_number", "name", "job_title", "profession", "unit_path",
    "kind", "required", "last_formal", "next_due", "status", "interval_days",
    "on_schedule",
]


def page(url, token, as_at, after):
    """One page, waiting and retrying when the server asks for a pause."""
    body = json.dumps({"query": QUERY, "variables": {"asAt": as_at, "after": after}})
    request = urllib.request.Request(
        url.rstrip("/") + "/bi/graphql",
        data=body.encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    for _ in range(5):
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                answer = json.load(response)
        except urllib.error.HTTPError as error:
            if error.code in (429, 503):
                time.sleep(int(error.headers.get("Retry-After", "5")))
                continue
            raise SystemExit(f"refused ({error.code}): {error.read().decode()}")
        if answer.get("errors"):
            raise SystemExit(f"refused: {answer['errors']}")
        return answer["data"]["compliance"]
    raise SystemExit("the server stayed busy; try again later")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--as-at", help="the day to judge (default: the end of this month)")
    args = parser.parse_args()
    url = os.environ["SUPERVISION_URL"]
    token = os.environ["SUPERVISION_BI_TOKEN"]
    out = csv.writer(sys.stdout)
    out.writerow(COLUMNS)
    after = None
    while True:
        result = page(url, token, args.as_at, after)
        for person in result["people"]:
            for kind in person["kinds"]:
                out.writerow([
                    result["asAt"], person["employeeNumber"], person["name"],
                    person["jobTitle"], person["profession"], " / ".join(person["unitPath"]),
                    kind["kind"], kind["required"], kind["lastFormal"] or "",
                    kind["nextDue"] or "", kind["status"], kind["intervalDays"],
                    kind["onSchedule"],
                ])
        if not result["hasNextPage"]:
            return
        after = result["endCursor"]


if __name__ == "__main__":
    main()
