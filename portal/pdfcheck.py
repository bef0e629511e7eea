"""Active content in an uploaded PDF, found by parsing the file, not by searching its bytes.

A scanned letter or a printed form never needs scripts, actions that run on their own, forms
that send data, embedded files or links to other files, and each of them is a way into an
officer's PDF viewer. pypdf reads the file as a viewer does: names with ``#xx`` escapes are
decoded, objects inside compressed object streams and cross-reference streams are read, and
every object of every revision is visited, reachable or not. Whatever is found, the whole file
is refused; the person saves it again as a plain PDF (print to PDF) or scans it.
"""

import logging
from urllib.parse import urlsplit

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

# Keys whose mere presence makes a document active: scripts, actions run on opening, page,
# annotation or field events, XML forms, embedded and associated files, portfolios, rich media.
ACTIVE_KEYS = frozenset(
    {
        "/JavaScript",
        "/JS",
        "/OpenAction",
        "/AA",
        "/XFA",
        "/EmbeddedFiles",
        "/EF",
        "/AF",
        "/Collection",
        "/RichMediaContent",
        "/RichMediaSettings",
    }
)
# Action types (/S) and object types (/Type, /Subtype) that run something, send something,
# open another file or carry one.
ACTIVE_TYPES = frozenset(
    {
        "/JavaScript",
        "/Launch",
        "/SubmitForm",
        "/ImportData",
        "/ResetForm",
        "/GoToR",
        "/GoToE",
        "/GoTo3DView",
        "/Rendition",
        "/Sound",
        "/Movie",
        "/Screen",
        "/3D",
        "/RichMedia",
        "/RichMediaExecute",
        "/EmbeddedFile",
        "/FileAttachment",
    }
)
TYPE_KEYS = ("/S", "/Type", "/Subtype")
# A link to a web page or an address only opens when clicked, and the viewer asks first; any
# other scheme (javascript:, file:, a UNC path that leaks the officer's Windows login) is active.
SAFE_URI_SCHEMES = frozenset({"http", "https", "mailto"})
# A dictionary pypdf could only read in part, or with a key written twice (pypdf keeps the
# first, viewers the last), may hide an action behind what pypdf shows.
SUSPICIOUS_WARNINGS = ("Multiple definitions in dictionary", "Error reading", "Illegal character")
MAX_OBJECTS = 200_000


class UnreadablePDF(Exception):
    """The file cannot be read as a PDF, or only with its password."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason  # "encrypted" or "damaged"


class _Warnings(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def active_entries(fileobj):
    """The active entries of the PDF in ``fileobj`` (sorted, e.g. ['/OpenAction', 'URI file:']).

    Raises UnreadablePDF if the file is encrypted or cannot be parsed.
    """
    fileobj.seek(0)
    warnings = _Warnings()
    logger = logging.getLogger("pypdf")
    logger.addHandler(warnings)
    try:
        try:
            reader = PdfReader(fileobj, strict=False)
            if reader.is_encrypted:
                raise UnreadablePDF("encrypted")
            found = _walk(reader)
        except UnreadablePDF:
            raise
        except Exception as exc:  # pypdf raises many kinds on a damaged file
            raise UnreadablePDF("damaged") from exc
    finally:
        logger.removeHandler(warnings)
        fileobj.seek(0)
    if any(s in m for m in warnings.messages for s in SUSPICIOUS_WARNINGS):
        raise UnreadablePDF("damaged")
    return sorted(found)


def _walk(reader):
    """Visit the trailer and every object the cross-reference sections name, compressed ones
    included, with everything they contain."""
    found = set()
    seen = set()
    todo = [reader.trailer]
    for generation, numbers in reader.xref.items():
        todo.extend(IndirectObject(n, generation, reader) for n in numbers)
    todo.extend(IndirectObject(n, 0, reader) for n in reader.xref_objStm)
    visited = 0
    while todo:
        item = todo.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        visited += 1
        if visited > MAX_OBJECTS:
            raise UnreadablePDF("damaged")
        if isinstance(item, DictionaryObject):
            _check_dictionary(item, found)
            todo.extend(item.values())
        elif isinstance(item, ArrayObject):
            todo.extend(item)
    return found


def _value(obj, key):
    value = obj.get(key)
    return value.get_object() if isinstance(value, IndirectObject) else value


def _check_dictionary(obj, found):
    found.update(key for key in obj if key in ACTIVE_KEYS)
    for key in TYPE_KEYS:
        value = _value(obj, key)
        if isinstance(value, NameObject) and value in ACTIVE_TYPES:
            found.add(str(value))
    # an article-thread action that names a file opens another document, as /GoToR does
    if _value(obj, "/S") == "/Thread" and "/F" in obj:
        found.add("/Thread")
    if _value(obj, "/S") == "/URI":
        uri = _value(obj, "/URI")
        text = uri.decode("latin-1") if isinstance(uri, bytes) else str(uri or "")
        scheme = urlsplit(text.strip()).scheme.lower()
        if scheme not in SAFE_URI_SCHEMES:
            found.add(f"/URI {scheme or '?'}:")
