"""Shared fixtures: the project's corpus and ../shared/corpus (skipped with a reason when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
SEED_TXT = CORPUS / "新田县计划生育协会2021年度部门整体支出绩效评价报告.txt"


def shared(sub: str = "") -> Path:
    """A folder of ../shared/corpus, or skip the test saying it is absent."""
    p = SHARED_CORPUS / sub
    if not p.exists():
        pytest.skip(f"../shared/corpus/{sub} 不存在（只在开发机和 CI 上有真实报告）")
    return p


@pytest.fixture
def seed_path() -> Path:
    return SEED_TXT
