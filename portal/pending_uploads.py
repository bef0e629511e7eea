"""Files chosen in a public form that is not finished yet (a registration in steps).

A browser never fills a file input again, so a form in steps (or one refused for another
field) would ask for every chosen file again. Instead each file, once its field has checked it
(parsed, as every upload), is kept in the private store as a ``PendingUpload`` row tied to the
browser session (a hash of its session key, never the key itself) and the form's random token
(kept in that session). Only the same session with the same token finds it again; the finished
form moves it to its record (``kept_files`` gives the files as a form's initial values, the
record's own FileField copies them) and then ``discard`` removes the rows and files. What is
never finished is removed by ``discard_abandoned`` (a periodic task, background/schedule.py).
"""

import datetime
import hashlib
import secrets
from pathlib import PurePosixPath

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone

from .models import PendingUpload

# Longer than any sitting of a registration (the session itself lasts 30 idle minutes).
KEPT_FOR = datetime.timedelta(hours=24)


def new_token():
    return secrets.token_urlsafe(24)


def owner_of(request):
    """The hash that ties a pending upload to the browser session of ``request``."""
    if not request.session.session_key:
        request.session.save()  # an anonymous visitor gets a session key now
    return hashlib.sha256(request.session.session_key.encode()).hexdigest()


class PendingFile(File):
    """A kept file as a form's initial value: named as the person's file was, so that the form
    shows its name (portal.forms.PrivateFileInput) and the record stores a copy of it."""

    pending = True

    def __init__(self, row):
        self.row = row
        super().__init__(None, name=PurePosixPath(row.original_name).name)
        self._size = None

    def _open_stored(self):
        if self.file is None:
            self.file = self.row.file.storage.open(self.row.file.name, "rb")
        return self.file

    def open(self, mode="rb"):
        self._open_stored().seek(0)
        return self

    def read(self, *args):
        return self._open_stored().read(*args)

    def seek(self, *args):
        return self._open_stored().seek(*args)

    def tell(self):
        return self._open_stored().tell()

    def chunks(self, chunk_size=None):
        self._open_stored().seek(0)
        yield from File(self.file).chunks(chunk_size)

    @property
    def size(self):
        if self._size is None:
            self._size = self.row.file.storage.size(self.row.file.name)
        return self._size

    def close(self):
        if self.file is not None:
            self.file.close()
            self.file = None

    def __bool__(self):
        return True


def _rows(request, token):
    return PendingUpload.objects.filter(owner=owner_of(request), token=token)


def keep(request, token, field, uploaded):
    """Store ``uploaded`` (already checked by its form field) for ``field``, replacing a file
    chosen for it before."""
    name = PurePosixPath(uploaded.name or "").name[-200:] or field
    with transaction.atomic():
        discard(request, token, fields=[field])
        row = PendingUpload(owner=owner_of(request), token=token, field=field, original_name=name)
        row.file.save(name, uploaded, save=False)
        row.save()
    return row


def kept_files(request, token):
    """{field: PendingFile} of this session's form ``token``; a file gone from the store is
    left out (and so asked for again)."""
    files = {}
    for row in _rows(request, token):
        if row.file and row.file.storage.exists(row.file.name):
            files[row.field] = PendingFile(row)
    return files


def _delete(rows):
    for row in rows:
        name, storage = row.file.name, row.file.storage
        row.delete()
        if name:
            transaction.on_commit(lambda name=name, storage=storage: storage.delete(name))


def discard(request, token, fields=None):
    """Remove this session's kept files of ``token`` (only ``fields``, if given)."""
    rows = _rows(request, token)
    if fields is not None:
        rows = rows.filter(field__in=fields)
    _delete(list(rows))


def discard_abandoned(*, older_than=KEPT_FOR, now=None):
    """Remove the kept files of forms never finished: rows and files older than
    ``older_than``. Returns how many."""
    cutoff = (now or timezone.now()) - older_than
    rows = list(PendingUpload.objects.filter(created_at__lt=cutoff))
    with transaction.atomic():
        _delete(rows)
    return len(rows)
