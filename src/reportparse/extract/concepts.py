"""Concepts (placeholder)."""

from __future__ import annotations


def concept_of(label, column_header=None):
    return None
