"""The editors' command (`python -m regulations content/`) and the plugin's settings."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from site_pages import build_site

from regulations import settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def content(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "regulations.yaml").write_text(
        textwrap.dedent(
            """
            - id: 18-NQ/TW
              date: 2017-10-25
            - id: 18-NQ/TW
              date: 2022-06-16
            - id: 208-QĐ/TW
              date: 2019-11-08
            """
        ),
        encoding="utf-8",
    )
    (tmp_path / "articles" / "bai-mot.md").write_text(
        textwrap.dedent(
            """\
            Title: Bài một
            Date: 2015-03-01 08:00

            Quán triệt Quy định số 208-QĐi/TW của Ban Bí thư.

            Nghị quyết số 18-NQ/TW được nhắc lại. Theo Chỉ thị số 05, cán bộ học tập.

            ```
            36/2018/TT-BTC trong khối mã
            ```

            Xem [Quy định 208-QĐ/TW](https://example.org) và Kết luận số 05-KL/TU.
            """
        ),
        encoding="utf-8",
    )
    return tmp_path


def run(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "regulations", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={"PATH": ""},
    )


def test_command_prints_each_citation_with_file_line_and_id(content):
    result = run(content)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    md = content / "articles" / "bai-mot.md"
    assert f"{md}:4: «Quy định số 208-QĐi/TW» → 208-QĐ/TW (van-ban/208-qd-tw-2019/)" in lines
    assert any(line.startswith(f"{md}:12: «Kết luận số 05-KL/TU» → 05-KL/TU") for line in lines)


def test_command_reports_ambiguous_and_unresolved_citations(content):
    lines = run(content).stdout.splitlines()
    (ambiguous,) = [line for line in lines if "MƠ HỒ" in line]
    assert ":6: «Nghị quyết số 18-NQ/TW»" in ambiguous
    assert "[18-nq-tw-2017]" in ambiguous and "[18-nq-tw-2022]" in ambiguous
    (unresolved,) = [line for line in lines if "KHÔNG XÁC ĐỊNH" in line]
    assert ":6: «Chỉ thị số 05»" in unresolved


def test_command_skips_code_and_existing_links_and_lists_unregistered(content):
    out = run(content).stdout
    assert "36/2018/TT-BTC" not in out
    assert out.count("208-QĐ/TW (van-ban/") == 1
    assert "Văn bản chưa có trong danh mục" in out and "05-KL/TU" in out.split("danh mục")[1]


def test_a_bad_registry_is_reported_without_a_traceback(content):
    registry_file = content / "data" / "regulations.yaml"
    registry_file.write_text("- id: không phải số hiệu\n", encoding="utf-8")
    result = run(content)
    assert result.returncode == 2
    assert "không đọc được số hiệu" in result.stderr and "Traceback" not in result.stderr


def test_problems_only_is_what_make_check_shows(content):
    lines = run(content, "--problems-only").stdout.splitlines()
    citations = [line for line in lines if "«" in line]
    assert len(citations) == 2
    assert all("MƠ HỒ" in line or "KHÔNG XÁC ĐỊNH" in line for line in citations)


def test_the_header_is_read_as_the_build_reads_it(content):
    # A header value continued on an indented line (Python-Markdown's meta grammar):
    # the Date after it is still header, and dates the citation below.
    md = content / "articles" / "bai-hai.md"
    md.write_text(
        "Title: Bài hai\nSummary: Quán triệt nghị quyết\n    trong toàn Đảng bộ\nDate: 2020-01-01 08:00\n\n"
        "Nghị quyết số 18-NQ/TW được nhắc lại.\n",
        encoding="utf-8",
    )
    lines = run(content).stdout.splitlines()
    assert f"{md}:6: «Nghị quyết số 18-NQ/TW» → 18-NQ/TW (van-ban/18-nq-tw-2017/)" in lines


def test_a_file_that_is_not_utf8_is_named_with_its_line(content):
    md = content / "articles" / "latin1.md"
    md.write_bytes(
        "Title: Bài ba\nDate: 2020-01-01 08:00\n\nQuy định 208-QĐ/TW ".encode() + b"caf\xe9\n"
    )
    result = run(content)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{md}:4: tệp không phải UTF-8" in result.stderr


# One paragraph per spelling real pages use: what the command shows, and the id.
SPELLINGS = [
    ("Thông tư liên tịch số 55/2015/TTLT/BTC-BKHCN", "55/2015/TTLT-BTC-BKHCN"),
    ("Kế hoạch số 146-KH/TWĐTN-CTĐ", "146-KH/TWĐTN-CTĐ"),
    ("Công văn số 1187/BTTTT-PTTH&TTĐT", "1187/BTTTT-PTTH&TTĐT"),
    ("Quyết định số 84 QĐ/TWĐTN", "84-QĐ/TWĐTN"),
    ("318 QĐ-TTg", "318/QĐ-TTg"),
    ("Thông báo số 70-TB/TW", "70-TB/TW"),
    ("Quy định số 646/QĐ/QUTW", "646-QĐ/QUTW"),
    ("Quy định số 04-QyĐ/ĐU", "04-QĐ/ĐU"),
    ("Văn bản số 334/VPTT", "334/VPTT"),
    ("Kế hoạch số 8/KH-MTTQ-BTT", "8/KH-MTTQ-BTT"),
]


def test_command_shows_each_spelling_with_its_id(content):
    md = content / "articles" / "cach-viet.md"
    paragraphs = [
        "Thực hiện Thông tư liên tịch số 55/2015/TTLT/BTC-BKHCN của liên Bộ.",
        "Căn cứ Kế hoạch số 146-KH/TWĐTN-CTĐ của Ban Bí thư Trung ương Đoàn.",
        "Thực hiện Công văn số 1187/BTTTT-PTTH&TTĐT của Bộ.",
        "Căn cứ Quyết định số 84 QĐ/TWĐTN ngày 22/02/2013.",
        "Xã đạt chuẩn theo QĐ số 318 QĐ-TTg của Thủ tướng Chính phủ.",
        "Thông báo số 70-TB/TWngày 06 tháng 01 năm 2012 của Bộ Chính trị.",
        "Quán triệt Quy định số 646/QĐ/QUTW của Quân ủy Trung ương.",
        "Đảng ủy ban hành Quy định số 04-QyĐ/ĐU về nêu gương.",
        "Thực hiện Văn bản số 334/VPTT của Văn phòng thường trực.",
        "Thực hiện Kế hoạch số 8/KH-MTTQ-BTT của Ban Thường trực.",
    ]
    md.write_text(
        "Title: Cách viết\nDate: 2024-06-01 08:00\n\n" + "\n\n".join(paragraphs) + "\n",
        encoding="utf-8",
    )
    lines = run(content).stdout.splitlines()
    for index, (written, canonical) in enumerate(SPELLINGS):
        line = 4 + 2 * index
        assert any(
            row.startswith(f"{md}:{line}: «{written}» → {canonical} (van-ban/") for row in lines
        ), (written, [row for row in lines if str(md) in row])


# Markdown the build renders otherwise than it is written: an entity, an escape, a table,
# inline HTML, emphasis inside a citation, code and a link (never linked).
WRITTEN_OTHERWISE = {
    "thuc-the": "Theo Quyết định số 39/QĐ-PTTH&amp;TTĐT của Cục, các đài thực hiện.",
    "ky-tu-thoat": "Quán triệt Quy định số 208\\-QĐ/TW của Ban Bí thư.",
    "bang": "| Văn bản | Ghi chú |\n|---|---|\n| Kết luận số 66-KL/TW | mới |",
    "the-html": (
        "Xem <span>Chỉ thị số 05-CT/TW</span> và `35-NQ/TW`, "
        "[Nghị quyết 36-NQ/TW](https://example.org)."
    ),
    "nhan-manh": "Thực hiện *Quy định số 208*-QĐ/TW và **Kế hoạch số 89-KH/BTGTU**.",
}


def test_command_lists_exactly_what_the_build_links(tmp_path):
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    for slug, body in WRITTEN_OTHERWISE.items():
        (content / "articles" / f"{slug}.md").write_text(
            f"Title: Bài {slug}\nDate: 2024-03-01 08:00\nCategory: Tuyên giáo các cấp\n"
            f"Slug: {slug}\n\n{body}\n",
            encoding="utf-8",
        )
    listed: dict[str, list[str]] = {slug: [] for slug in WRITTEN_OTHERWISE}
    for line in run(content).stdout.splitlines():
        if " (van-ban/" in line:  # a linked citation, not a problem
            slug = Path(line.split(":")[0]).stem
            listed[slug].append(line.split(" → ")[1].split(" (")[0])
    site = build_site(
        tmp_path / "output", content=content, PLUGINS=["portal", "content_intake", "regulations"]
    )
    linked = {
        slug: [
            a["data-regulation"]
            for a in site.page(f"/tin/2024/{slug}/").select(".article__body a[data-regulation]")
        ]
        for slug in WRITTEN_OTHERWISE
    }
    assert listed == linked
    assert linked["thuc-the"] == ["39/QĐ-PTTH&TTĐT"] and linked["ky-tu-thoat"] == ["208-QĐ/TW"]


def test_strict_mode_fails_on_problems(content):
    assert run(content, "--strict").returncode == 1


def test_command_reads_the_sites_own_content():
    result = run("content/")
    assert result.returncode == 0, result.stderr
    assert "→ 208-QĐ/TW" in result.stdout


def test_defaults_and_overrides():
    config = settings.load(
        {"PORTAL_PROVINCE": "Hòa Bình", "PATH": "content", "SITEURL": "https://x.vn"}
    )
    assert config.page_url("208-qd-tw-2019") == "van-ban/208-qd-tw-2019/"
    assert config.registry == Path("content/data/regulations.yaml")
    assert config.href("van-ban/a/") == "https://x.vn/van-ban/a/"
    other = settings.load(
        {
            "PORTAL_PROVINCE": "Hòa Bình",
            "REGULATIONS_URL": "vb/{slug}.html",
            "REGULATIONS_FEED_ATOM": None,
        }
    )
    assert other.page_url("a") == "vb/a.html" and other.feed_path("a") is None


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"REGULATIONS_URL": "van-ban/"}, "REGULATIONS_URL"),
        ({"REGULATIONS_SAVE_AS": "/van-ban/{slug}/index.html"}, "tương đối"),
        ({"REGULATIONS_TEMPLATE": 3}, "REGULATIONS_TEMPLATE"),
        ({"PORTAL_PROVINCE": ""}, "PORTAL_PROVINCE"),
    ],
)
def test_bad_settings_are_named(overrides, message):
    with pytest.raises(settings.SettingsError, match=message):
        settings.load({"PORTAL_PROVINCE": "Hòa Bình", **overrides})
