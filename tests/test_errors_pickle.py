"""Every ZxError survives pickling whole: raised in a worker process (validate --jobs,
render-forms with several workers), it must reach the parent as the same coded error."""

from __future__ import annotations

import pickle

import pytest

from zxcli.errors import DataError, OutputError, TieAtCutoffError, UsageError
from zxcli.load.yamlsafe import LoadError
from zxcli.results import Finding
from zxcli.scan.errors import PageError, ScanUnavailable
from zxcli.tally.problems import RefusedError


@pytest.mark.parametrize(
    "error",
    [
        DataError("ZX801", path="a.yaml", line=3, column=2, reason="x"),
        OutputError("ZX903", target="out.docx"),
        UsageError("ZX905", option="--format", value="x", reason="docx"),
        TieAtCutoffError("ZX780", cities="苏州市、宁波市"),
        LoadError("ZX005", "f.yaml", 2, 3, detail="bad"),
        PageError("timeout", "p.pdf", "slow", 2),
        ScanUnavailable("numpy"),
        RefusedError([Finding("ZX731", "review/committee.yaml", 4, 1, {"members": "M01"})]),
    ],
    ids=lambda e: type(e).__name__,
)
def test_a_pickled_error_comes_back_the_same(error: Exception) -> None:
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is type(error)
    assert vars(back) == vars(error)
    assert str(back) == str(error) and back.args == error.args
