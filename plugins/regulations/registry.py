"""The editors' registry of documents (content/data/regulations.yaml).

A list of entries; only `id` is required:

    - id: 208-QĐ/TW             # as officially written; any spelling the finder reads
      aliases: [208-QĐi/TW]     # other ids that name this document
      type: Quy định            # type in words, when the code is ambiguous (QĐ)
      title: về chức năng, nhiệm vụ, tổ chức bộ máy của trung tâm chính trị cấp huyện
      date: 2019-11-08          # or 8/11/2019
      issuer: Ban Bí thư
      province: Nghệ An         # local documents of another province only
      link: https://...         # the official text
      key: 208-qd-tw-2019       # to pin the page address

Errors name the file, the entry and the field, in Vietnamese, for the editors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import yaml

import vntext

from .find import Finder
from .models import FullCitation

FIELDS = {"id", "aliases", "type", "title", "date", "issuer", "province", "link", "key"}


class RegistryError(ValueError):
    """A registry entry the plugin cannot use; the message says which and why."""


@dataclass
class Entry:
    id: str
    citation: FullCitation
    aliases: list[FullCitation] = field(default_factory=list)
    type: str | None = None
    title: str | None = None
    date: date | None = None
    issuer: str | None = None
    province: str | None = None
    link: str | None = None
    key: str | None = None


def load(path: Path, finder: Finder) -> list[Entry]:
    """Entries of the registry file; an absent file is an empty registry."""
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as handle:
        try:
            raw = yaml.safe_load(handle)
        except yaml.YAMLError as error:
            raise RegistryError(f"{path}: không đọc được YAML: {error}") from error
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise RegistryError(f"{path}: cần một danh sách văn bản (mỗi mục bắt đầu bằng '- id:')")
    entries = [_entry(path, index, item, finder) for index, item in enumerate(raw, start=1)]
    _check_editions(path, entries)
    return entries


def _check_editions(path: Path, entries: list[Entry]) -> None:
    """One id may name several documents (one per Party term), told apart by their date."""
    seen: dict[tuple, list[Entry]] = {}
    for entry in entries:
        province = vntext.slugify(entry.province) if entry.province else None
        seen.setdefault((entry.id, province), []).append(entry)
    for (doc_id, _), same in seen.items():
        if len(same) == 1:
            continue
        dates = [e.date for e in same]
        if None in dates or len(set(dates)) != len(dates):
            raise RegistryError(
                f"{path}: {doc_id} có {len(same)} mục; mỗi mục cần một ngày ban hành khác nhau "
                "(cùng số hiệu ở hai khóa là hai văn bản)"
            )


def _entry(path: Path, index: int, item, finder: Finder) -> Entry:
    where = f"{path}, mục {index}"
    if not isinstance(item, dict) or "id" not in item:
        raise RegistryError(f"{where}: mỗi mục phải có trường 'id'")
    where += f" ({item['id']})"
    unknown = set(item) - FIELDS
    if unknown:
        raise RegistryError(
            f"{where}: trường không hợp lệ {sorted(unknown)}; dùng {sorted(FIELDS)}"
        )

    def parse(written) -> FullCitation:
        citation = finder.parse_id(str(written))
        if citation is None or citation.named:
            raise RegistryError(
                f"{where}: không đọc được số hiệu {written!r} "
                "(viết như 208-QĐ/TW, 36/2018/TT-BTC hoặc 1847/QĐ-TTg)"
            )
        return citation

    def text(name) -> str | None:
        value = item.get(name)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise RegistryError(f"{where}: trường '{name}' phải là một chuỗi")
        return vntext.normalize(value.strip())

    citation = parse(item["id"])
    aliases = item.get("aliases") or []
    if not isinstance(aliases, list):
        raise RegistryError(f"{where}: 'aliases' phải là một danh sách số hiệu")
    link = text("link")
    if link and not link.startswith(("https://", "http://")):
        raise RegistryError(f"{where}: 'link' phải là địa chỉ http(s)")
    key = text("key")
    if key and key != vntext.slugify(key):
        raise RegistryError(f"{where}: 'key' chỉ gồm chữ thường không dấu, số và '-'")
    return Entry(
        id=citation.id,
        citation=citation,
        aliases=[parse(alias) for alias in aliases],
        type=text("type"),
        title=text("title"),
        date=_date(where, item.get("date")),
        issuer=text("issuer"),
        province=text("province"),
        link=link,
        key=key,
    )


def _date(where: str, value) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return vntext.parse_date(str(value)).date()
    except ValueError as error:
        raise RegistryError(f"{where}: ngày ban hành không hợp lệ: {error}") from error
