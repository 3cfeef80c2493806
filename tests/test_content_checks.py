"""`make check`: every rule with its message, run as editors run it, without a build."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from site_pages import GOOD_ARTICLE as GOOD
from site_pages import JPEG, ROOT, write_settings


def check(tmp_path: Path, files: dict[str, str], extra: dict[str, bytes] | None = None):
    content = tmp_path / "content"
    for name, text in files.items():
        path = content / "articles" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for name, data in (extra or {}).items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    settings = write_settings(tmp_path, content)
    return subprocess.run(
        [sys.executable, "-m", "content_intake", str(settings)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": os.environ["PATH"]},
        timeout=60,
    )


def with_body(body: str, **fields: str) -> str:
    text = GOOD + "\n" + body + "\n"
    for key, value in fields.items():
        text = text.replace("Tags:", f"{key}: {value}\nTags:", 1)
    return text


def test_clean_content_passes(tmp_path):
    result = check(tmp_path, {"a.md": GOOD})
    assert result.returncode == 0
    assert "không có lỗi" in result.stdout


@pytest.mark.parametrize(
    "body, fields, extra, line, words",
    [
        ("![](/images/hoi-nghi.jpg)", {}, {"images/hoi-nghi.jpg": JPEG}, 11, "ảnh thiếu mô tả"),
        (
            "![Hội nghị]({static}/images/khong-co.jpg)",
            {},
            {},
            11,
            "không tìm thấy tệp '/images/khong-co.jpg'",
        ),
        ("[Tải về](/files/ke-hoach.pdf)", {}, {}, 11, "không tìm thấy tệp '/files/ke-hoach.pdf'"),
        (
            "[Bài cũ](/tin/2020/bai-khong-co/)",
            {},
            {},
            11,
            "không có trang '/tin/2020/bai-khong-co/'",
        ),
        (
            "![Hội nghị](images/a.jpg)",
            {},
            {"articles/images/a.jpg": JPEG},
            11,
            "liên kết tương đối",
        ),
        ('<img src="/images/a.jpg">', {}, {"images/a.jpg": JPEG}, 11, "ảnh thiếu mô tả"),
        ("", {"Image": "{static}/images/dai-dien.jpg"}, {}, 4, "không tìm thấy ảnh đại diện"),
        (
            "",
            {"Image": "{static}/images/a.jpg"},
            {"images/a.jpg": JPEG},
            4,
            "thiếu mô tả: thêm dòng 'Image_alt",
        ),
    ],
    ids=[
        "image-without-alt",
        "missing-image",
        "missing-attachment",
        "missing-internal-page",
        "relative-link",
        "html-image-without-alt",
        "missing-lead-image",
        "lead-image-without-alt",
    ],
)
def test_reference_problems(tmp_path, body, fields, extra, line, words):
    result = check(tmp_path, {"bai.md": with_body(body, **fields)}, extra)
    assert result.returncode == 1
    assert f"bai.md:{line}: " in result.stdout
    assert words in result.stdout


def test_good_references_pass(tmp_path):
    body = (
        "![Toàn cảnh hội nghị]({static}/images/a.jpg) [Kế hoạch](/files/kh.pdf) "
        "[Bài trước](/tin/2023/hoi-nghi-bao-cao-vien-thang-12/#doan-2) [Nguồn](https://example.org/x)"
    )
    result = check(
        tmp_path,
        {"bai.md": with_body(body).replace("tháng 12", "tháng 11"), "truoc.md": GOOD},
        {"images/a.jpg": JPEG, "files/kh.pdf": b"%PDF-1.4"},
    )
    assert result.returncode == 0, result.stdout


def test_one_url_twice_is_refused_one_title_in_two_years_is_not(tmp_path):
    next_year = GOOD.replace("2023-12-12", "2024-12-12")
    same_url = GOOD.replace("16:13", "17:00").replace(
        "Summary:", "Slug: hoi-nghi-bao-cao-vien-thang-12\nSummary:"
    )
    result = check(tmp_path, {"a.md": GOOD, "b.md": next_year, "c.md": same_url})
    assert result.returncode == 1
    assert result.stdout.count("trùng với") == 1
    assert "c.md:7: địa chỉ /tin/2023/hoi-nghi-bao-cao-vien-thang-12/ trùng với" in result.stdout
    assert "Slug: hoi-nghi-bao-cao-vien-thang-12-2" in result.stdout


def test_one_title_twice_in_a_day_is_a_warning(tmp_path):
    other = GOOD.replace("Tags:", "Slug: ban-khac\nTags:")
    result = check(tmp_path, {"a.md": GOOD, "b.md": other})
    assert result.returncode == 0, result.stdout
    assert "b.md:1: cùng tiêu đề và cùng ngày với" in result.stdout
    assert "(cảnh báo, không phải lỗi)" in result.stdout


def test_future_dates_are_listed_as_scheduled(tmp_path):
    result = check(tmp_path, {"sau.md": GOOD.replace("2023-12-12", "2099-01-02")})
    assert result.returncode == 0
    assert (
        "sau.md: hẹn giờ, sẽ được đăng khi dựng trang từ Thứ Sáu, 2/1/2099 16:13 (GMT+7)"
        in result.stdout
    )
