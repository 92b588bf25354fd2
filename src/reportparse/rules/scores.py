"""(being written)"""

from __future__ import annotations

RULES: list = []
