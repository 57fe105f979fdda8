"""The planning core of seed 002, free of Qt and SQL: catalog knowledge, journey templates, the exact
budget optimizer with its explanations, and the tasks and automation rules a plan turns into.

The wizard (UI), the CLI and the data layer all call in here; nothing here imports them back.
"""
