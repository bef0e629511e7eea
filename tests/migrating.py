"""Moving the test database between migration states, for the tests that fill a database at an
old schema and migrate it forward (each ends by going back to the latest state)."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets):
    """Migrate to ``targets`` ([(app, migration), ...]); the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def latest():
    """The newest migration of every app."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def old_office(Office, **changes):
    """The demo's first office made with an older ``Office`` model: only the fields it had."""
    from portal.demo import OFFICE

    fields = {f.name for f in Office._meta.fields}
    values = {k: v for k, v in {**OFFICE, **changes}.items() if k in fields}
    return Office.objects.create(**values)
