"""Vietnamese dates: "Thứ Ba, 27/7/2021 15:46 (GMT+7)", parsed from what editors write."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date as format_date_babel

TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def _local(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=TIMEZONE)
    return moment.astimezone(TIMEZONE)


def format_datetime(moment: datetime) -> str:
    """ "Thứ Ba, 27/7/2021 15:46 (GMT+7)": weekday from CLDR (the OS has no vi locale)."""
    local = _local(moment)
    weekday = format_date_babel(local, "EEEE", locale="vi")  # "Thứ Ba", "Chủ Nhật"
    utc_offset = local.utcoffset()
    assert utc_offset is not None  # _local gives every moment a time zone
    offset_minutes = int(utc_offset.total_seconds()) // 60
    hours, minutes = divmod(abs(offset_minutes), 60)
    sign = "-" if offset_minutes < 0 else "+"
    offset = f"GMT{sign}{hours}" + (f":{minutes:02d}" if minutes else "")
    return f"{weekday}, {format_date(local)} {local:%H:%M} ({offset})"


def format_date(moment: datetime) -> str:
    """ "27/7/2021" """
    local = _local(moment)
    return f"{local.day}/{local.month}/{local.year}"


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+(\d{1,2})[:hg](\d{2})(?::(\d{2}))?)?$")


def parse_date(text: str) -> datetime:
    """Read "2023-12-12 16:13" or the editors' "12/12/2023 16:13" as Vietnam time.

    Day first, always: dateutil would read 05/10/2022 as the 10th of May.
    Raises ValueError with the accepted forms when the text is neither.
    """
    value = " ".join(text.split())
    accepted = "hãy viết 2023-12-12 16:13 hoặc 12/12/2023 16:13"
    if match := _ISO.match(value):
        year, month, day, hour, minute, second = match.groups()
    elif match := _DMY.match(value):
        day, month, year, hour, minute, second = match.groups()
    else:
        raise ValueError(f"không đọc được ngày {text!r}: {accepted}")
    try:
        return datetime(
            int(year),
            int(month),
            int(day),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            tzinfo=TIMEZONE,
        )
    except ValueError:
        raise ValueError(f"ngày {text!r} không có thật: {accepted}") from None
