"""The validation library's errors told in Chinese, by error type, never in its own English.

pydantic describes a refused value in English ("Input should be a finite number", "Datetimes
provided to dates should have zero time…"). Users see :func:`reason` instead: a Chinese phrase
chosen by the error's *type*, with the limits from its context where they matter. Types not listed
get a Chinese fallback; errors raised by our own validators (``PydanticCustomError`` with a type in
:data:`OWN_TYPES`) already carry a Chinese message and keep it.
"""
from __future__ import annotations

from typing import Any

NUMBER = "应为数字"
WHOLE = "应为整数"
DATE = "应为日期 YYYY-MM-DD（如 2024-03-19）"
TEXT = "应为文字"
LIST = "应为列表"
OBJECT = "应为对象（一组带名称的项目）"
FALLBACK = "取值无效，请按说明填写"

REASONS: dict[str, str] = {
    # numbers
    "int_type": WHOLE, "int_parsing": WHOLE, "int_from_float": "应为整数，不能有小数",
    "int_parsing_size": "整数位数过多，请填写正常的数值",
    "float_type": NUMBER, "float_parsing": NUMBER,
    "decimal_type": NUMBER, "decimal_parsing": NUMBER,
    "decimal_max_digits": "数字位数过多", "decimal_max_places": "小数位数过多",
    "decimal_whole_digits": "整数部分位数过多",
    "finite_number": "应为有限的数字（不能是 NaN 或无穷大）",
    "greater_than": "数值过小", "greater_than_equal": "数值过小",
    "less_than": "数值过大", "less_than_equal": "数值过大", "multiple_of": "数值不符合要求",
    "complex_type": NUMBER, "complex_str_parsing": NUMBER, "fraction_type": NUMBER,
    "fraction_parsing": NUMBER,
    # dates and times
    "date_type": DATE, "date_parsing": DATE, "date_from_datetime_parsing": DATE,
    "date_from_datetime_inexact": "应为日期 YYYY-MM-DD，不含时刻",
    "date_past": "应为过去的日期", "date_future": "应为将来的日期",
    "datetime_type": "应为日期和时间", "datetime_parsing": "应为日期和时间",
    "datetime_from_date_parsing": "应为日期和时间", "datetime_object_invalid": "应为日期和时间",
    "datetime_past": "应为过去的时间", "datetime_future": "应为将来的时间",
    "time_type": "应为时刻", "time_parsing": "应为时刻",
    "time_delta_type": "应为时长", "time_delta_parsing": "应为时长",
    "timezone_naive": "不应带时区", "timezone_aware": "应带时区", "timezone_offset": "时区不符合要求",
    # text
    "string_type": TEXT, "string_unicode": "文字中有无效的字符",
    "string_too_short": "文字过短", "string_too_long": "文字过长",
    "string_pattern_mismatch": "格式不正确", "string_not_ascii": "只能包含英文字母、数字和符号",
    "bytes_type": TEXT, "bytes_too_short": "文字过短", "bytes_too_long": "文字过长",
    "bytes_invalid_encoding": "文字编码无效",
    # choices and switches
    "literal_error": "取值不在可选范围内", "enum": "取值不在可选范围内",
    "bool_type": "应为“是”或“否”", "bool_parsing": "应为“是”或“否”",
    "none_required": "此处应为空",
    # containers
    "list_type": LIST, "tuple_type": LIST, "set_type": LIST, "frozen_set_type": LIST,
    "deque_type": LIST, "iterable_type": LIST, "iteration_error": LIST,
    "set_item_not_hashable": "列表中有无法比较的项目",
    "too_short": "项目太少", "too_long": "项目太多",
    "dict_type": OBJECT, "model_type": OBJECT, "model_attributes_type": OBJECT,
    "dataclass_type": OBJECT, "dataclass_exact_type": OBJECT, "mapping_type": OBJECT,
    "ordered_dict_type": OBJECT, "frozen_dict_type": OBJECT, "counter_type": OBJECT,
    "named_tuple_type": LIST, "arguments_type": OBJECT,
    "invalid_key": "名称无效", "missing": "缺少此项", "extra_forbidden": "不认识此项",
    "union_tag_invalid": "类型不在可选范围内", "union_tag_not_found": "缺少类型",
    # structure of the data itself
    "recursion_loop": "嵌套层数过深", "recursion_depth_exceeded": "嵌套层数过深",
    "json_invalid": "格式不对", "json_type": "格式不对",
    "frozen_field": "此项不能修改", "frozen_instance": "此项不能修改",
    "url_type": "应为网址", "url_parsing": "应为网址", "url_syntax_violation": "应为网址",
    "url_too_long": "网址过长", "url_scheme": "网址类型不符合要求",
    "uuid_type": "应为编号", "uuid_parsing": "应为编号", "uuid_version": "编号格式不符合要求",
}
"""pydantic error type → Chinese reason. Anything else gets :data:`FALLBACK`."""

OWN_TYPES = frozenset({"number_out_of_range"})
"""Error types raised by our own validators, whose message is already Chinese."""


def _expected_choices(ctx: dict[str, Any]) -> str | None:
    expected = ctx.get("expected")
    if not isinstance(expected, str) or not expected:
        return None
    return "应为 " + expected.replace("'", "").replace(" or ", "、").replace(", ", "、")


def reason(error: dict[str, Any]) -> str:
    """A Chinese phrase for one entry of ``ValidationError.errors()`` (what the value should be)."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind in OWN_TYPES:
        return str(error.get("msg") or FALLBACK)
    if kind in ("literal_error", "enum"):
        return _expected_choices(ctx) or REASONS[kind]
    if kind in ("string_too_long", "too_long") and isinstance(ctx.get("max_length"), int):
        return f"{REASONS[kind]}（最多 {ctx['max_length']}）"
    if kind in ("string_too_short", "too_short") and isinstance(ctx.get("min_length"), int):
        return f"{REASONS[kind]}（至少 {ctx['min_length']}）"
    return REASONS.get(kind, FALLBACK)
