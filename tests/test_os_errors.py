"""OS errors reach the user in Chinese, whatever language the system speaks."""
from __future__ import annotations

import errno

from forms.os_errors import os_error_message


def test_read_only_and_full_disk_and_locked_file_are_told_in_chinese() -> None:
    assert "只读" in os_error_message(OSError(errno.EROFS, "Read-only file system"), "保存", "a.qcproj")
    assert "磁盘空间不足" in os_error_message(OSError(errno.ENOSPC, "No space left on device"), "保存")
    locked = PermissionError(errno.EACCES, "Permission denied")
    message = os_error_message(locked, "写入申报包", "申报包")
    assert message.startswith("无法写入申报包“申报包”：") and "被其他程序" in message
    assert "Read-only" not in os_error_message(OSError(errno.EROFS, "Read-only file system"), "保存")
