"""Runs Debian's wapiti 3.0.4 with its exclusion patterns working on Python 3.11.

wapiti 3.0.4 compiles each -x pattern as ``<pattern>\\Z(?ms)``; Python 3.11 refuses global
flags that are not at the start of an expression, so any -x made wapiti stop before crawling.
This puts the flags first and then runs wapiti's own entry point with the same arguments.
Run it with the interpreter wapiti is installed for: ``/usr/bin/python3 scripts/wapiti_run.py``.
"""

import re
import sys

from wapitiCore.net import crawler


def wildcard_translate(pattern):
    return re.compile(
        "(?ms)" + "".join(".*" if c == "*" else re.escape(c) for c in pattern) + r"\Z"
    )


crawler.wildcard_translate = wildcard_translate

from wapitiCore.main.wapiti import wapiti_main  # noqa: E402

sys.argv[0] = "wapiti"
sys.exit(wapiti_main())
