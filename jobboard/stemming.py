"""Indonesian stems for the full-text search (issue 19 item 5).

PostgreSQL has no Indonesian dictionary, so the search columns keep words as typed ('simple'
configuration) and each typed word matches as a prefix. Prefixes cannot see through Indonesian
affixes: "pengelasan" (welding) is not a prefix of "las" (weld), "memasak" (to cook) not of
"masak". So every searchable text also stores the stems of its words (``StemsField``, filled in
Python when a row is written, bulk inserts included) and a typed word matches its own prefix or
its stem (``query_terms``).

The stems come from Sastrawi (PySastrawi, the maintained Python port of the Nazief-Adriani
stemmer with its Indonesian dictionary). Where its dictionary picks the wrong root for a word of
the job market ("pengelasan" becomes "kelas", because "kelas" is a word; "pengemasan" becomes
"emas"), ``JOB_MARKET_ROOTS`` gives the right one. tests/jobboard/test_stemming.py holds the
word pairs a job seeker types, and each must find the other.
"""

import functools
import re

from django.db import models

WORD = re.compile(r"[^\W_]+")

# Roots Sastrawi gets wrong for the words of vacancies and skills (word: root).
JOB_MARKET_ROOTS = {
    "pengelasan": "las",
    "mengelas": "las",
    "dilas": "las",
    "pengelas": "las",
    "perawat": "rawat",
    "perawatan": "rawat",
    "keperawatan": "rawat",
    "merawat": "rawat",
    "dirawat": "rawat",
    "pemrograman": "program",
    "pemrogram": "program",
    "memprogram": "program",
    "programmer": "program",
    "mengetik": "ketik",
    "masakan": "masak",
    "pengemasan": "kemas",
    "mengemas": "kemas",
    "dikemas": "kemas",
    "pengepakan": "pak",
    "peternakan": "ternak",
    "pengetikan": "ketik",
}

# Longer texts than this are stemmed in their first part only: a description is a few hundred
# words, and a pasted CV must not make one save slow.
MAX_WORDS = 2000


@functools.cache
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@functools.lru_cache(maxsize=50_000)
def stem(word):
    """The root of one lower-case word ("memasak" -> "masak"); the word itself when it has none
    or is not Indonesian-looking (digits, very short words)."""
    if word in JOB_MARKET_ROOTS:
        return JOB_MARKET_ROOTS[word]
    if len(word) < 4 or not word.isalpha():
        return word
    return _stemmer().stem(word) or word


def stems_of(*texts):
    """The stems of the words of ``texts`` that differ from the words, once each, as one
    space-separated string (the words themselves are in the search column already)."""
    seen = {}
    for text in texts:
        for word in WORD.findall((text or "").lower())[:MAX_WORDS]:
            root = stem(word)
            if root != word:
                seen.setdefault(root, None)
    return " ".join(seen)


def query_terms(word):
    """The tsquery terms for one typed word: its prefix, or its stem as a whole word.

    The stem may be a word's root ("las") that is in the column as a word or as a stored stem;
    it is matched whole, as a prefix it would match too much ("las" would find "lasagna")."""
    root = stem(word)
    if root == word or len(root) < 3:
        return f"{word}:*"
    return f"({word}:* | {root})"


class StemsField(models.TextField):
    """A text column holding the stems of other fields' words, written in Python whenever the
    row is (``pre_save`` runs on save() and on bulk_create alike)."""

    def __init__(self, *args, sources=(), **kwargs):
        self.sources = tuple(sources)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["sources"] = self.sources
        for key, value in (("editable", False), ("blank", True), ("default", "")):
            if kwargs.get(key) == value:
                del kwargs[key]
        return name, path, args, kwargs

    def pre_save(self, model_instance, add):
        value = stems_of(*(getattr(model_instance, name) for name in self.sources))
        setattr(model_instance, self.attname, value)
        return value
