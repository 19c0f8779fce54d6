"""The scan tests skip cleanly when the optional extra is not installed."""

from __future__ import annotations

import pytest
from scan_helpers import extra_or_skip


@pytest.fixture
def extra() -> None:
    extra_or_skip()
