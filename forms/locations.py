"""Chinese descriptions of places in a project: which form, which achievement, which field.

Rules, the loader and the UI all name places the same way, from the models' own labels.
"""
from __future__ import annotations

import types
import typing
from typing import Any, Union

from pydantic import BaseModel

from forms.blocks import KNOWN_BLOCKS
from forms.project import Project
from forms.report_common import Section

Path = tuple[str | int, ...]

# 申报单位 data prints in the 汇总表 headers (附件4/5) and the 附件6 footer.
_DECLARANT_FOOTER = {"department", "department_head", "address", "postcode", "email"}
_FORM_OF_TOP: dict[str, str] = {
    "declarant": "附件4",
    "group_achievements": "附件2",
    "team_achievements": "附件3",
    "statistics": "附件6",
    "reviewers": "附件7",
}
_ITEM_NOUN: dict[str, str] = {
    "group_achievements": "小组成果",
    "team_achievements": "班组成果",
    "reviewers": "评委",
}


def form_of(path: Path) -> str:
    """The attachment a place prints on: 附件2 … 附件9 (the 申报单位 block: 附件4 or 附件6)."""
    if not path:
        return "项目文件"
    top = str(path[0])
    if top in ("group_achievements", "team_achievements") and "report" in path[1:]:
        return "附件8" if top == "group_achievements" else "附件9"
    if top == "declarant" and len(path) > 1 and path[1] in _DECLARANT_FOOTER:
        return "附件6"
    return _FORM_OF_TOP.get(top, "项目文件")


def item_name(project: Project | None, path: Path) -> str | None:
    """``第2个小组成果《标题》`` for a place inside an achievement or reviewer, else ``None``."""
    if path and path[0] == "declarant":
        return "申报单位信息"
    if len(path) < 2 or not isinstance(path[1], int) or str(path[0]) not in _ITEM_NOUN:
        return None
    top, index = str(path[0]), path[1]
    name = f"第{index + 1}个{_ITEM_NOUN[top]}"
    items = getattr(project, top, None) if project is not None else None
    if items is not None and 0 <= index < len(items):
        title = getattr(items[index], "title", None) or getattr(items[index], "name", None)
        if title:
            title = title.replace("\n", " ")
            name += f"《{title}》" if top != "reviewers" else f"（{title}）"
    return name


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model class inside an annotation such as ``list[Annotated[X, …]] | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_in(typing.get_args(annotation)[0])
    if origin in (list, Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None


def _block_model_for(rest: list[str | int]) -> type[BaseModel] | None:
    """The block model under which the keys of ``rest`` resolve best (a path names no block type)."""
    keys = [k for k in rest if isinstance(k, str)]
    best, best_depth = None, -1
    for model in KNOWN_BLOCKS.values():
        depth, current = 0, model
        for key in keys:
            info = current.model_fields.get(key) if current is not None else None
            if info is None:
                break
            depth += 1
            current = _model_in(info.annotation)
        if depth > best_depth:
            best, best_depth = model, depth
    return best


def field_labels(path: Path, *, block_type: str | None = None) -> list[str]:
    """Labels along ``path`` below the top-level item, e.g. ``['成果报告书（附件8）', '小组成员情况 第3行', '年龄']``.

    ``block_type`` names the type of the block the path points into, when the caller knows it (a
    要因确认表 row and an 对策表 row have keys in common); otherwise the keys decide.
    """
    labels: list[str] = []
    model: type[BaseModel] | None = Project
    steps = list(path)
    # The achievement itself is named by item_name(); skip its list key and index.
    if len(steps) >= 2 and isinstance(steps[1], int) and str(steps[0]) in _ITEM_NOUN:
        model = _model_in(Project.model_fields[str(steps[0])].annotation)
        steps = steps[2:]
    elif steps and str(steps[0]) in ("declarant", "statistics"):
        # 申报单位 and 附件6 are named by form_of(); skip their key.
        model = _model_in(Project.model_fields[str(steps[0])].annotation)
        steps = steps[1:]
    for position, step in enumerate(steps):
        if isinstance(step, int):
            if labels:
                labels[-1] += f" 第{step + 1}项"
            if position and steps[position - 1] == "blocks":
                model = KNOWN_BLOCKS.get(block_type or "") or _block_model_for(steps[position + 1:])
            continue
        if model is Section and position and steps[position - 1] == "sections":
            labels.append(step)   # a step name: the section stays the model below it
            continue
        info = model.model_fields.get(step) if model is not None else None
        if info is None:
            labels.append(step)
            model = None
            continue
        model = _model_in(info.annotation)
        if step == "sections":
            model = Section
        if step == "report" and position == 0:
            continue  # the form (附件8/附件9) already says it is the report
        labels.append(info.title or step)
    return labels


def field_label(path: Path, *, block_type: str | None = None) -> str:
    """The label of the field at the end of ``path`` (its key when it has none)."""
    labels = field_labels(path, block_type=block_type)
    if "blocks" in path and "sections" in path:
        # 具体内容 › 原因分析 › 图表与数据 第2项 › 要因确认 第3项 › 负责人
        return " › ".join(labels[labels.index("具体内容"):] if "具体内容" in labels else labels)
    if len(path) >= 2 and path[-2] == "sections" and isinstance(path[-1], str):
        return " › ".join(labels[-2:])  # 具体内容 › 现状调查: a step name alone lacks context
    return labels[-1] if labels else ""


def describe(project: Project | None, path: Path) -> str:
    """A one-line Chinese name for a place: ``附件2 第1个小组成果《…》 › 小组人数``."""
    parts = [form_of(path)]
    item = item_name(project, path)
    if item:
        parts.append(item)
    text = " ".join(parts)
    labels = field_labels(path)
    if labels:
        text += " › " + " › ".join(labels)
    return text


FORM_TITLES: dict[str, str] = {
    "附件2": "优秀成果申报表（小组）",
    "附件3": "优秀质量管理成果申报表（班组）",
    "附件4": "优秀成果申报汇总表（申报单位信息）",
    "附件5": "优秀成果申报汇总表（班组）",
    "附件6": "活动统计表",
    "附件7": "评委推荐表",
    "附件8": "质量管理小组活动成果报告书",
    "附件9": "质量信得过班组建设活动成果报告书",
}
"""Short names of the notice's attachments, for grouping findings."""
