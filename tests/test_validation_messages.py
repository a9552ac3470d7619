"""The validation library's English never reaches the user: every refusal is told in Chinese by type."""
from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest
from pydantic import ValidationError
from pydantic_core.core_schema import ErrorType

from forms.project import Project
from forms.project_file import ProjectFileError, load_project
from forms.validation_messages import FALLBACK, REASONS, reason
from tests.hostile import MARK, SAMPLE_JSON, SAMPLE_PLACES, mutate, raw_file, replaced

ENGLISH = re.compile(r"[A-Za-z]{2,}[ ,]+[a-z]{2,}")
"""Two English words in a row: a sentence, not a key or a unit such as ``YYYY-MM-DD``."""

WRONG_VALUES = ('"八"', "12", "-3.5", '"2024-01-01T10:00:00"', '"2023-02-30"', "[1]", '{"a": 1}',
                "true", '"攻关型"', '"12.3.4"', "1e17", "NaN", '"Infinity"', '"\\ud800"')


def _refusal(tmp_path: Path, content: bytes) -> str | None:
    path = tmp_path / "f.qcproj"
    path.write_bytes(content)
    try:
        load_project(path)
    except ProjectFileError as exc:
        return str(exc)
    return None


def _library_messages(content: bytes) -> set[str]:
    """What pydantic itself would have said about the file (empty when it is not the validator's)."""
    try:
        Project.model_validate_json(content)
    except ValidationError as exc:
        return {e["msg"] for e in exc.errors() if ENGLISH.search(e["msg"])}   # not our own Chinese ones
    except Exception:
        return set()
    return set()


def _assert_chinese(message: str, content: bytes) -> None:
    said = message.split("，文件中为 ")[0]          # the quoted value may be anything
    assert not ENGLISH.search(said), message
    for english in _library_messages(content):
        assert english not in message, message
    assert "\n" not in message


def test_every_error_type_of_the_library_has_a_chinese_reason() -> None:
    for kind in typing.get_args(ErrorType):
        text = reason({"type": kind, "msg": "Input should be something", "ctx": {}})
        assert text and not ENGLISH.search(text) and "should" not in text, kind
    assert reason({"type": "a_type_of_a_future_version", "msg": "Something went wrong"}) == FALLBACK
    assert reason({"type": "literal_error", "ctx": {"expected": "'发表评审', '现场评审' or '单独举办'"}}) == \
        "应为 发表评审、现场评审、单独举办"
    assert REASONS["date_from_datetime_inexact"] == "应为日期 YYYY-MM-DD，不含时刻"


def test_wrong_values_in_every_kind_of_field_are_told_in_chinese(tmp_path: Path) -> None:
    refused = 0
    leaves = [p for p in SAMPLE_PLACES if not isinstance(_at(p), (dict, list))]
    for index, place in enumerate(leaves[::5]):
        raw = WRONG_VALUES[index % len(WRONG_VALUES)]
        content = raw_file(replaced(SAMPLE_JSON, place, MARK), raw)
        message = _refusal(tmp_path, content)
        if message is not None:
            refused += 1
            _assert_chinese(message, content)
    assert refused > 50


def test_a_fuzz_corpus_is_told_in_chinese(tmp_path: Path) -> None:
    refused = 0
    for seed in range(300):
        _what, content = mutate(seed)
        message = _refusal(tmp_path, content)
        if message is not None:
            refused += 1
            _assert_chinese(message, content)
    assert refused > 150


@pytest.mark.parametrize("raw, expected", [
    ('"2024-01-01T10:00:00"', "成果完成日期：应为日期 YYYY-MM-DD，不含时刻"),
    ("NaN", "成果完成日期：应为有限的数字"),
    ("[2024]", "成果完成日期：应为日期 YYYY-MM-DD"),
])
def test_known_english_messages_are_replaced(tmp_path: Path, raw: str, expected: str) -> None:
    data = {"format": "qcdesk", "version": 1, "group_achievements": [{"completed_on": MARK}]}
    message = _refusal(tmp_path, raw_file(data, raw))
    assert message is not None and expected in message
    assert "Datetimes provided" not in message and "Input should" not in message


def _at(place: tuple) -> object:
    value: object = SAMPLE_JSON
    for step in place:
        value = value[step]  # type: ignore[index]
    return value
