"""Collecting achievements into the unit's project: from group leaders' projects and hand-over packages.

Each leader drafts an achievement on their own PC; the quality department appends them to the
unit's submission. The unit's own forms (申报单位, 附件6, 附件7) of the target are kept; from a
source only its group and team achievements are taken, with their files copied beside the target.
An achievement whose 成果名称 is already in the target is skipped (or, when asked, replaces it).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

from forms.attachments import GatherReport, gather, resolve, set_ref
from forms.group_achievement import GroupAchievement
from forms.project import Project
from forms.team_achievement import TeamAchievement

KINDS = (("group_achievements", "小组成果"), ("team_achievements", "班组成果"))


class CollectRefused(Exception):
    """A source that cannot be collected (another campaign year); ``str()`` is Chinese."""


def title_key(title: str) -> str:
    """成果名称 compared without white space: “降低 排烟温度” is “降低排烟温度”."""
    return "".join(title.split())


@dataclass
class CollectReport:
    """What one collect did, in Chinese lines for the window and the command line."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    files: list[GatherReport] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: {"group_achievements": 0, "team_achievements": 0})

    @property
    def copied(self) -> int:
        return sum(len(f.copied) for f in self.files)

    @property
    def missing(self) -> list[str]:
        return [ref.name for f in self.files for ref in f.missing]

    @property
    def failed(self) -> list[tuple[str, str]]:
        return [item for f in self.files for item in f.failed]

    def created(self) -> list[Path]:
        return [p for f in self.files for p in f.created]

    def lines(self) -> list[str]:
        out = [f"加入 {self.counts['group_achievements']} 项小组成果、{self.counts['team_achievements']} 项班组成果"
               f"（其中替换 {len(self.replaced)} 项），复制了 {self.copied} 个文件。"]
        out += [f"已跳过{name}：项目中已有同名成果（如要替换，请选择“替换同名成果”或加 --replace）。"
                for name in self.skipped]
        out += [f"已替换{name}。" for name in self.replaced]
        out += [f"找不到文件“{name}”，已保留原路径，请在对应成果中重新选择。" for name in self.missing]
        out += [f"无法复制“{name}”：{why}" for name, why in self.failed]
        return out


def check_campaign(target: Project, source: Project, source_name: str) -> None:
    """Refuse a source of another campaign year: its dates and limits are another notice's."""
    if source.campaign != target.campaign:
        raise CollectRefused(
            f"“{source_name}”是 {source.campaign} 年度的项目，当前项目是 {target.campaign} 年度，"
            "不同年度的成果不能合并（如是上年的项目，请用“从上年项目新建”）。")


def collect_into(target: Project, target_file: str | PathLike[str], source: Project,
                 source_base: str | PathLike[str] | None, *, replace: bool = False,
                 source_name: str = "") -> CollectReport:
    """Append ``source``'s achievements to ``target`` (changed in place) with their files.

    Files are resolved from ``source_base`` and copied into the target's ``<项目名>_附件/``.
    Raises :class:`CollectRefused` for another campaign year, before anything is changed.
    """
    check_campaign(target, source, source_name or "来源项目")
    report = CollectReport()
    for top, noun in KINDS:
        items: list[GroupAchievement | TeamAchievement] = getattr(target, top)
        for achievement in getattr(source, top):
            name = f"{noun}《{achievement.title.strip() or '未填写成果名称'}》"
            if source_name:
                name += f"（来自 {source_name}）"
            key = title_key(achievement.title)
            existing = next((i for i, a in enumerate(items) if key and title_key(a.title) == key), None)
            if existing is not None and not replace:
                report.skipped.append(name)
                continue
            single = Project(campaign=source.campaign, **{top: [achievement]})
            gathered, files = gather(single, source_base, target_file)
            report.files.append(files)
            for ref in files.missing:
                # A relative name that is missing at the source must not find some other file
                # beside the target: it keeps naming where it was expected.
                expected = resolve(ref.name, source_base)
                if expected is not None and not Path(ref.name.strip()).is_absolute():
                    set_ref(gathered, ref, os.path.normpath(expected))
            moved = getattr(gathered, top)[0]
            if existing is not None:
                items[existing] = moved
                report.replaced.append(name)
            else:
                items.append(moved)
                report.added.append(name)
            report.counts[top] += 1
    return report
