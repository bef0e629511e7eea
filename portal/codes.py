"""Codes people read from paper or over the phone: a permit's verification code, a complaint's
reference. Drawn at random (they say nothing about the book), from letters and digits that
cannot be mistaken for each other (no 0/O, no 1/I)."""

import secrets

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def random_code(length):
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))
