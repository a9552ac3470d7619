"""reportlab paragraph fragments built straight from layout runs, without its markup parser.

``Paragraph(text, style)`` parses markup (through ``html.parser``) into fragments (``ParaFrag``):
one per stretch of text between tags and entities, each carrying its font, size, colour and
underline. The PDF writer knows those stretches already (runs cut by font, :func:`fonts.font_runs`),
so writing markup only for reportlab to parse it back was a third of the cost of making a paragraph.
:func:`frags` gives the fragments the parser gives for :func:`markup` of the same runs, attribute
for attribute and in the same order, so the PDF is the same to the byte:

- each font run is one fragment; an escaped ``&``, ``<`` or ``>`` is a fragment of its own (the
  parser sees an entity), as is each line break (``<br/>``);
- white space inside a stretch is collapsed to one space, as ``cleanBlockQuotedText`` collapses it
  in the markup (by ``str.split``, or by reportlab's own white space set when the text holds a
  no-break space: reportlab's ``split`` switches on that);
- each underlined run is its own ``<u>``, numbered in the paragraph;
- a paragraph with no markup at all holds one no-break space (``&nbsp;``).

The attributes a fragment starts with (font mapping, colour, underline geometry) are taken from the
parser itself, once per style, font and underline, so they cannot drift from reportlab's.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.platypus.paraparser import ParaFrag, ParaParser

from exporters.fonts import font_runs, markup
from exporters.layout import Run
from forms.text import clean_text

_PY_SPACE = re.compile(r"\s+")                                   # what str.split() splits at
_RL_SPACE = re.compile(f"[{re.escape(rl_paragraph._wsc)}]+")     # reportlab's split with a no-break space
_ENTITY = re.compile(r"([&<>])")                                 # escaped in markup: the parser sees an entity

# What of a style goes into its fragments (ParaParser._initial_frag).
_STYLE_KEYS = ("fontName", "fontSize", "textColor", "underlineWidth", "underlineColor", "underlineOffset",
               "underlineGap", "strikeWidth", "strikeColor", "strikeOffset", "strikeGap", "linkUnderline")
_prototypes: dict[tuple, ParaFrag] = {}
_new_frag = object.__new__


def _parsed(text: str, style: ParagraphStyle) -> list[ParaFrag]:
    _style, parsed, _bullet = ParaParser().parse(rl_paragraph.cleanBlockQuotedText(text), style)
    return parsed


def _style_key(style: ParagraphStyle) -> tuple:
    return tuple(repr(getattr(style, k, None)) for k in _STYLE_KEYS)


def _prototype(style: ParagraphStyle, style_key: tuple, name: str | None, underline: bool,
               line_break: bool) -> ParaFrag:
    """The fragment the parser makes for one character (or a ``<br/>``) in font ``name``
    (``None``: the paragraph's own font, as for ``&nbsp;``), underlined or not."""
    key = (style_key, name, underline, line_break)
    frag = _prototypes.get(key)
    if frag is None:
        inner = "<br/>" if line_break else "x"
        text = inner if name is None else f'<font name="{name}">{inner}</font>'
        if underline:
            text = f"<u>{text}</u>"
        (frag,) = _parsed(text, style)
        _prototypes[key] = frag
    return frag


def frags(runs: Sequence[Run], style: ParagraphStyle, *, embolden: bool) -> list[ParaFrag]:
    """The fragments ``Paragraph(markup of runs, style)`` holds; ``embolden``: the paragraph is
    bold throughout and drawn emboldened, so bold runs keep their font (as in the PDF writer)."""
    if getattr(style, "textTransform", None):     # the parser's path changes the text afterwards
        return parsed_frags(runs, style, embolden=embolden)
    style_key = _style_key(style)
    pieces = [(clean_text(r.text), "hei" if r.bold and not embolden else r.font, r.underline) for r in runs]
    if not any(text or underline for text, _role, underline in pieces):
        return [_fragment(_prototype(style, style_key, None, False, False), "\xa0", [], None)]
    collapse = (_RL_SPACE if any("\xa0" in text for text, _, _ in pieces) else _PY_SPACE).sub
    link: list = []       # one per paragraph, shared by its fragments as the parser shares it
    out: list[ParaFrag] = []
    lines = 0
    for text, role, underline in pieces:
        us_lines = None
        if underline:
            us_lines = []
            lines += 1
        for name, chunk in font_runs(text, role) if text else ():
            proto = _prototype(style, style_key, name, underline, False)
            if us_lines is not None and not us_lines:
                us_lines.append((lines - 1, *proto.us_lines[0][1:]))
            for i, line in enumerate(chunk.split("\n")):
                if i:
                    out.append(_fragment(_prototype(style, style_key, name, underline, True), "", link, us_lines))
                for part in _ENTITY.split(collapse(" ", line)):
                    if part:
                        out.append(_fragment(proto, part, link, us_lines))
    return out


def _fragment(proto: ParaFrag, text: str, link: list, us_lines: list | None) -> ParaFrag:
    frag = _new_frag(ParaFrag)            # copy.copy(proto), without copy's generic machinery
    frag.__dict__.update(proto.__dict__)
    frag.link = link
    if us_lines is not None:
        frag.us_lines = us_lines
    frag.text = text
    return frag


def parsed_frags(runs: Sequence[Run], style: ParagraphStyle, *, embolden: bool) -> list[ParaFrag]:
    """The fragments by way of markup and reportlab's parser (what :func:`frags` replaces)."""
    text = "".join(markup(clean_text(r.text), r.font, bold=r.bold and not embolden, underline=r.underline)
                   for r in runs)
    return _parsed(text or "&nbsp;", style)

