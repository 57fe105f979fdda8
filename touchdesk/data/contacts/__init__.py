"""Bringing in the contacts people already have: phone vCards (2.1, 3.0, 4.0), Google and Outlook
CSV exports, any other CSV or ``.xlsx`` spreadsheet through a column mapping, saved mappings, and
what to do with contacts that are already customers (skip, merge or import as new).

The modules stay free of ``importing`` at import time (``importing`` uses ``merge``), and none of
them imports Qt: the mapping dialog and the CLI both call them through ``Workspace``.
"""
