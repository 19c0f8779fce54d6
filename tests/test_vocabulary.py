"""The values the code knows by name are values the schemas allow."""

from __future__ import annotations

from zxcli.model import vocabulary as v
from zxcli.schema.store import schema


def _enum(kind: str, *path: str) -> list[str]:
    node = schema(kind)
    for key in path:
        node = node[key]
    while "$ref" in node:
        node = schema(kind)["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return node["enum"]


def test_vocabulary_matches_the_schemas() -> None:
    dossier = schema("dossier")
    kinds = dossier["$defs"]["attachment"]["properties"]["kind"]["enum"]
    for name in dir(v):
        if name.startswith("KIND_"):
            assert getattr(v, name) in kinds, name
    recommender = dossier["properties"]["recommender"]["properties"]["kind"]["enum"]
    assert {v.RECOMMENDER_PROVINCE, v.RECOMMENDER_BINGTUAN} == set(recommender)
    assert v.LEVEL_PLAN_CITY in _enum("dossier", "properties", "city", "properties", "level")
