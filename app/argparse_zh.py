"""argparse in Chinese: its usage lines, section titles, help option and error messages.

argparse looks its texts up through gettext at the moment it prints them; qcdesk ships no
message catalogues, so the few texts a user of the command line meets are given here.
"""
from __future__ import annotations

import argparse
from typing import Any

_TEXTS = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的%(type)s值：%(value)r",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "忽略了给定的值 %r",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有命令 %(parser_name)r（可用：%(choices)s）",
    "one of the arguments %s is required": "参数 %s 必须给出其中一个",
    "expected at most one argument": "最多需要一个值",
}


def _gettext(text: str) -> str:
    return _TEXTS.get(text, text)


def _ngettext(singular: str, plural: str, n: int) -> str:
    if singular == "expected %s argument":
        return "需要 %s 个值"
    return singular if n == 1 else plural


def install() -> None:
    """Make argparse speak Chinese (once per process; harmless to call again)."""
    module: Any = argparse
    module._ = _gettext
    module.ngettext = _ngettext
