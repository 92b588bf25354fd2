"""reportparse: figures out of Chinese government reports, and the checks between them.

`parse`, `check` and `read` are imported on first use, so `reportparse --version` stays fast.
"""

__version__ = "0.1.0"

__all__ = ["__version__", "check", "parse", "parse_document", "check_report", "read"]


def __getattr__(name: str):
    if name in ("check", "parse", "parse_document", "check_report", "read"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'reportparse' has no attribute {name!r}")
