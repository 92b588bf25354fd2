"""Placeholder created by the core reconciliation engineer; the tables engineer owns this module."""

from __future__ import annotations

RULES: list = []
