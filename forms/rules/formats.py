"""Format checks for contact data and numbers, shared by every form."""
from __future__ import annotations

import re
from decimal import Decimal

_MOBILE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")
# 010-84885418, 0546-8551234, 84885009, (0546)8551234, 0546-8551234-806, 400-810-8888
_LANDLINE = re.compile(r"^(?:(?:\(0\d{2,3}\)|0\d{2,3})-?)?[2-9]\d{6,7}(?:(?:-|转|ext\.?)\d{1,6})?$")
_SERVICE = re.compile(r"^[48]00-?\d{3}-?\d{4}$")
_POSTCODE = re.compile(r"^\d{6}$")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")
_PHONE_SEPARATORS = re.compile(r"[、,，;；/]")
_NAME_SEPARATORS = re.compile(r"[、,，;；/\s]")
_SPACES = re.compile(r"[\s\u3000]")


def _compact(value: str) -> str:
    return _SPACES.sub("", value)


def is_mobile(value: str) -> bool:
    """11 digits starting with 1 (a +86 prefix and spaces or hyphens between groups allowed)."""
    return bool(_MOBILE.match(_compact(value).replace("-", "")))


def is_landline(value: str) -> bool:
    """One or more landline numbers separated by 、 or commas; a mobile number is accepted too."""
    parts = [p for p in _PHONE_SEPARATORS.split(_compact(value)) if p]
    if not parts:
        return False
    return all(_LANDLINE.match(p) or _SERVICE.match(p) or is_mobile(p) for p in parts)


def is_postcode(value: str) -> bool:
    return bool(_POSTCODE.match(_compact(value)))


def is_email(value: str) -> bool:
    return bool(_EMAIL.match(value.strip()))


def has_name_separator(name: str) -> bool:
    """A contributor cell holding several names (``张三，李四``) instead of one."""
    return bool(_NAME_SEPARATORS.search(name.strip()))


def decimals(value: Decimal) -> int:
    """Number of decimal places written in ``value`` (``12.50`` → 2)."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0
