"""What every Python test shares: where the repository is, and the seed article.

The seed article (the text data/haiduong-2023.json cites) lives in shared/seeds/ beside
the repository, or wherever $DANVAN_SEEDS_DIR says. A checkout without it still passes:
the tests that read it skip and say why.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("DANVAN_SOURCE_DIR") or Path(__file__).resolve().parents[2])
# $DANVAN_SEEDS_DIR when set (also under ctest), else the folder the build was configured with.
SEEDS_DIR = Path(os.environ.get("DANVAN_SEEDS_DIR") or os.environ.get("DANVAN_DEFAULT_SEEDS_DIR")
                 or ROOT.parent / "shared" / "seeds")
SEED = SEEDS_DIR / "000_ab8e73818bcbd1b6.txt"


def require_seed() -> Path:
    """The seed article's path; skips the calling test when it is not there."""
    if not SEED.is_file():
        pytest.skip(f"seed article not found under {SEEDS_DIR}; set DANVAN_SEEDS_DIR")
    return SEED


@pytest.fixture(scope="session")
def seed_bytes() -> bytes:
    return require_seed().read_bytes()


@pytest.fixture(scope="session")
def seed_text(seed_bytes: bytes) -> str:
    return seed_bytes.decode("utf-8")
