"""Package layout that pyproject.toml cannot express alone: every ``touchdesk.*`` package is found
automatically, and the top-level ``resources/`` folder installs as ``touchdesk.resources``."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["touchdesk", "touchdesk.*"]), "touchdesk.resources"],
    package_dir={"touchdesk.resources": "resources"},
)
