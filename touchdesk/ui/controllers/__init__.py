"""Behaviour behind the screens: user actions that change data, with undo and error handling."""
