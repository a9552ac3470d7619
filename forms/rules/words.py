"""Text matching for the self-check: names and causes compared the way a reader compares them, and
the campaign's word lists (attitude phrases, placeholders, unit words) compiled once per profile."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from forms.campaign import SelfCheckWords

_IGNORED = " \t\r\n\v\f\u3000\xa0，,。.、；;：:！!？?（）()【】[]“”\"‘’'·•-—_/\\"
_DROP = str.maketrans("", "", _IGNORED)
_NAME_SPLIT = re.compile(r"[、，,;；/\s\u3000]+")
_WILDCARD = ".{0,4}?"


@lru_cache(maxsize=16384)
def norm(text: str) -> str:
    """``text`` without spaces and punctuation, lower case: “燃烧器 喷嘴磨损。” is 燃烧器喷嘴磨损.

    Cached: the same names and causes are compared many times in one check of a project.
    """
    return text.translate(_DROP).lower()


@lru_cache(maxsize=4096)
def _split_names(text: str) -> tuple[str, ...]:
    return tuple(part for part in _NAME_SPLIT.split(text.strip()) if part)


def split_names(text: str) -> list[str]:
    """The names in a cell such as ``李建国、王海燕``."""
    return list(_split_names(text))


def same_item(a: str, b: str) -> bool:
    """Two texts name the same cause: equal once normalised, or one holds the other whole.

    A 对策表 often shortens the 要因 (喷嘴磨损 for 燃烧器喷嘴磨损); a single character matches nothing.
    """
    x, y = norm(a), norm(b)
    if not x or not y:
        return False
    if x == y:
        return True
    shorter, longer = (x, y) if len(x) <= len(y) else (y, x)
    return len(shorter) >= 2 and shorter in longer


@dataclass(frozen=True)
class Words:
    """A profile's word lists, ready to match."""

    attitude: re.Pattern[str]
    placeholder_names: frozenset[str]
    marks: re.Pattern[str]
    parent_units: tuple[str, ...]
    companies: tuple[str, ...]
    group_leader_roles: frozenset[str]
    team_leader_roles: frozenset[str]

    def attitude_only(self, text: str) -> str | None:
        """The attitude phrase when ``text`` says nothing but attitudes (加强培训，提高责任心), else None."""
        compact = norm(text)
        if not compact:
            return None
        found = self.attitude.findall(compact)
        if not found:
            return None
        rest = self.attitude.sub("", compact)
        # What may remain around the phrases: joining words, not an action.
        rest = re.sub(r"[和与及并等的要]", "", rest)
        return found[0] if not rest else None

    def placeholder_name(self, name: str) -> bool:
        return norm(name) in self.placeholder_names

    def placeholder_mark(self, text: str) -> str | None:
        found = self.marks.search(text)
        return found.group() if found else None


@cache
def words_of(lists: SelfCheckWords) -> Words:
    """Compile the lists once (profiles are frozen and cached, so this runs once per campaign)."""
    phrases = sorted({p for p in lists.attitude_phrases if norm(p.replace("*", ""))},
                     key=lambda p: (-len(p), p))
    pattern = "|".join(_WILDCARD.join(re.escape(norm(part)) for part in phrase.split("*"))
                       for phrase in phrases)
    return Words(
        attitude=re.compile(pattern or r"(?!)"),
        placeholder_names=frozenset(norm(n) for n in lists.placeholder_names),
        marks=re.compile("|".join(re.escape(m) for m in sorted(lists.placeholder_marks, key=len, reverse=True))
                         or r"(?!)"),
        parent_units=tuple(sorted(lists.parent_unit_markers, key=len, reverse=True)),
        companies=tuple(sorted(lists.company_markers, key=len, reverse=True)),
        group_leader_roles=frozenset(lists.group_leader_roles),
        team_leader_roles=frozenset(lists.team_leader_roles),
    )
