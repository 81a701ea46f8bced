"""What every Python test shares: where the repository is, and the seed article.

The seed article (the text data/haiduong-2023.json cites) lives in shared/seeds/ beside
the repository, or wherever $DANVAN_SEEDS_DIR says. A checkout without it still passes:
the tests that read it skip and say why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
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


def chromium() -> str:
    """Debian's Chromium; skips the calling test when it is not installed."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.skip("chromium is not installed (apt-get install chromium fonts-noto-core)")
    return found


def browse(page: Path, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess:
    """Opens `page` in headless Chromium with a fresh profile (`extra`: --dump-dom,
    --screenshot=..., ...); the console goes to stderr."""
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    cmd = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *extra, page.as_uri()]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)

