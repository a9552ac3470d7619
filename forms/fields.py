"""Field types and the ``field()`` helper that attaches the notice's Chinese label and help text.

Every model field is optional with an empty default: drafts are incomplete by nature and must load;
the rules (``forms.rules``) say what is missing.
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer
from pydantic_core import PydanticCustomError

from forms.safe_json import MAX_ADJUSTED_EXPONENT, MIN_EXPONENT
from forms.text import clean_text


def _clean(value: Any) -> Any:
    if value is None:
        return ""
    return clean_text(value) if isinstance(value, str) else value


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _decimal_to_json(value: Decimal) -> int | float | str:
    # Written as a JSON number; float() of a value with few decimals round-trips through repr.
    if value == value.to_integral_value() and abs(value) < 10**15:
        return int(value)
    as_float = float(value)
    return as_float if Decimal(repr(as_float)) == value else str(value)


def _bounded_decimal(value: Decimal) -> Decimal:
    # The same bounds as the file parser (forms.safe_json), for numeric strings and typed values:
    # 1e99999999 would make formatting and integer conversion run for minutes.
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and (exponent < MIN_EXPONENT or value.adjusted() > MAX_ADJUSTED_EXPONENT):
        raise PydanticCustomError(
            "number_out_of_range",
            f"数值超出可接受的范围（绝对值应小于 10 的 16 次方，最多 {-MIN_EXPONENT} 位小数），请填写正常的数值")
    return value


def _bounded_int(value: int) -> int:
    if abs(value) >= 10 ** (MAX_ADJUSTED_EXPONENT + 1):
        raise PydanticCustomError("number_out_of_range", "数值超出可接受的范围（绝对值应小于 10 的 16 次方），请填写正常的数值")
    return value


Text = Annotated[str, BeforeValidator(_clean)]
"""Free text (``null`` reads as empty); control characters pasted from Word are cleaned."""

Money = Annotated[
    Decimal,
    BeforeValidator(_blank_to_none),
    AfterValidator(_bounded_decimal),
    PlainSerializer(_decimal_to_json, when_used="json"),
]
"""万元, a JSON number or numeric string; at most 2 decimals (a rule, so drafts still load)."""

Rate = Money
"""A percentage 0–100 with at most 2 decimals (range checked by the rules)."""

Number = Money
"""A measured value of any unit (chart data, indicators), a JSON number or numeric string."""

_LIST_SEPARATORS = re.compile(r"[，,、;；\n]+")


def _split_names(value: Any) -> Any:
    # A script may write "张三，李四" where a list is meant: read it as the list it stands for.
    if isinstance(value, str):
        return [part.strip() for part in _LIST_SEPARATORS.split(value) if part.strip()]
    return [] if value is None else value


def _one_path(value: Any) -> Any:
    if isinstance(value, str):
        return [value] if value.strip() else []
    return [] if value is None else value


split_choices = _split_names

Names = Annotated[list[Text], BeforeValidator(_split_names)]
"""An ordered list of names (or choices); a single separated string is accepted too."""

Paths = Annotated[list[Text], BeforeValidator(_one_path)]
"""Files to copy into the bundle; a single path string is accepted too."""

Count = Annotated[int, BeforeValidator(_blank_to_none), AfterValidator(_bounded_int)]
Year = Annotated[int, AfterValidator(_bounded_int)]
Choice = BeforeValidator(_blank_to_none)
"""Put before a ``Literal`` so that stray spaces around a choice do not reject a file."""
Date = Annotated[dt.date, BeforeValidator(_blank_to_none)]


def none_as_empty(value: Any) -> Any:
    """``null`` in a file stands for an empty sub-form or list."""
    return {} if value is None else value


def none_as_empty_list(value: Any) -> Any:
    return [] if value is None else value


def field(label: str, help: str = "", *, default: Any = None, factory: Any = None,
          **extra: Any) -> Any:
    """A model field carrying its Chinese ``label`` (title) and ``help`` (description)."""
    if isinstance(default, (list, dict)):
        factory = type(default)
    if factory is not None:
        return Field(default_factory=factory, title=label, description=help or None, **extra)
    return Field(default=default, title=label, description=help or None, **extra)


class FormModel(BaseModel):
    """Base of every form model: assignments are validated, unknown keys are kept."""

    model_config = ConfigDict(validate_assignment=True, extra="allow", str_strip_whitespace=False)

    @classmethod
    def label_of(cls, key: str) -> str:
        info = cls.model_fields.get(key)
        return (info.title if info and info.title else key)
