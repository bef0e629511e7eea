"""Summarises the wapiti and sqlmap reports in var/scan; exits 1 on any finding."""

import json
import re
import sys
from pathlib import Path

out = Path(sys.argv[1])
findings = 0
for report in sorted(out.glob("wapiti-*.json")):
    data = json.loads(report.read_text())
    crawled = len(data.get("infos", {}).get("crawled_pages", []) or [])
    for category, items in data.get("vulnerabilities", {}).items():
        for item in items:
            findings += 1
            print(f"FINDING {report.stem}: {category}: {item.get('info')} {item.get('path')} {item.get('parameter')}")
    print(f"{report.stem}: {sum(len(v) for v in data.get('vulnerabilities', {}).values())} vulnerabilities, "
          f"{len(data.get('anomalies', {}).get('Internal Server Error', []))} server errors, {crawled or 'n/a'} pages crawled")
for log in sorted(out.glob("sqlmap-*.log")):
    text = log.read_text(errors="replace")
    hits = re.findall(r"parameter '([^']+)' (?:is|might be) (?:vulnerable|injectable)", text)
    tested = len(re.findall(r"testing URL|\[INFO\] testing '", text))
    findings += len(hits)
    for hit in hits:
        print(f"FINDING {log.stem}: injectable parameter {hit}")
    print(f"{log.stem}: {len(hits)} injectable parameters ({tested} tests run)")
print(f"total findings: {findings}")
sys.exit(1 if findings else 0)
