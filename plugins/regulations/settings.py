"""The plugin's settings (REGULATIONS_*): defaults in one place, checked once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULTS = {
    # The editors' registry, relative to PATH (the content folder).
    "REGULATIONS_REGISTRY": "data/regulations.yaml",
    # One page per document; {slug} is the document's key ("208-qd-tw-2019").
    "REGULATIONS_URL": "van-ban/{slug}/",
    "REGULATIONS_SAVE_AS": "van-ban/{slug}/index.html",
    # The index of all documents.
    "REGULATIONS_INDEX_URL": "van-ban/",
    "REGULATIONS_INDEX_SAVE_AS": "van-ban/index.html",
    # An Atom feed of the articles citing each document; None or "" for no feeds.
    "REGULATIONS_FEED_ATOM": "feeds/van-ban/{slug}.atom.xml",
    "REGULATIONS_FEED_URL": None,  # defaults to REGULATIONS_FEED_ATOM
    # Templates of the theme (without .html).
    "REGULATIONS_TEMPLATE": "regulation",
    "REGULATIONS_INDEX_TEMPLATE": "regulations",
}

_SLUGGED = ("REGULATIONS_URL", "REGULATIONS_SAVE_AS")
_OPTIONAL = ("REGULATIONS_FEED_ATOM", "REGULATIONS_FEED_URL")


@dataclass(frozen=True)
class Config:
    registry: Path
    url: str
    save_as: str
    index_url: str
    index_save_as: str
    feed_atom: str | None
    feed_url: str | None
    template: str
    index_template: str
    province: str
    siteurl: str

    def page_url(self, key: str) -> str:
        return self.url.format(slug=key)

    def page_save_as(self, key: str) -> str:
        return self.save_as.format(slug=key)

    def feed_path(self, key: str) -> str | None:
        return self.feed_atom.format(slug=key) if self.feed_atom else None

    def feed_link(self, key: str) -> str | None:
        template = self.feed_url or self.feed_atom
        return template.format(slug=key) if template else None

    def href(self, url: str) -> str:
        return f"{self.siteurl}/{url}"


class SettingsError(ValueError):
    pass


def load(settings: dict) -> Config:
    """The plugin's configuration from Pelican settings; a clear error for a bad value."""
    # Each setting as text once checked; "" for an optional one that is off.
    values: dict[str, str] = {}
    for name, default in DEFAULTS.items():
        value = settings.get(name, default)
        if name in _OPTIONAL and not value:
            values[name] = ""
            continue
        if not isinstance(value, str) or not value:
            raise SettingsError(f"{name} phải là một chuỗi khác rỗng, không phải {value!r}")
        values[name] = value
    for name in _SLUGGED + _OPTIONAL:
        value = values[name]
        if value and "{slug}" not in value:
            raise SettingsError(f"{name} phải chứa {{slug}}: {value!r}")
        if value and value.startswith("/"):
            raise SettingsError(f"{name} là đường dẫn tương đối, không bắt đầu bằng '/': {value!r}")
    province = settings.get("PORTAL_PROVINCE")
    if not isinstance(province, str) or not province.strip():
        raise SettingsError('PORTAL_PROVINCE (tỉnh của trang) phải được đặt, ví dụ "Hòa Bình"')
    return Config(
        registry=Path(settings.get("PATH", ".")) / values["REGULATIONS_REGISTRY"],
        url=values["REGULATIONS_URL"],
        save_as=values["REGULATIONS_SAVE_AS"],
        index_url=values["REGULATIONS_INDEX_URL"],
        index_save_as=values["REGULATIONS_INDEX_SAVE_AS"],
        feed_atom=values["REGULATIONS_FEED_ATOM"] or None,
        feed_url=values["REGULATIONS_FEED_URL"] or None,
        template=values["REGULATIONS_TEMPLATE"],
        index_template=values["REGULATIONS_INDEX_TEMPLATE"],
        province=province.strip(),
        siteurl=settings.get("SITEURL", "") or "",
    )
