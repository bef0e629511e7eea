"""The Petugas Antar Kerja's daily tool: activation and vacancy queues, oldest first.

One module per topic; importing them registers their admin classes.
"""

from . import ak1, applications, changes, common, registration, vacancies

__all__ = ["ak1", "applications", "changes", "common", "registration", "vacancies"]
