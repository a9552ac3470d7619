"""Bounded JSON decoding for project files and drafts: no input can make reading slow or fragile.

Plain ``json.loads`` lets a tiny file stall or break the program: ``1e99999999`` parsed as a
Decimal becomes a 100-million-digit integer when a whole number is expected (minutes of work in C),
an integer over 4,300 digits raises a bare ``ValueError``, ``NaN`` and ``Infinity`` pass as
numbers, a lone surrogate (``"\\ud800"``) cannot be written back as UTF-8, and nesting hundreds
deep loads but overflows the stack when the project is saved. :func:`decode` applies explicit
limits while parsing and reports the first value that breaks one, with its place in the data, so
the loader can name the field in Chinese. Lone surrogates are dropped (as ``clean_text`` does in
text fields), so that every file that opens can be saved again.
"""
from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any

MAX_FILE_BYTES = 64 * 1024 * 1024
"""A project with 200 fully written achievements is a few MB (pictures are referenced, not
embedded); a bigger file is not a project, and reading it whole would only cost memory."""

MAX_DEPTH = 64
"""Deepest nesting accepted. The model's deepest place (a 因果图's third cause level) is about 16
levels down; saving uses a recursive encoder, so hundreds of levels would fail only at save time."""

MAX_TEXT_CHARS = 200_000
"""Longest single text (or key). A report step runs to a few thousand characters; 200,000 (a book
of about a hundred pages) leaves room for pasted documents and keeps every check and writer quick."""

MAX_NUMBER_CHARS = 40
"""Longest number literal: an amount with all its decimals fits easily; longer ones are garbage."""

MAX_INTEGER_DIGITS = 16
MAX_ADJUSTED_EXPONENT = 15
"""Largest magnitude: below 10^16. Counts, 万元 amounts and measured values are far smaller; the
bound keeps integer conversion and fixed-point formatting of any value cheap and short, and a value
rounded to cents (or a rate of two such values) within the 28 digits of Decimal's default context."""

MIN_EXPONENT = -12
"""Most decimal places: 12. ``0e-99999999`` would print as a hundred million zeros."""

_SURROGATES = re.compile("[\ud800-\udfff]")


class JsonLimitError(ValueError):
    """A decoded value breaks a limit; ``path`` is its place, ``reason`` a Chinese phrase."""

    def __init__(self, path: tuple[str | int, ...], reason: str) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason


class _Rejected:
    """Stands where a number broke a limit; :func:`_walk` reports it with its path."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason


def _shown(literal: str) -> str:
    return literal if len(literal) <= 24 else literal[:20] + "…"


def _out_of_range(literal: str) -> _Rejected:
    return _Rejected(f"数值 {_shown(literal)} 超出可接受的范围（绝对值应小于 10 的 16 次方，"
                     f"最多 {-MIN_EXPONENT} 位小数），请填写正常的数值")


def _parse_float(literal: str) -> Decimal | _Rejected:
    if len(literal) > MAX_NUMBER_CHARS:
        return _out_of_range(literal)
    try:
        value = Decimal(literal)
    except InvalidOperation:
        return _out_of_range(literal)
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int) or exponent < MIN_EXPONENT or value.adjusted() > MAX_ADJUSTED_EXPONENT:
        return _out_of_range(literal)
    return value


def _parse_int(literal: str) -> int | _Rejected:
    if len(literal.lstrip("-")) > MAX_INTEGER_DIGITS:
        return _out_of_range(literal)
    return int(literal)


def _parse_constant(literal: str) -> _Rejected:
    return _Rejected(f"应为有限的数字，文件中为 {literal}")


def _clean_str(value: str) -> str:
    return _SURROGATES.sub("", value) if _SURROGATES.search(value) else value


def _text(value: str, path: tuple[str | int, ...], limit: int | None = MAX_TEXT_CHARS) -> str:
    if limit is not None and len(value) > limit:
        raise JsonLimitError(path, f"文字过长（{len(value):,} 字，上限 {MAX_TEXT_CHARS:,} 字），请删减")
    return _clean_str(value)


def _walk(value: Any, path: tuple[str | int, ...], depth: int, limit: int | None, clean: bool) -> Any:
    """Check (and with ``clean``, strip lone surrogates from) ``value``, in place where possible.

    Recursion is bounded: a container deeper than :data:`MAX_DEPTH` is refused before descending.
    """
    kind = type(value)
    if kind is str:
        return _text(value, path, limit) if clean or (limit is not None and len(value) > limit) else value
    if kind is _Rejected:
        raise JsonLimitError(path, value.reason)
    if kind is not dict and kind is not list:
        return value
    if depth >= MAX_DEPTH:
        raise JsonLimitError(path, f"嵌套层数过深（超过 {MAX_DEPTH} 层），不是本程序能读取的内容")
    if kind is list:
        for index, item in enumerate(value):
            if type(item) in _CHECKED:
                value[index] = _walk(item, (*path, index), depth + 1, limit, clean)
        return value
    rename = False
    for key, item in value.items():
        if clean or (limit is not None and len(key) > limit):
            rename = rename or _text(key, path, limit) != key
        if type(item) in _CHECKED:
            value[key] = _walk(item, (*path, key), depth + 1, limit, clean)
    return {_text(key, path, limit): item for key, item in value.items()} if rename else value


_CHECKED = (str, dict, list, _Rejected)
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def check_limits(value: Any, path: tuple[str | int, ...] = (), depth: int = 0) -> None:
    """Raise :class:`JsonLimitError` where ``value`` (data about to be saved) breaks a limit that
    :func:`decode` applies, so that nothing is saved that could not be opened again."""
    if depth >= MAX_DEPTH:
        raise JsonLimitError(path, f"嵌套层数过深（超过 {MAX_DEPTH} 层）")
    items = value.items() if type(value) is dict else enumerate(value)
    for key, item in items:
        if type(key) is str and len(key) > MAX_TEXT_CHARS:
            _text(key, path)
        kind = type(item)
        if kind is str:
            if len(item) > MAX_TEXT_CHARS:
                _text(item, (*path, key))
        elif kind is dict or kind is list:
            check_limits(item, (*path, key), depth + 1)


def decode(text: str, *, text_limit: int | None = MAX_TEXT_CHARS) -> Any:
    """Decode JSON text within the limits above; numbers with a fraction or exponent are Decimal.

    ``text_limit=None`` lifts the text length limit (for autosaved drafts: whatever was typed must
    be recoverable, and saving then names the text that is too long). Raises
    ``json.JSONDecodeError`` for text that is not JSON, :class:`JsonLimitError` for a value that
    breaks a limit (or nesting too deep even for the parser).
    """
    try:
        data = json.loads(text, parse_float=_parse_float, parse_int=_parse_int,
                          parse_constant=_parse_constant)
    except RecursionError:
        raise JsonLimitError((), f"嵌套层数过深（超过 {MAX_DEPTH} 层），不是本程序能读取的内容") from None
    # A lone surrogate can only come from a \uD8xx-style escape: without one, nothing to clean.
    clean = bool(_SURROGATE_ESCAPE.search(text))
    return _walk(data, (), 0, text_limit, clean)
