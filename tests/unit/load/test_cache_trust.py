"""The validate cache cannot be told an answer (zxcli/load/cache.py, zxcli/load/plain.py).

An entry is plain data sealed with an HMAC under a secret only its user can read, in a
folder only its user can change: a flipped byte, an entry moved to another key, one sealed
without the secret or a pickle where an entry goes is a miss and is never decoded; a folder
or secret that others could change is refused with a code, and the codec builds nothing
but JSON's values, a few plain types and the classes their modules registered.
"""

from __future__ import annotations

import math
import os
import pickle
import stat
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zxcli.pipeline  # noqa: F401  (every module that registers a type is imported)
from zxcli.catalog import RuleTitle, Severity, Term, Terms
from zxcli.load import cache, plain
from zxcli.load.cache import SECRET, CacheRefused, Store, open_folder, prune
from zxcli.load.yamlsafe import Document, LoadError, Location, NumberScan, PackedDocument
from zxcli.model.campaign import LoadedFile
from zxcli.results import Finding, Place
from zxcli.rules.context import Nominee
from zxcli.rules.runner import Checked

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
STRANGER = 12345  # a uid that is not the test's
KEY = "ab" + "0" * 62
OTHER_KEY = "cd" + "1" * 62


def _finding() -> Finding:
    params = {
        "field": "city",
        "type": Terms(("type.string", "type.integer")),
        "what": Term("term.x", {"n": 3}),
        "rule": RuleTitle("ZX101"),
        "n": 2.5,
        "values": [1, "二", None, True],
    }
    return Finding(
        "ZX021", "d/dossier.yaml", 4, 7, params, "江苏省-苏州市", Severity.WARNING, "评审表!E7"
    )


def _document() -> Document:
    doc = Document(
        Path("/c/zx.yaml"),
        "zx.yaml",
        {"year": 2024, "levels": ["a", "b"]},
        "year: 2024\n",
        numbers=NumberScan(refused=True),
    )
    doc.memo[("schema", "campaign", None)] = [_finding()]
    return doc


def _packed() -> PackedDocument:
    return PackedDocument.of(_document(), {"year": 2024, "city": "苏州市"})


def _samples() -> list[Any]:
    """One value of every registered type (test_every_registered_type_has_a_sample)."""
    nominee = Nominee("江苏省-苏州市", _packed())
    error = LoadError("ZX003", "a.yaml", 3, 5, problem="bad")
    return [
        Location(3, 4),
        NumberScan(),
        Severity.ERROR,
        Place("a.yaml", 2, 3, "表!A1"),
        Term("k"),
        Terms(("a", "b"), "、"),
        RuleTitle("ZX001"),
        _finding(),
        _document(),
        _packed(),
        error,
        nominee,
        Checked([_finding()], [nominee], ["江苏省-苏州市"], ["a.yaml"]),
        LoadedFile("campaign", Path("/c/zx.yaml"), "zx.yaml", _document(), None, True),
        LoadedFile("ballot", Path("/c/b.yaml"), "b.yaml", None, error, False),
    ]


def _same(a: Any, b: Any) -> bool:
    """Equal, field by field where a class compares by identity or skips fields."""
    if type(a) is not type(b):
        return False
    if isinstance(a, LoadError):
        return (a.code, a.path, a.line, a.column, a.params) == (
            b.code,
            b.path,
            b.line,
            b.column,
            b.params,
        )
    if isinstance(a, LoadedFile):
        return (
            (a.doc == b.doc and _same(a.doc, b.doc) if a.doc else b.doc is None)
            and (_same(a.error, b.error) if a.error else b.error is None)
            and ((a.kind, a.path, a.display, a.required) == (b.kind, b.path, b.display, b.required))
        )
    if isinstance(a, Document):
        return a == b and a.memo == b.memo and a.numbers == b.numbers
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def test_every_registered_type_has_a_sample() -> None:
    assert set(plain._NAMES) == {type(v) for v in _samples()}


@pytest.mark.parametrize("value", _samples(), ids=lambda v: type(v).__name__)
def test_round_trip_of_each_registered_type(value: Any) -> None:
    back = plain.loads(plain.dumps(value))
    assert _same(value, back), (value, back)
    if isinstance(value, PackedDocument):
        assert back.unpacked() == value.unpacked() and back.locate(["year"]).line == 1


_leaf = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=10)
    | st.binary(max_size=20)
    | st.dates()
    | st.text(max_size=8).map(lambda s: Path("a", s or "b"))
)
_key = st.text(max_size=5) | st.integers() | st.just(plain.TAG)
_values = st.recursive(
    _leaf,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(_key, inner, max_size=4)
        | st.frozensets(st.integers() | st.text(max_size=4), max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(_values)
def test_round_trip_of_plain_values(value: Any) -> None:
    back = plain.loads(plain.dumps(value))
    assert _canon(back) == _canon(value)


def _canon(value: Any) -> Any:
    """A value compared by type too (a tuple is not a list, 1 is not True), NaN equal to
    itself, a set's members in a stable order."""
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [_canon(v) for v in value])
    if isinstance(value, dict):
        return ("dict", [(_canon(k), _canon(v)) for k, v in value.items()])
    if isinstance(value, (set, frozenset)):
        return (type(value).__name__, sorted(repr(_canon(v)) for v in value))
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    return (type(value).__name__, value)


def test_a_dict_that_looks_like_a_tag_stays_a_dict() -> None:
    value = {plain.TAG: "o", "n": "os.system", "v": ["echo"]}
    assert plain.loads(plain.dumps(value)) == value


@pytest.mark.parametrize(
    "forged",
    [
        b'{"\\u0000":"o","n":"os.system","v":{}}',
        b'{"\\u0000":"e","n":"builtins.int","v":1}',
        b'{"\\u0000":"what","v":1}',
        b'{"\\u0000":"o","n":"zxcli.results.Finding","v":{"nope":1}}',
        b'{"\\u0000":"o","n":"zxcli.results.Finding","v":[1]}',
        b'{"\\u0000":"d","v":[[[1],2]]}',
        b'{"\\u0000":"b","v":"not base64!"}',
        b'{"\\u0000":"p","v":3}',
        b"not json",
    ],
)
def test_only_registered_types_are_built(forged: bytes) -> None:
    import zlib

    with pytest.raises(plain.Malformed):
        plain.loads(forged)
    with pytest.raises(plain.Malformed):
        plain.loads(zlib.compress(forged))  # not even JSON


def test_an_unregistered_type_is_not_encoded(tmp_path: Path) -> None:
    class Unknown:
        pass

    with pytest.raises(TypeError):
        plain.dumps({"x": Unknown()})
    store = Store(tmp_path / "c", "ctx")
    store.put(KEY, Unknown())
    assert store.get(KEY) is None


# --- entries ---------------------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> Store:
    made = Store(tmp_path / "cache", "ctx")
    made.put(KEY, _samples()[-3])  # a Checked
    assert isinstance(made.get(KEY), Checked)
    return made


def _entry(store: Store, key: str = KEY) -> Path:
    return store._path(key)


def test_a_flipped_byte_is_a_miss(store: Store) -> None:
    raw = bytearray(_entry(store).read_bytes())
    for at in (len(cache._MAGIC) + 3, len(raw) - 5):  # in the seal, in the data
        flipped = bytearray(raw)
        flipped[at] ^= 0x01
        _entry(store).write_bytes(bytes(flipped))
        assert store.get(KEY) is None


def test_an_entry_moved_to_another_key_is_a_miss(store: Store) -> None:
    target = _entry(store, OTHER_KEY)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(_entry(store).read_bytes())
    assert store.get(OTHER_KEY) is None


def test_an_entry_sealed_without_the_secret_is_a_miss(store: Store) -> None:
    forger = Store.__new__(Store)
    forger.secret = os.urandom(32)  # the attacker's guess
    payload = plain.dumps(Checked())  # "no findings"
    _entry(store).write_bytes(cache._MAGIC + forger._mac(KEY, payload) + payload)
    assert store.get(KEY) is None


class _Marker:
    path = ""

    def __reduce__(self) -> tuple[Any, ...]:
        return (open, (self.path, "w"))  # unpickling creates the marker file


def test_a_pickle_is_never_unpickled(store: Store, tmp_path: Path) -> None:
    probe, marker = _Marker(), tmp_path / "unpickled"
    probe.path = str(tmp_path / "probe")
    pickle.loads(pickle.dumps(probe)).close()
    assert (tmp_path / "probe").exists()  # the plant works: unpickling it writes a file
    bomb = _Marker()
    bomb.path = str(marker)
    planted = pickle.dumps(bomb)
    for path in (
        _entry(store),
        _entry(store).with_suffix(".pickle"),
        store.root / "v1" / KEY[:2] / f"{KEY}.pickle",
    ):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(planted)
    assert store.get(KEY) is None
    assert not marker.exists()


def test_a_fifo_or_link_where_an_entry_goes_is_a_miss(store: Store, tmp_path: Path) -> None:
    _entry(store).unlink()
    os.mkfifo(_entry(store))
    assert store.get(KEY) is None  # and does not hang
    _entry(store).unlink()
    other = Store(tmp_path / "cache", "ctx")
    other.put(OTHER_KEY, Checked())
    _entry(store).symlink_to(_entry(store, OTHER_KEY))
    assert store.get(KEY) is None


# --- the folder and its secret -----------------------------------------------------------


def _code(folder: Path) -> str:
    with pytest.raises(CacheRefused) as refused:
        open_folder(folder)
    return refused.value.code


def test_a_new_folder_is_private(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "zx"
    open_folder(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700
    secret = folder / SECRET
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600 and secret.stat().st_size == 32
    assert open_folder(folder) == (folder, secret.read_bytes())  # made once, then kept


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o702, 0o1777])
def test_a_folder_others_can_write_is_refused(tmp_path: Path, mode: int) -> None:
    folder = tmp_path / "zx"
    folder.mkdir()
    folder.chmod(mode)
    assert _code(folder) == "ZX050"


def test_a_folder_above_others_can_write_is_refused_unless_sticky(tmp_path: Path) -> None:
    above = tmp_path / "shared"
    above.mkdir()
    above.chmod(0o777)
    assert _code(above / "zx") == "ZX050"
    above.chmod(0o1777)  # as /tmp: others cannot rename what is yours
    open_folder(above / "zx")


@pytest.mark.skipif(not IS_ROOT, reason="making a folder someone else's needs root")
def test_a_folder_of_someone_else_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "zx"
    folder.mkdir(mode=0o700)
    os.chown(folder, STRANGER, STRANGER)
    assert _code(folder) == "ZX051"
    above = tmp_path / "theirs"
    above.mkdir(mode=0o755)
    os.chown(above, STRANGER, STRANGER)
    assert _code(above / "zx") == "ZX051"


@pytest.mark.skipif(not IS_ROOT, reason="a link of someone else's needs root")
def test_a_link_of_someone_else_on_the_path_is_refused(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir(mode=0o700)
    link = tmp_path / "link"
    link.symlink_to(mine)
    assert open_folder(link / "zx")[0] == mine / "zx"  # a link of yours is fine
    os.lchown(link, STRANGER, STRANGER)
    assert _code(link / "zx") == "ZX051"


def test_a_secret_that_is_a_link_or_too_open_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "zx"
    open_folder(folder)
    secret = folder / SECRET
    secret.chmod(0o644)
    assert _code(folder) == "ZX052"
    secret.chmod(0o600)
    secret.write_bytes(b"short")
    assert _code(folder) == "ZX052"
    secret.unlink()
    (tmp_path / "elsewhere").write_bytes(os.urandom(32))
    (tmp_path / "elsewhere").chmod(0o600)
    secret.symlink_to(tmp_path / "elsewhere")
    assert _code(folder) == "ZX052"
    if IS_ROOT:
        secret.unlink()
        secret.write_bytes(os.urandom(32))
        secret.chmod(0o600)
        os.chown(secret, STRANGER, STRANGER)
        assert _code(folder) == "ZX052"


def test_a_file_where_the_folder_goes_is_refused(tmp_path: Path) -> None:
    (tmp_path / "zx").write_text("x", encoding="utf-8")
    assert _code(tmp_path / "zx") == "ZX053"


@pytest.mark.parametrize("value", ["abc", "0", "-5", "nan", "inf"])
def test_a_bad_size_limit_is_refused(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("ZX_CACHE_MAX_MB", value)
    with pytest.raises(CacheRefused) as refused:
        cache.max_bytes()
    assert refused.value.code == "ZX054"


# --- LRU -----------------------------------------------------------------------------


def test_prune_drops_the_least_recently_used(tmp_path: Path) -> None:
    store = Store(tmp_path / "c", "ctx")
    keys = [f"{i:02x}" + "0" * 62 for i in range(6)]
    for age, key in enumerate(keys):
        store.put(key, {"pad": os.urandom(3000).hex(), "i": age})
        os.utime(store._path(key), ns=(age * 10**9, age * 10**9))
    assert store.get(keys[0]) is not None  # a hit: now the most recent
    prune(tmp_path / "c", sum(store._path(k).stat().st_size for k in keys[0:1] + keys[4:]))
    kept = [key for key in keys if store._path(key).exists()]
    assert kept == [keys[0], keys[4], keys[5]]
    assert (tmp_path / "c" / SECRET).exists()


def test_the_folder_used_is_the_one_checked(tmp_path: Path) -> None:
    """`link/../zx` is checked as one path and entries go to that same path (the system
    would resolve it beside the link's target, which was not checked)."""
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "link").symlink_to(tmp_path / "a" / "b")
    store = Store(tmp_path / "link" / ".." / "zx", "ctx")
    store.put(KEY, [1])
    assert store.root == tmp_path / "zx"
    assert store._path(KEY).is_relative_to(tmp_path / "zx") and store.get(KEY) == [1]
    assert not (tmp_path / "a" / "zx").exists()
