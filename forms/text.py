"""Cleaning of user text pasted from Word and other programs."""
from __future__ import annotations

import datetime as dt
import re

# Word's manual line break (\x0b) and page break (\x0c) become line breaks; other C0 controls
# (which python-docx and XML refuse) and lone surrogates are dropped. Tab and newline stay.
_LINE_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\r": None, "\u2028": "\n", "\u2029": "\n"})
_DROP = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def clean_text(value: str) -> str:
    """Return ``value`` with control characters turned into line breaks or removed."""
    return _DROP.sub("", value.translate(_LINE_BREAKS))


def count_chars(value: str) -> int:
    """字数 as reviewers count it: every character except white space."""
    return sum(1 for ch in value if not ch.isspace())


def cn_date(value: dt.date | None, blank: str = "") -> str:
    """``2024年3月19日`` as documents and messages write dates; ``blank`` when there is none."""
    return f"{value.year}年{value.month}月{value.day}日" if value else blank
