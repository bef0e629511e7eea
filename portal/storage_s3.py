"""The private store in an S3-compatible bucket (django-storages, the optional ``s3`` extra)."""

from storages.backends.s3 import S3Storage

from .files import NormalisedImagesMixin


class PrivateS3Storage(NormalisedImagesMixin, S3Storage):
    """Images re-encoded as on the folder store; the bucket itself stays private."""
