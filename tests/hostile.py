"""Hostile inputs for the reliability tests: mutated project files and hostile text.

Everything is seeded: a failing case is reproduced from its seed. Values that Python's ``json``
cannot write (``1e99999999``, ``NaN``, a lone surrogate escape, 500 levels of nesting) are put in
the file text as raw JSON.
"""
from __future__ import annotations

import json
import random
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from forms.sample import SAMPLE_FILE

SAMPLE_BYTES = SAMPLE_FILE.read_bytes()
SAMPLE_JSON: dict[str, Any] = json.loads(SAMPLE_BYTES)

MARK = "\u0000hostile\u0000"

HOSTILE_JSON: tuple[str, ...] = (
    "1e99999999", "-1e999999999", "1e-99999999", "0e-99999999", "9" * 5000, "-" + "9" * 4400,
    "NaN", "Infinity", "-Infinity", '"NaN"', '"1e99999999"', '"-Infinity"', '"' + "9" * 5000 + '"',
    "1e15", "123456789012345678", "1.000000000000000000001", "-0", "0.1e2", "2e8",
    '"\\ud800"', '"a\\udfffb"', '"\\u0000\\u000b\\u000c"', '"\\u202e\\u200b\\ufeff"',
    "[" * 500 + "]" * 500, '{"a":' * 300 + "1" + "}" * 300, "[" * 70 + "]" * 70,
    '"' + "长" * 250_000 + '"', '"' + "x" * 100_000 + '"',
    "null", "true", "false", "[]", "{}", '""', '" "', "-1", "0", "3.14159",
    '"2024-02-30"', '"2024-01-01T10:00:00"', '"2024-01-01T00:00:00"', '"20240101"', '"=1+1"',
    '[1, "a", null, {}]', '{"type": "fishbone", "branches": [{"causes": [1, [2], {"causes": 3}]}]}',
    '{"type": "bar", "bars": [{"value": 1e99999}]}', '{"type": "nonsense", "x\\ud800": [1e5]}',
    '{"\\ud800key": "\\udc00value"}', '{"step": "\\u200b选择课题\\u200b", "text": 5}',
)
"""Raw JSON values a value anywhere in a file may be replaced with."""

HOSTILE_TEXT: dict[str, str] = {
    "rtl": "\u202e正常文字\u202c reversed \u2067עברית\u2069",
    "zero_width": "张\u200b三\u200c\u200d\ufeff\u2060",
    "nul": "前\x00后\x00",
    "vertical_tab": "第一行\x0b第二行\x0c第三行\r\n第四行",
    "emoji": "质量👍🏽👨‍👩‍👧‍👦🇨🇳✅",
    "cjk_ext_b": "\U00020000\U0002a6d6\U0002b734𠀀𪚶",
    "long": ("长文本" * 33_334)[:100_000],
}
"""Text a user may paste (or a script may write) into any text field."""


def raw_file(data: Any, raw: str | None = None) -> bytes:
    """``data`` as file bytes; the one place holding :data:`MARK` gets the ``raw`` JSON text."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    if raw is not None:
        text = text.replace(json.dumps(MARK), raw, 1)
    return text.encode("utf-8")


def _places(data: Any, path: tuple = ()) -> Iterator[tuple]:
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _places(value, (*path, index))


SAMPLE_PLACES: list[tuple] = list(_places(SAMPLE_JSON))[1:]


def replaced(data: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[path[0]] = replaced(data[path[0]], path[1:], value)
    return copy


def mutate(seed: int) -> tuple[str, bytes]:
    """One mutated sample file: (what was done, bytes)."""
    rng = random.Random(seed)
    kind = rng.choice(("truncate", "flip", "replace", "replace", "replace", "drop", "retype"))
    if kind == "truncate":
        cut = rng.randrange(len(SAMPLE_BYTES))
        return f"truncate at {cut}", SAMPLE_BYTES[:cut]
    if kind == "flip":
        content = bytearray(SAMPLE_BYTES)
        for _ in range(rng.randint(1, 4)):
            content[rng.randrange(len(content))] = rng.randrange(256)
        return "flip bytes", bytes(content)
    place = rng.choice(SAMPLE_PLACES)
    if kind == "replace":
        raw = rng.choice(HOSTILE_JSON)
        return f"replace {place} with {raw[:30]}", raw_file(replaced(SAMPLE_JSON, place, MARK), raw)
    if kind == "drop":
        parent, key = place[:-1], place[-1]
        container = SAMPLE_JSON
        for step in parent:
            container = container[step]
        copy = dict(container) if isinstance(container, dict) else list(container)
        del copy[key]
        return f"drop {place}", raw_file(replaced(SAMPLE_JSON, parent, copy))
    value: Any = SAMPLE_JSON
    for step in place:
        value = value[step]
    swapped = {str: 12345, int: "十二", float: "十二", bool: "是", list: {"0": value},
               dict: [value], type(None): ["x"]}
    return f"retype {place}", raw_file(replaced(SAMPLE_JSON, place, swapped.get(type(value), None)))


def set_every_text(model: BaseModel, choose: Any) -> int:
    """Put ``choose(i)`` into every text field, list item and table cell of ``model`` (through
    validated assignment, as the window does; choices are left alone); returns how many."""
    count = 0

    def assign(obj: BaseModel, name: str, value: Any, texts: int) -> None:
        nonlocal count
        try:
            setattr(obj, name, value)
        except ValidationError:
            return      # a choice (课题类型, 评审形式): not free text
        count += texts

    def fill(obj: BaseModel) -> None:
        for name, value in list(obj.__dict__.items()):
            if name in ("type", "step", "format"):
                continue    # the block type, the step name and the format marker are keys, not text
            if isinstance(value, str):
                assign(obj, name, choose(count), 1)
            elif isinstance(value, BaseModel):
                fill(value)
            elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
                assign(obj, name, [choose(count + i) for i in range(len(value))], len(value))
            elif isinstance(value, list) and value and all(isinstance(v, list) for v in value):
                cells = sum(len(row) for row in value)
                texts = iter(range(count, count + cells))
                assign(obj, name, [[choose(next(texts)) for _ in row] for row in value], cells)
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, BaseModel):
                        fill(item)

    fill(model)
    return count
