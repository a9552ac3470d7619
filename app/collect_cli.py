"""The collecting commands of ``qcdesk``: merge, gather (整理附件), handover (交接包), new --from.

Each prints one Chinese line per result; files that cannot be read exit 2 with nothing written.
"""
from __future__ import annotations

import argparse
import sys
from contextlib import ExitStack
from pathlib import Path

from forms.attachments import gather
from forms.campaign import available_years, load_campaign
from forms.collect import CollectRefused, collect_into, title_key
from forms.new_year import next_year_project
from forms.project_file import ProjectFileError, load_project, save_project

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2
COLLECT_COMMANDS = ("merge", "gather", "handover")


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_UNREADABLE


def _checked(project_path: Path) -> int:
    from app.cli import format_findings
    from exporters.checks import check_all   # the same findings as `qcdesk check`
    findings = check_all(load_project(project_path), base_dir=project_path.parent)
    print("\n检查结果：\n" + format_findings(findings))
    return EXIT_ERRORS if any(f.is_error for f in findings) else EXIT_OK


def cmd_merge(args: argparse.Namespace) -> int:
    from importers.handover import open_sources
    from importers.workbook import ImportFailed

    target_path = Path(args.target).absolute()
    target = load_project(target_path)
    with ExitStack() as stack:
        try:
            sources = open_sources(stack, target, target_path, [Path(name) for name in args.sources])
        except (ImportFailed, CollectRefused) as exc:
            return _fail(f"未合并，目标项目没有改动：{exc}")
        reports = [collect_into(target, target_path, project, base, replace=args.replace, source_name=name)
                   for name, project, base in sources]
    try:
        save_project(target, target_path)
    except ProjectFileError as exc:
        for report in reports:
            for path in report.created():
                path.unlink(missing_ok=True)
        return _fail(f"合并结果无法保存，目标项目没有改动：{exc}")
    added = {k: sum(r.counts[k] for r in reports) for k in ("group_achievements", "team_achievements")}
    print(f"已合并到 {target_path.name}：加入 {added['group_achievements']} 项小组成果、"
          f"{added['team_achievements']} 项班组成果，复制了 {sum(r.copied for r in reports)} 个文件；"
          f"现共有 {len(target.group_achievements)} 项小组成果、{len(target.team_achievements)} 项班组成果。")
    for name, report in zip((s[0] for s in sources), reports):
        print(f"\n{name}：")
        for line in report.lines():
            print(f"  {line}")
    return _checked(target_path)


def cmd_gather(args: argparse.Namespace) -> int:
    path = Path(args.file).absolute()
    project = load_project(path)
    gathered, report = gather(project, path.parent, path)
    if report.changed:
        try:
            save_project(gathered, path)
        except ProjectFileError as exc:
            report.remove_created()
            return _fail(f"整理附件未完成，项目没有改动：{exc}")
    print(f"整理附件：{report.summary()}。" + ("原文件均保留未动；改动前的项目保存在 .bak 文件中。" if report.changed else ""))
    for source, stored in report.copied:
        print(f"  {source} → {stored}")
    for ref in report.missing:
        print(f"  找不到：{ref.name}")
    for source, why in report.failed:
        print(f"  无法复制 {source}：{why}")
    return _checked(path)


def cmd_handover(args: argparse.Namespace) -> int:
    from exporters.handover import HandoverFailed, write_handover

    path = Path(args.file).absolute()
    project = load_project(path)
    wanted = {title_key(t) for t in args.title or []}
    groups = [i for i, a in enumerate(project.group_achievements) if not wanted or title_key(a.title) in wanted]
    teams = [i for i, a in enumerate(project.team_achievements) if not wanted or title_key(a.title) in wanted]
    found = {title_key(a.title) for a in (*project.group_achievements, *project.team_achievements)}
    unknown = [t for t in args.title or [] if title_key(t) not in found]
    if unknown:
        return _fail("项目中没有这些成果：" + "、".join(unknown))
    try:
        result = write_handover(project, path.parent, args.out, groups=groups, teams=teams, overwrite=args.force)
    except HandoverFailed as exc:
        return _fail(f"交接包未写入：{exc}")
    print(f"已写入交接包 {result.path}：{len(result.achievements)} 项成果，{result.files} 个文件。")
    for name in result.missing:
        print(f"  找不到文件（未放入交接包）：{name}")
    return EXIT_OK


def new_from_last(args: argparse.Namespace, path: Path) -> int:
    """``qcdesk new NEW --from LAST``: a new year's project; files it keeps are copied beside NEW."""
    last_path = Path(args.from_file).absolute()
    last = load_project(last_path)
    newer = [y for y in available_years() if y > last.campaign]
    year = args.campaign or (max(newer) if newer else None)
    if year is None:
        return _fail(f"“{last_path.name}”是 {last.campaign} 年度的项目，本程序还没有更新年度的通知数据，无法新建下一年度的项目。")
    if year <= last.campaign:
        return _fail(f"新项目的年度（{year}）应晚于上年项目的年度（{last.campaign}）。")
    load_campaign(year)
    project, report = gather(next_year_project(last, year), last_path.parent, path.absolute())
    try:
        save_project(project, path)
    except ProjectFileError:
        report.remove_created()
        raise
    print(f"已从 {last_path.name} 新建 {year} 年度项目：{path}（保留 {len(project.group_achievements)} 个小组、"
          f"{len(project.team_achievements)} 个班组、{len(project.reviewers)} 名评委，成果内容已清空）")
    return EXIT_OK


def add_collect_commands(sub: argparse._SubParsersAction) -> None:
    merge = sub.add_parser("merge", help="把组长的项目或交接包中的成果合并到单位的项目")
    merge.add_argument("target", help="单位的项目文件（.qcproj），合并结果保存在这里")
    merge.add_argument("sources", nargs="+", help="来源：项目文件（.qcproj）或交接包（.qcpkg）")
    merge.add_argument("--replace", action="store_true", help="同名成果用来源中的替换（默认跳过）")
    merge.set_defaults(run=cmd_merge)
    gather_cmd = sub.add_parser("gather", help="整理附件：把项目文件夹外的附件复制到“<项目名>_附件”并改为相对路径")
    gather_cmd.add_argument("file", help="项目文件（.qcproj）")
    gather_cmd.set_defaults(run=cmd_gather)
    handover = sub.add_parser("handover", help="导出交接包（.qcpkg）：所选成果及其附件")
    handover.add_argument("file", help="项目文件（.qcproj）")
    handover.add_argument("--out", required=True, help="交接包文件（.qcpkg）")
    handover.add_argument("--title", action="append", help="只放入这项成果（成果名称，可重复）；不给时放入全部成果")
    handover.add_argument("--force", action="store_true", help="覆盖已存在的交接包")
    handover.set_defaults(run=cmd_handover)
