"""Surviving a lost database connection (a restart or a failover of PostgreSQL) in a worker."""

from django.db import InterfaceError, OperationalError, connections

# What a vanished server raises: OperationalError on the next query or connect, and Django's
# InterfaceError ("connection already closed"), which is not a DatabaseError.
LOST = (OperationalError, InterfaceError)


def close_connection():
    """Drop this thread's connections, so that the next query connects afresh (to whichever
    server now takes writes, with a libpq host list)."""
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except LOST:
            connection.connection = None
