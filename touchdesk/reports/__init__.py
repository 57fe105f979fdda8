"""PDF reports people print: the monthly touchpoint report, a customer's journey summary and the plan.

Qt-free. Each report is a module that builds a plain-data *model* from the ``Workspace`` (the same
data ``--format json`` prints) and then a story from that model on the shared base document, so the
numbers in the PDF are those of the JSON. ReportLab is imported only when a report is made.
"""
