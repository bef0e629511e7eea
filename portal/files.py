"""Private uploads: where they are stored, how they are checked, who may read them.

Personal documents (KTP, AK/I, company letters) are stored under PRIVATE_MEDIA_ROOT with a
random name, never under a served folder, and are read only through ``portal.views.download``.
A model with private files lists them in ``private_file_fields`` and answers
``can_read_files(user)``; the download view asks nothing else.
"""

import contextvars
import io
import re
import uuid
from contextlib import contextmanager
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from .pdfcheck import UnreadablePDF, active_entries

# Content signatures of the types the portal accepts. The extension alone proves nothing.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
EXTENSION_ALIASES = {"jpeg": "jpg"}
CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}
# An image is judged by the size its header announces before a pixel is decoded: a 172 KB
# PNG can announce 13,300 x 13,300 pixels (530 MB once decoded). 40 megapixels is more than
# any phone's or scanner's photo of a document (an A4 page at 600 dpi is 35 megapixels).
MAX_IMAGE_PIXELS = 40_000_000
# Stored images are re-encoded to this bound, so that showing or printing one (the AK/I card)
# costs the same whatever was uploaded: longest side, JPEG quality.
STORED_IMAGE_SIDE = 2000
STORED_IMAGE_QUALITY = 85


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


def _read_all(fileobj):
    """The bytes of an upload or stored file (at most MAX_UPLOAD_SIZE), its position kept at 0."""
    fileobj.seek(0)
    data = fileobj.read()
    fileobj.seek(0)
    return data


def _open_image(data):
    """The image in ``data``, opened lazily (header only), refused if it announces too many
    pixels."""
    try:
        image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as exc:
        # Pillow's own bound (Image.MAX_IMAGE_PIXELS, set in PortalConfig) names the size.
        pixels = re.search(r"\((\d+) pixels\)", str(exc))
        raise _too_many_pixels(int(pixels.group(1)) if pixels else None) from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise _unreadable_image() from None
    if image.width * image.height > MAX_IMAGE_PIXELS:
        image.close()
        raise _too_many_pixels(image.width * image.height)
    return image


def _unreadable_image():
    return ValidationError(
        _("This image cannot be read. Take the photo or scan again, as JPG or PNG."),
        code="image_unreadable",
    )


def _too_many_pixels(pixels):
    params = {
        "max": MAX_IMAGE_PIXELS // 1_000_000,
        "size": round(pixels / 1_000_000) if pixels else "?",
    }
    return ValidationError(
        _(
            "This image is too large: %(size)s megapixels, at most %(max)s megapixels are accepted. "
            "Save it again smaller (for example 2000 pixels on the longest side)."
        ),
        code="image_too_many_pixels",
        params=params,
    )


def normalised_image(data):
    """The image re-encoded in its own format (JPEG at STORED_IMAGE_QUALITY, or PNG) with at
    most STORED_IMAGE_SIDE pixels on its longest side, turned as its EXIF orientation says, and
    with no metadata (EXIF, GPS position, comments, other frames) left."""
    with _open_image(data) as image:
        kind = "png" if image.format == "PNG" else "jpg"
        try:
            # A JPEG decoder can scale down by up to 8 while decoding: far less memory.
            image.draft("RGB", (STORED_IMAGE_SIDE, STORED_IMAGE_SIDE))
            image = ImageOps.exif_transpose(image)
            if kind == "jpg" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            elif kind == "png" and image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
                image = image.convert("RGBA")
            image.thumbnail((STORED_IMAGE_SIDE, STORED_IMAGE_SIDE), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            if kind == "jpg":
                image.save(out, "JPEG", quality=STORED_IMAGE_QUALITY, optimize=True)
            else:
                image.save(out, "PNG", optimize=True)
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
            raise _unreadable_image() from None
    return out.getvalue()


def image_within_bounds(data):
    """Whether the image in ``data`` announces no more than MAX_IMAGE_PIXELS (header only)."""
    try:
        _open_image(data).close()
        return True
    except ValidationError:
        return False


def _check_pdf(uploaded):
    try:
        found = active_entries(uploaded)
    except UnreadablePDF as exc:
        if exc.reason == "encrypted":
            raise ValidationError(
                _(
                    "This PDF is protected with a password or encrypted, so the office cannot check it. "
                    "Save it again without protection as a plain PDF, or scan it."
                ),
                code="encrypted_pdf",
            ) from None
        raise ValidationError(
            _(
                "This file cannot be read as a PDF (it is damaged or not a real PDF). "
                "Save it again as a plain PDF, or scan it."
            ),
            code="unreadable_pdf",
        ) from None
    if found:
        raise ValidationError(
            _(
                "This PDF contains scripts, automatic actions, form submissions or embedded files "
                "(%(entries)s), which are not accepted. Save it again as a plain PDF "
                "(print it to PDF) or scan it."
            ),
            code="active_pdf",
            params={"entries": ", ".join(entry.lstrip("/") for entry in found)},
        )


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
        if kind == "pdf":
            _check_pdf(uploaded)
        else:
            # Decoded here once, within the pixel bound, so that what cannot be stored is
            # refused on the form, not when saving.
            normalised_image(_read_all(uploaded))

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


class NormalisedImagesMixin:
    """A storage that keeps every JPEG or PNG it is given re-encoded (normalised_image).
    Every way a file reaches the private store (forms, the admin, services, demo
    data) passes here, so no path stores an image that costs more to show than another."""

    def _save(self, name, content):
        if sniff(content) in ("jpg", "png"):
            content = ContentFile(normalised_image(_read_all(content)))
        return super()._save(name, content)


# The files written by the private storage inside the innermost discard_files_on_error block.
_written = contextvars.ContextVar("private_files_written", default=None)


@contextmanager
def discard_files_on_error():
    """Private files written inside the block are deleted again if the block ends with an
    exception: a request whose rows roll back (a registration that lost a race, issue 16 item
    6) leaves no upload behind. Put it inside the ``transaction.atomic`` block it guards. What
    escapes it (a crash between the two, a failed commit) is swept by
    ``manage.py sweep_private_files``."""
    written = []
    reset = _written.set(written)
    try:
        yield written
    except BaseException:
        for storage, name in written:
            storage.delete(name)
        written.clear()
        raise
    finally:
        _written.reset(reset)
        outer = _written.get()
        if outer is not None:
            outer.extend(written)  # an outer block that fails deletes these too


class NoPublicURL(AttributeError):
    """Private files have no address of their own: asking for one (``file.url``, in code or in
    a template) fails loudly. An AttributeError, so that Django's own ``getattr(value, "url",
    False)`` tests (ClearableFileInput) read it as "no address"."""


class PrivateStorageMixin(NormalisedImagesMixin):
    def _save(self, name, content):
        name = super()._save(name, content)
        written = _written.get()
        if written is not None:
            written.append((self, name))
        return name

    def url(self, name):
        # With S3 this would be a pre-signed address that bypasses the checked download view.
        raise NoPublicURL(
            "private files are linked only through portal.views.download (portal.forms.PrivateFileInput)"
        )


class PrivateFileSystemStorage(PrivateStorageMixin, FileSystemStorage):
    """The private store on a (shared) folder."""


def content_type_for(name):
    ext = PurePosixPath(name).suffix.lower().lstrip(".")
    return CONTENT_TYPES.get(EXTENSION_ALIASES.get(ext, ext), "application/octet-stream")


def referenced_file_names():
    """Every stored file name a row points at: the file fields of every model, and the copies
    of them in the history tables (django-simple-history keeps old names as text)."""
    from django.apps import apps
    from django.db import models

    names = set()
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        source = getattr(model, "instance_type", model)  # a historical model names its original
        own = {f.name for f in model._meta.concrete_fields}
        for field in source._meta.concrete_fields:
            if isinstance(field, models.FileField) and field.name in own:
                rows = model._default_manager.exclude(**{field.name: ""})
                names.update(rows.values_list(field.name, flat=True).iterator())
    return names


def _stored_names(storage, folder=""):
    folders, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}" if folder else name
    for sub in folders:
        yield from _stored_names(storage, f"{folder}/{sub}" if folder else sub)


def sweep_private_files(*, older_than, now=None, dry_run=False):
    """Delete private files no row references that were written more than ``older_than`` ago
    (younger ones may belong to a request still being saved). Returns the names."""
    from django.core.files.storage import default_storage
    from django.utils import timezone

    cutoff = (now or timezone.now()) - older_than
    referenced = referenced_file_names()
    swept = []
    for name in _stored_names(default_storage):
        if name in referenced or default_storage.get_modified_time(name) > cutoff:
            continue
        if not dry_run:
            default_storage.delete(name)
        swept.append(name)
    return swept
