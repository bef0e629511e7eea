"""Summarises the wapiti and sqlmap reports in var/scan; exits 1 on any finding."""

import json
import re
import sys
from pathlib import Path

out = Path(sys.argv[1])
findings = 0
# A scanner that crashed writes no report: that is a failed scan, not a clean one.
for expected in ("wapiti-public.json", "wapiti-jobseeker.json"):
    if not (out / expected).exists():
        findings += 1
        print(f"FINDING {expected} missing: wapiti did not finish (see {expected[:-5]}.log)")
for report in sorted(out.glob("wapiti-*.json")):
    data = json.loads(report.read_text())
    crawled = len(data.get("infos", {}).get("crawled_pages", []) or [])
    for category, items in data.get("vulnerabilities", {}).items():
        for item in items:
            findings += 1
            print(
                f"FINDING {report.stem}: {category}: {item.get('info')} {item.get('path')} {item.get('parameter')}"
            )
    print(
        f"{report.stem}: {sum(len(v) for v in data.get('vulnerabilities', {}).values())} vulnerabilities, "
        f"{len(data.get('anomalies', {}).get('Internal Server Error', []))} server errors, {crawled or 'n/a'} pages crawled"
    )
    log = report.with_suffix(".log")
    if log.exists():
        capped = re.findall(
            r"Max attack time was reached for module (\w+)", log.read_text(errors="replace")
        )
        found = re.search(r"Wapiti found (\d+) URLs and forms", log.read_text(errors="replace"))
        print(
            f"{report.stem}: {found.group(1) if found else '?'} URLs and forms; modules stopped at the "
            f"attack-time limit: {', '.join(capped) or 'none'}"
        )
for log in sorted(out.glob("sqlmap-*.log")):
    text = log.read_text(errors="replace")
    hits = re.findall(r"parameter '([^']+)' (?:is|might be) (?:vulnerable|injectable)", text)
    tested = len(re.findall(r"testing URL|\[INFO\] testing '", text))
    forms = len(re.findall(r"^\[\d+/\d+\] Form:", text, re.M))
    params = len(re.findall(r"heuristic \(basic\) test shows that \w+ parameter", text))
    findings += len(hits)
    for hit in hits:
        print(f"FINDING {log.stem}: injectable parameter {hit}")
    print(
        f"{log.stem}: {len(hits)} injectable parameters ({forms} forms, {params} parameters checked, "
        f"{tested} payload tests run)"
    )
print(f"total findings: {findings}")
sys.exit(1 if findings else 0)
