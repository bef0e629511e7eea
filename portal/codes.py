"""Codes people read from paper or over the phone: a permit's verification code, a complaint's
reference. Drawn at random (they say nothing about the book), from letters and digits that
cannot be mistaken for each other (no 0/O, no 1/I)."""

import re
import secrets

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def random_code(length):
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def normalise_code(typed, groups):
    """A code as it is stored (groups joined by dashes), however a person typed it.

    ``6br4r795gucq``, ``6BR4 R795 GUCQ`` and ``6BR4-R795-GUCQ`` are one code: case, spaces,
    dashes and dots are dropped, then the groups of ``groups`` lengths are put back. A text of
    the wrong length comes back compact, so it matches nothing.
    """
    compact = re.sub(r"[^0-9A-Z]", "", (typed or "").upper())
    if len(compact) != sum(groups):
        return compact
    parts, start = [], 0
    for length in groups:
        parts.append(compact[start : start + length])
        start += length
    return "-".join(parts)
