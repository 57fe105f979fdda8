"""PDF reports built with ReportLab from plain data; Qt-free."""
