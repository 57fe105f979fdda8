"""Data files loaded through importlib.resources: catalog knowledge, fonts, icons."""
