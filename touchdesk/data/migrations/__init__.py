"""Alembic migrations of the TouchDesk schema (run by ``touchdesk.data.migrate``)."""
