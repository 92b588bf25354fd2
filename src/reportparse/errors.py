"""Errors a user sees.  Only readers raise; every message is Chinese and names the file."""

from __future__ import annotations


class ReadError(Exception):
    """A file that cannot be read as a report.  ``str(err)`` is the one line shown to the user."""

    def __init__(self, path: str, problem: str, *, stage: str = "read") -> None:
        self.path = str(path)
        self.problem = problem
        self.stage = stage
        super().__init__(f"{self.path}：{problem}")
