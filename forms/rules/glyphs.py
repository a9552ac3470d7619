"""Characters that no font can print: a warning at each field, naming the characters.

forms/ knows no fonts. The caller that does (``exporters.checks``) passes ``can_draw``: whether a
bundled or system font embeddable in the PDF has a glyph for a character. A name such as 王𠀾国
(CJK Extension B) would otherwise print as 王　国 on the certificate without a word.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator

from pydantic import BaseModel

from forms.locations import Path
from forms.project import Project
from forms.report_common import Section
from forms.rules.findings import Reporter

CanDraw = Callable[[str], bool]
SHOWN_MAX = 8          # characters named in one message; more are counted
NOT_PRINTED = {"format", "attachments", "evidence", "path"}   # file names and paths, never set in type


def _texts(value: object, path: Path) -> Iterator[tuple[Path, str]]:
    """Every text in ``value`` with its path; a report step is addressed by its name."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Section):
        at = (*path[:-1], value.step)        # (…, "sections", "<step>")
        yield at, value.text
        yield from _texts(value.blocks, (*at, "blocks"))
    elif isinstance(value, BaseModel):
        for key in type(value).model_fields:
            if key not in NOT_PRINTED:
                yield from _texts(getattr(value, key), (*path, key))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))


def _describe(ch: str) -> str:
    return f"“{ch}”（U+{ord(ch):04X}）"


def check_glyphs(r: Reporter, project: Project, can_draw: CanDraw) -> None:
    # Fast path for the live check: every character of the whole project at once (pydantic's JSON
    # is written in C); fields are walked only when some character has no glyph.
    if all(ch.isspace() or not ch.isprintable() or can_draw(ch) for ch in set(project.model_dump_json())):
        return
    drawable: set[str] = set()
    missing: set[str] = set()
    for path, text in _texts(project, ()):
        chars = set(text)
        for ch in chars - drawable - missing:     # each distinct character is asked once
            if ch.isspace() or not ch.isprintable() or can_draw(ch):
                drawable.add(ch)
            else:
                missing.add(ch)
        if chars & missing:
            found = [ch for ch in dict.fromkeys(text) if ch in missing]
            named = "、".join(_describe(ch) for ch in found[:SHOWN_MAX])
            more = f"等{len(found)}个字符" if len(found) > SHOWN_MAX else ""
            r.warning(path, f"含有字体中没有的字{named}{more}，PDF中将印成空白。"
                            "若是人名、单位名中的生僻字，请核对；证书依据这些信息制作，必要时在纸质材料上手写补全。")
