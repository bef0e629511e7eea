"""The private store in an S3-compatible bucket (django-storages, the optional ``s3`` extra)."""

from storages.backends.s3 import S3Storage

from .files import PrivateStorageMixin


class PrivateS3Storage(PrivateStorageMixin, S3Storage):
    """Images re-encoded as on the folder store; the bucket itself stays private."""
