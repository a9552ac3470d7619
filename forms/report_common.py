"""Parts shared by the two report books (附件8 and 附件9): the step sections."""
from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator

from forms.blocks import Blocks
from forms.fields import FormModel, Text, field

StepName = Annotated[Text, AfterValidator(lambda name: "".join(name.split()))]
"""A step's name, white space removed: “ 选择课题 ” and “选择 课题” are 选择课题."""


class Section(FormModel):
    step: StepName = field("步骤", "T/CAQ 活动程序中的步骤名称。", default="")
    text: Text = field("内容", "本步骤的活动内容、方法和效果，用文字、数据等表达清楚。", default="")
    blocks: Blocks = field("图表与数据", "表格、排列图、因果图、要因确认表、对策表、照片等，按顺序排在文字之后。",
                           default=[])


def section_text(sections: list[Section], step: str) -> str:
    """The text kept under ``step`` (the first such section), or ``""``."""
    for section in sections:
        if section.step == step:
            return section.text
    return ""


def section_of(sections: list[Section], step: str) -> Section | None:
    """The (first) section kept under ``step``, or ``None``."""
    for section in sections:
        if section.step == step:
            return section
    return None


def set_section_text(sections: list[Section], step: str, text: str) -> None:
    """Store ``text`` under ``step``, adding the section when it is new.

    Sections of steps that are no longer in the current sequence are kept, so a user who switches
    课题类型 back and forth never loses what was typed.
    """
    for section in sections:
        if section.step == step:
            section.text = text
            return
    sections.append(Section(step=step, text=text))
