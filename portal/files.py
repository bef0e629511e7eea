"""Private uploads: where they are stored, how they are checked, who may read them.

Personal documents (KTP, AK/I, company letters) are stored under PRIVATE_MEDIA_ROOT with a
random name, never under a served folder, and are read only through ``portal.views.download``.
A model with private files lists them in ``private_file_fields`` and answers
``can_read_files(user)``; the download view asks nothing else.
"""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Content signatures of the types the portal accepts. The extension alone proves nothing.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
EXTENSION_ALIASES = {"jpeg": "jpg"}
CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}
# Active content a PDF viewer would run; a scanned letter never needs it.
PDF_ACTIVE_MARKERS = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/OpenAction", b"/AA")


def sniff(uploaded):
    """The type ('pdf', 'jpg', 'png') the file's first bytes show, or None."""
    pos = uploaded.tell() if hasattr(uploaded, "tell") else 0
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(pos)
    for kind, prefixes in SIGNATURES.items():
        if any(head.startswith(prefix) for prefix in prefixes):
            return kind
    return None


def _contains(uploaded, markers):
    uploaded.seek(0)
    found = False
    tail = b""
    for chunk in uploaded.chunks() if hasattr(uploaded, "chunks") else [uploaded.read()]:
        window = tail + chunk
        if any(marker in window for marker in markers):
            found = True
            break
        tail = chunk[-32:]
    uploaded.seek(0)
    return found


@deconstructible
class DocumentValidator:
    """Accepts PDF, JPEG or PNG up to MAX_UPLOAD_SIZE, judged by content, not by name."""

    def __init__(self, kinds=("pdf", "jpg", "png"), max_size=None):
        self.kinds = tuple(kinds)
        self.max_size = max_size

    def __call__(self, uploaded):
        max_size = self.max_size or settings.MAX_UPLOAD_SIZE
        if uploaded.size > max_size:
            raise ValidationError(
                _("The file is too large (%(size)s). The maximum is %(max)s."),
                code="file_too_large",
                params={"size": filesizeformat(uploaded.size), "max": filesizeformat(max_size)},
            )
        kind = sniff(uploaded)
        allowed = ", ".join(k.upper() for k in self.kinds)
        if kind not in self.kinds:
            raise ValidationError(
                _(
                    "This file is not a valid %(allowed)s document. Upload a scan or photo as %(allowed)s."
                ),
                code="invalid_file_type",
                params={"allowed": allowed},
            )
        ext = PurePosixPath(uploaded.name or "").suffix.lower().lstrip(".")
        ext = EXTENSION_ALIASES.get(ext, ext)
        if ext and ext != kind:
            raise ValidationError(
                _(
                    "The file name ends in .%(ext)s but its content is %(kind)s. Check that you chose the right file."
                ),
                code="extension_mismatch",
                params={"ext": ext, "kind": kind.upper()},
            )
        if kind == "pdf" and _contains(uploaded, PDF_ACTIVE_MARKERS):
            raise ValidationError(
                _(
                    "This PDF contains scripts or embedded files, which are not accepted. Print it to a plain PDF or scan it."
                ),
                code="active_pdf",
            )

    def __eq__(self, other):
        return isinstance(other, DocumentValidator) and (self.kinds, self.max_size) == (
            other.kinds,
            other.max_size,
        )


validate_document = DocumentValidator()
validate_image = DocumentValidator(kinds=("jpg", "png"))


@deconstructible
class PrivateUploadTo:
    """A random file name under a folder of its own: nothing personal, no path from the user."""

    def __init__(self, folder):
        self.folder = folder.strip("/")

    def __call__(self, instance, filename):
        ext = PurePosixPath(filename or "").suffix.lower().lstrip(".")
        ext = EXTENSION_ALIASES.get(ext, ext)
        if ext not in CONTENT_TYPES:
            ext = "bin"
        return f"{self.folder}/{uuid.uuid4().hex}.{ext}"

    def __eq__(self, other):
        return isinstance(other, PrivateUploadTo) and self.folder == other.folder


def content_type_for(name):
    ext = PurePosixPath(name).suffix.lower().lstrip(".")
    return CONTENT_TYPES.get(EXTENSION_ALIASES.get(ext, ext), "application/octet-stream")
