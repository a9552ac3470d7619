"""The ``qcdesk`` command.

``qcdesk [FILE]`` starts the window; ``qcdesk check|new|export …`` work without Qt (PySide6 is
imported only when the window starts), so they run on a server or in a script.

Exit codes: 0 done (check: no error), 1 the project has errors, 2 a file cannot be read or written,
3 an unexpected failure (details in the log file).
"""
from __future__ import annotations

import argparse
import gc
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from app import argparse_zh
from app.collect_cli import COLLECT_COMMANDS, add_collect_commands, new_from_last
from app.console import attach_parent_console
from app.logs import log_file, setup_logging
from forms.campaign import UnknownCampaign, available_years, load_campaign
from forms.locations import FORM_TITLES
from forms.project import Project
from forms.project_file import ProjectFileError, load_project, save_project
from forms.rules import CATEGORIES, LEVEL_NAMES, Finding

log = logging.getLogger(__name__)

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE, EXIT_INTERNAL = 0, 1, 2, 3
COMMANDS = ("check", "new", "export", *COLLECT_COMMANDS)


def _form_sort_key(form: str) -> tuple[int, str]:
    digits = "".join(ch for ch in form if ch.isdigit())
    return (int(digits) if digits else 99, form)


def format_findings(findings: list[Finding], *, of: list[Finding] | None = None) -> str:
    """Findings grouped by category (填写规则, 方法自查, 前后一致), then by form, errors first;
    the closing count is of ``of`` (all the project's findings) when only some are listed."""
    lines: list[str] = []
    for category in CATEGORIES:
        of_category = [f for f in findings if f.category == category]
        if not of_category:
            continue
        lines.append(f"【{category}】")
        for form in sorted({f.form for f in of_category}, key=_form_sort_key):
            lines.append(f"{form} {FORM_TITLES.get(form, '')}".rstrip())
            mine = [f for f in of_category if f.form == form]
            for f in sorted(mine, key=lambda f: not f.is_error):
                where = f"{f.achievement} › " if f.achievement else ""
                lines.append(f"  {LEVEL_NAMES[f.level]}  {where}{f.message}")
            lines.append("")
    counted = findings if of is None else of
    errors = sum(f.is_error for f in counted)
    warnings = len(counted) - errors
    if errors:
        listed = "（上面只列出错误，警告可用 qcdesk check 查看）" if warnings and len(findings) < len(counted) else ""
        lines.append(f"共 {errors} 个错误、{warnings} 个警告{listed}。有错误时不能正式导出（可导出草稿）。")
    elif warnings:
        lines.append(f"没有错误，{warnings} 个警告。可以正式导出。")
    else:
        lines.append("没有发现问题，可以正式导出。")
    return "\n".join(lines)


def findings_as_json(findings: list[Finding]) -> list[dict[str, object]]:
    """The manifest's ``checks`` entries, with each check's code and its place in the project file."""
    return [{**f.as_check(), "code": f.code, "path": list(f.path)} for f in findings]


def cmd_check(args: argparse.Namespace) -> int:
    path = Path(args.file)
    project = load_project(path, to_edit=False)   # a check only reads
    from exporters.checks import check_all
    _collect_from_here()

    findings = check_all(project, base_dir=path.parent)
    if args.json:
        print(json.dumps(findings_as_json(findings), ensure_ascii=False, indent=2))
    else:
        print(f"检查 {path.name}（{project.campaign}年度）\n")
        print(format_findings(findings))
    return EXIT_ERRORS if any(f.is_error for f in findings) else EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if path.suffix.lower() != ".qcproj":
        path = path.with_name(path.name + ".qcproj")
    if path.exists() and not args.force:
        print(f"文件已存在：{path}（如要覆盖，请加 --force）", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.from_file:
        return new_from_last(args, path)
    if args.sample:
        from forms.sample import write_sample
        write_sample(path)
        print(f"已写入示例项目：{path}（附件在“示例附件”文件夹）")
    else:
        year = args.campaign or max(available_years())
        load_campaign(year)
        save_project(Project(campaign=year), path)
        print(f"已新建 {year} 年度的空白项目：{path}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from exporters.bundle import ExportCancelled, ExportFailed, ExportRefused, export_bundle

    path = Path(args.file)
    project = load_project(path)
    _collect_from_here()
    try:
        result = export_bundle(project, args.out, base_dir=path.parent, draft=args.draft,
                               make_zip=args.zip, project_file=path)
    except ExportRefused as refused:
        errors = [f for f in refused.findings if f.is_error]
        print("项目有错误，不能正式导出，什么也没有写入（可加 --draft 导出草稿）：\n", file=sys.stderr)
        print(format_findings(errors, of=refused.findings), file=sys.stderr)
        return EXIT_ERRORS
    except ExportFailed as failed:
        print(f"导出失败，什么也没有写入：{failed}", file=sys.stderr)
        return EXIT_UNREADABLE
    except ExportCancelled:
        return EXIT_UNREADABLE
    kind = "草稿" if args.draft else "申报包"
    warnings = [f for f in result.findings if not f.is_error]
    if warnings and not args.draft:
        # A final export goes on with warnings; they are listed so that nobody ships them unseen.
        print(f"请确认以下 {len(warnings)} 个警告（不影响导出）：\n")
        print(format_findings(warnings) + "\n")
    print(f"已导出{kind}：{result.folder}（{len(result.files)} 个文件）")
    if result.zip_path:
        print(f"压缩包：{result.zip_path}")
    for note in result.notes:
        print(note)
    return EXIT_OK


def _subcommand_parser() -> argparse.ArgumentParser:
    argparse_zh.install()
    parser = argparse.ArgumentParser(prog="qcdesk", description="质量成果申报助手")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="检查项目文件，按附件列出错误和警告")
    check.add_argument("file", help="项目文件（.qcproj）")
    check.add_argument("--json", action="store_true", help="以 JSON 输出检查结果")
    check.set_defaults(run=cmd_check)
    new = sub.add_parser("new", help="新建项目文件")
    new.add_argument("file", help="要新建的项目文件（.qcproj）")
    new.add_argument("--sample", action="store_true", help="写入内置的完整示例项目")
    new.add_argument("--campaign", type=int, help="申报年度（默认最新）")
    new.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    new.add_argument("--from", dest="from_file", metavar="LAST", help="从上年的项目文件新建（保留单位、评委、小组和班组信息）")
    new.set_defaults(run=cmd_new)
    export = sub.add_parser("export", help="导出申报包（各附件的 Word、Excel、PDF 和 manifest.json）")
    export.add_argument("file", help="项目文件（.qcproj）")
    export.add_argument("--out", required=True, help="导出到的文件夹")
    export.add_argument("--zip", action="store_true", help="另外生成 zip 压缩包")
    export.add_argument("--draft", action="store_true", help="有错误也导出，标记为草稿")
    export.set_defaults(run=cmd_export)
    add_collect_commands(sub)
    return parser


def _gui_parser() -> argparse.ArgumentParser:
    argparse_zh.install()
    parser = argparse.ArgumentParser(
        prog="qcdesk", description="质量成果申报助手。子命令：check、new、export、merge、gather、handover（qcdesk check -h 查看用法）")
    parser.add_argument("file", nargs="?", help="要打开的项目文件（.qcproj）；不给时打开上次的文件或欢迎页")
    return parser


def _configure_streams() -> None:
    # A console or pipe that cannot show a character must never crash the command.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):
                pass


def _collect_from_here() -> None:
    """Switch the cyclic garbage collector on (``python -m app`` starts with it off), leaving out
    what exists now: the modules and the project live until the command ends, and a forked export
    worker then does not walk (and so copy) the memory it shares with this process."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        attach_parent_console()
    _configure_streams()
    setup_logging()
    if argv and argv[0] in COMMANDS:
        args = _subcommand_parser().parse_args(argv)
        if args.run not in (cmd_check, cmd_export):   # those switch it on once the project is read
            gc.enable()
        try:
            return args.run(args)
        except ProjectFileError as exc:
            print(f"错误：{exc}", file=sys.stderr)
            return EXIT_UNREADABLE
        except UnknownCampaign as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_UNREADABLE
        except Exception:
            log.exception("command %s failed", argv[0])
            print(f"发生了意外错误，操作未完成。详细信息已记录在日志文件：{log_file()}", file=sys.stderr)
            return EXIT_INTERNAL
    args = _gui_parser().parse_args(argv)
    gc.enable()
    from app.gui import run_gui
    return run_gui(args.file)


if __name__ == "__main__":
    sys.exit(main())
