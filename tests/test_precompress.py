"""The precompressed copies: same bytes for same input, written only when they change."""

import gzip
import os

import brotli
import pytest

from precompress import settings
from precompress.compress import precompress

PAGE = ("<p>Hội nghị báo cáo viên tháng 12 của Ban Tuyên giáo Tỉnh ủy.</p>\n" * 40).encode()


def config(**overrides):
    return settings.load({"PRECOMPRESS_ENABLED": True, **overrides})


@pytest.fixture
def site(tmp_path):
    (tmp_path / "tin").mkdir()
    (tmp_path / "tin" / "index.html").write_bytes(PAGE)
    (tmp_path / "feed.atom.xml").write_bytes(PAGE.replace(b"<p>", b"<entry>"))
    (tmp_path / "small.css").write_bytes(b"a{color:red}")
    (tmp_path / "sitemap.xml").write_bytes(PAGE)
    (tmp_path / "anh.png").write_bytes(os.urandom(4000))
    return tmp_path


def test_copies_decompress_to_the_file_and_are_the_same_bytes_each_time(site, tmp_path_factory):
    report = precompress(site, config())
    page = site / "tin" / "index.html"
    assert gzip.decompress((site / "tin" / "index.html.gz").read_bytes()) == PAGE
    assert brotli.decompress((site / "tin" / "index.html.br").read_bytes()) == PAGE
    assert report.written == 4 and report.unchanged == 0
    # No time in the gzip header: another folder, another moment, the same bytes.
    other = tmp_path_factory.mktemp("other")
    (other / "index.html").write_bytes(PAGE)
    precompress(other, config())
    assert (other / "index.html.gz").read_bytes() == page.with_name("index.html.gz").read_bytes()


def test_small_excluded_and_non_text_files_get_no_copy(site):
    precompress(site, config())
    names = sorted(p.name for p in site.iterdir())
    assert "small.css.gz" not in names  # under PRECOMPRESS_MIN_SIZE
    assert "sitemap.xml.gz" not in names  # PRECOMPRESS_EXCLUDE
    assert "anh.png.gz" not in names  # not a text file


def test_a_second_run_writes_nothing_and_keeps_each_copys_file(site):
    precompress(site, config())
    copy = site / "tin" / "index.html.gz"
    before = copy.stat()
    report = precompress(site, config())
    assert report.written == 0 and report.unchanged == 4 and report.removed == 0
    after = copy.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_a_changed_file_gets_new_copies_and_stale_ones_go(site):
    precompress(site, config())
    (site / "tin" / "index.html").write_bytes(PAGE + "<p>Cập nhật.</p>\n".encode())
    (site / "feed.atom.xml").write_bytes(b"<feed/>")  # now too small to gain anything
    report = precompress(site, config(PRECOMPRESS_BROTLI=False))
    assert gzip.decompress((site / "tin" / "index.html.gz").read_bytes()).endswith(
        "<p>Cập nhật.</p>\n".encode()
    )
    # Copies nginx must no longer send: of a small file, of an encoding turned off.
    assert not (site / "feed.atom.xml.gz").exists()
    assert not (site / "feed.atom.xml.br").exists()
    assert not (site / "tin" / "index.html.br").exists()
    assert report.written == 1 and report.removed == 3


def test_the_copies_of_a_removed_file_are_removed(site):
    precompress(site, config())
    (site / "tin" / "index.html").unlink()
    precompress(site, config())
    assert sorted(p.name for p in (site / "tin").iterdir()) == []


@pytest.mark.parametrize(
    "name, value",
    [
        ("PRECOMPRESS_BROTLI_QUALITY", 12),
        ("PRECOMPRESS_MIN_SIZE", -1),
        ("PRECOMPRESS_GZIP_LEVEL", 0),
        ("PRECOMPRESS_GZIP", "có"),
        ("PRECOMPRESS_EXTENSIONS", ".html"),
        ("PRECOMPRESS_EXTENSIONS", ("html",)),
    ],
)
def test_a_bad_setting_is_refused_by_name(name, value):
    with pytest.raises(settings.SettingsError, match=name):
        settings.load({name: value})
