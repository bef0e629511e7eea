"""Log lines never carry a NIK, a phone number or an e-mail address.

Whatever writes a log line (Django's request logger, a library, an exception's text, a
traceback), the formatter replaces those before the line leaves the process. It works on
the finished line, so no caller has to remember it.
"""

import logging
import re

PATTERNS = [
    # e-mail addresses
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), "[e-mail]"),
    # NIK (16 digits), NIB (13), NPWP (15/16) and any other long run of digits
    (re.compile(r"(?<!\d)\d{12,20}(?!\d)"), "[number]"),
    # Indonesian phone numbers: 08…, +62…, 62…, with spaces, dots or dashes between groups
    (re.compile(r"(?<![\w+])(\+?62[\s.-]?|0)8[\d\s.-]{7,15}\d"), "[phone]"),
    (re.compile(r"\(0\d{2,3}\)\s?\d[\d\s.-]{4,10}\d"), "[phone]"),
]


def redact(text):
    for pattern, replacement in PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFormatter(logging.Formatter):
    def format(self, record):
        return redact(super().format(record))
