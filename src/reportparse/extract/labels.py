"""Labels (placeholder)."""

from __future__ import annotations


def attach_labels(text, f, raws):
    return None
