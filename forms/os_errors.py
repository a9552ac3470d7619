"""Operating-system errors told in Chinese: what failed, on which file, and what the user can do.

The OS's own text ("Read-only file system", "No space left on device") is English on most machines
and means little to users; every place that reads or writes files maps its ``OSError`` here.
"""
from __future__ import annotations

import errno

_BY_ERRNO: dict[int, str] = {
    errno.ENOSPC: "磁盘空间不足，请清理磁盘或换一个位置后重试",
    errno.EDQUOT: "磁盘配额已满，请清理后重试",
    errno.EROFS: "该位置是只读的（如光盘或写保护的U盘），请换一个位置",
    errno.EACCES: "没有权限，文件夹可能是只读的，或文件正被其他程序（如 Word、Excel、WPS）打开，请关闭后重试",
    errno.EPERM: "没有权限，文件夹可能是只读的，或文件正被其他程序（如 Word、Excel、WPS）打开，请关闭后重试",
    errno.EBUSY: "文件被占用，请关闭正在使用它的程序后重试",
    errno.ETXTBSY: "文件被占用，请关闭正在使用它的程序后重试",
    errno.ENOENT: "找不到文件或文件夹，它可能已被移动、改名或删除",
    errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.EEXIST: "已存在同名的文件或文件夹",
    errno.ENAMETOOLONG: "文件名或路径太长，请换一个更短的位置或名称",
    errno.EINVAL: "文件名中含有系统不允许的字符",
    errno.EIO: "读写磁盘时出错，磁盘或U盘可能已损坏或被拔出",
    errno.EMFILE: "同时打开的文件太多，请关闭一些程序后重试",
    errno.ENOTEMPTY: "文件夹不是空的",
}
# Windows reports a file locked by another program (Word, WPS) as winerror 32 or 33.
_BY_WINERROR: dict[int, str] = {
    32: "文件被占用，请关闭正在使用它的程序（如 Word、Excel、WPS）后重试",
    33: "文件被占用，请关闭正在使用它的程序（如 Word、Excel、WPS）后重试",
    112: "磁盘空间不足，请清理磁盘或换一个位置后重试",
    5: "没有权限，文件夹可能是只读的，或文件正被其他程序打开，请关闭后重试",
    206: "文件名或路径太长，请换一个更短的位置或名称",
}


def os_reason(exc: OSError) -> str:
    """Why an OS call failed, in Chinese, without the file name."""
    winerror = getattr(exc, "winerror", None)
    if isinstance(winerror, int) and winerror in _BY_WINERROR:
        return _BY_WINERROR[winerror]
    if exc.errno in _BY_ERRNO:
        return _BY_ERRNO[exc.errno]
    if isinstance(exc, PermissionError):
        return _BY_ERRNO[errno.EACCES]
    if isinstance(exc, FileNotFoundError):
        return _BY_ERRNO[errno.ENOENT]
    return f"系统错误（代码 {exc.errno}）" if exc.errno else "系统错误"


def os_error_message(exc: OSError, action: str, target: str = "") -> str:
    """One Chinese sentence: ``无法保存“申报.qcproj”：磁盘空间不足，……``.

    ``action`` is the verb phrase (保存, 读取, 写入申报包); ``target`` names the file or folder.
    """
    where = f"“{target}”" if target else ""
    return f"无法{action}{where}：{os_reason(exc)}。"
