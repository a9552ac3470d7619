"""One time stamp per export, so the same project gives the same bytes however it is written.

Word and Excel files are zip archives whose entries carry a date, and their core properties a
creation time; PDFs are written ``invariant`` by reportlab. An export takes its time once
(:func:`export_time`; ``SOURCE_DATE_EPOCH`` fixes it, as reproducible builds do) and every file of
the bundle, in whichever process it is written, carries that time. :func:`fix_zip_dates` sets the
entry dates of a written archive in place: the dates sit in the headers, outside the compressed
data and its checksum, so nothing is re-compressed.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import os
import struct
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path

_current: ContextVar[dt.datetime | None] = ContextVar("export_time", default=None)

ZIP_EPOCH = dt.datetime(1980, 1, 1)   # the earliest date a zip entry can carry


def now_stamp() -> dt.datetime:
    """UTC time without microseconds (zip dates have 2-second steps; they are rounded down)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).replace(tzinfo=None)
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)


def export_time() -> dt.datetime:
    """The time of the export under way (see :func:`stamped`), else the time now."""
    return _current.get() or now_stamp()


@contextlib.contextmanager
def stamped(when: dt.datetime) -> Iterator[None]:
    """Write every file inside the block with the time ``when``."""
    token = _current.set(when)
    try:
        yield
    finally:
        _current.reset(token)


def _dos_date_time(when: dt.datetime) -> tuple[int, int]:
    when = max(when, ZIP_EPOCH)
    date = ((when.year - 1980) << 9) | (when.month << 5) | when.day
    time = (when.hour << 11) | (when.minute << 5) | (when.second // 2)
    return time, date


def fix_zip_dates(path: str | Path, when: dt.datetime | None = None) -> None:
    """Give every entry of the zip archive at ``path`` the date ``when`` (default: the export's)."""
    time, date = _dos_date_time(when or export_time())
    stamp = struct.pack("<HH", time, date)
    with open(path, "r+b") as fh:
        data = bytearray(fh.read())
        end = data.rfind(b"PK\x05\x06")
        if end < 0:
            raise ValueError(f"not a zip archive: {path}")
        count, _size, offset = struct.unpack_from("<HII", data, end + 10)
        for _ in range(count):
            if data[offset:offset + 4] != b"PK\x01\x02":
                raise ValueError(f"damaged zip directory: {path}")
            data[offset + 12:offset + 16] = stamp
            name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, offset + 28)
            (local,) = struct.unpack_from("<I", data, offset + 42)
            data[local + 10:local + 14] = stamp
            offset += 46 + name_len + extra_len + comment_len
        fh.seek(0)
        fh.write(data)
