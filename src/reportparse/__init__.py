"""reportparse: figures out of Chinese government reports, and the checks between them."""

__version__ = "0.1.0"

from .api import check, parse, read  # noqa: E402

__all__ = ["__version__", "check", "parse", "read"]
