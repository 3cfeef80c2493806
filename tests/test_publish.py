"""`make publish` swaps in a new site only after a successful build; deploy says what it lacks."""

import os
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from site_pages import ROOT, make_site, parse_html

import vntext
from portal import builds

SCRIPT = ROOT / "scripts" / "publish.py"
DEPLOY = ROOT / "scripts" / "deploy.sh"
SEED_URL = "tin/2023/ke-hoach-thuc-hien-cong-tac-giao-duc-ly-luan-chinh-tri-nam-2024/"

ARTICLE = """Title: {title}
Date: {date}
Category: Lý luận chính trị
Tags:
Author:
Source:
Summary:

Nội dung bài.
"""

# A plugin that fails after every page is written: the worst moment for a build to fail.
FAIL_AFTER_WRITING = """from pelican import signals


def fail(pelican):
    raise RuntimeError("hỏng sau khi đã ghi các trang")


def register():
    signals.finalized.connect(fail)
"""


def site_copy(folder: Path) -> Path:
    """The real content with publishconf.py's settings; and a plugin that fails on demand."""
    plugin = folder / "extra_plugins" / "fail_after_writing" / "__init__.py"
    plugin.parent.mkdir(parents=True)
    plugin.write_text(FAIL_AFTER_WRITING, encoding="utf-8")
    return make_site(
        folder,
        base="publishconf",
        extra=(
            f"PLUGIN_PATHS.append({str(plugin.parent.parent)!r})\n"
            "import os\nif os.environ.get('FAIL_AFTER_WRITING'):\n"
            "    PLUGINS = [*PLUGINS, 'fail_after_writing']\n"
        ),
    )


def run_publish(folder: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--settings",
            str(folder / "settings.py"),
            "--output",
            str(folder / "output"),
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": os.environ["PATH"], "COLUMNS": "250", **env},
    )


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every file's bytes and every folder (None), by relative path."""
    return {
        str(path.relative_to(folder)): path.read_bytes() if path.is_file() else None
        for path in folder.rglob("*")
    }


def siblings(folder: Path) -> list[str]:
    """The output and what a build left beside it; the lock file stays, empty, by design."""
    return sorted(
        path.name
        for path in folder.iterdir()
        if path.name.startswith("output") and path.name != "output.lock"
    )


def write_article(folder: Path, name: str, title: str, date: str) -> Path:
    path = folder / "content" / "articles" / "ly-luan-chinh-tri" / name
    path.write_text(ARTICLE.format(title=title, date=date), encoding="utf-8")
    return path


@pytest.fixture
def published(tmp_path) -> Path:
    """A site copy already published once: the last good site."""
    site_copy(tmp_path)
    result = run_publish(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp_path


def test_a_successful_build_replaces_the_site_and_leaves_nothing_behind(published):
    seed = parse_html((published / "output" / SEED_URL / "index.html").read_text(encoding="utf-8"))
    assert (
        seed.find("h1").get_text(strip=True)
        == "Kế hoạch thực hiện công tác giáo dục lý luận chính trị năm 2024"
    )

    write_article(published, "moi.md", "Bài mới đăng", "2023-12-13 09:00")
    result = run_publish(published)
    assert result.returncode == 0, result.stdout + result.stderr
    page = parse_html(
        (published / "output/tin/2023/bai-moi-dang/index.html").read_text(encoding="utf-8")
    )
    assert page.find("h1").get_text(strip=True) == "Bài mới đăng"
    home = parse_html((published / "output/index.html").read_text(encoding="utf-8"))
    assert "/tin/2023/bai-moi-dang/" in {
        link["href"].removeprefix(publish_siteurl()) for link in home.find_all("a", href=True)
    }
    assert siblings(published) == ["output"]


def publish_siteurl() -> str:
    """The public address publishconf.py builds links with."""
    from pelican.settings import read_settings

    return read_settings(str(ROOT / "publishconf.py"))["SITEURL"]


@pytest.mark.parametrize(
    "break_it, env, reason",
    [
        # Refused by the content checks before anything is written.
        (
            lambda folder: write_article(folder, "hong.md", "", "2023-12-13 09:00"),
            {},
            "hong.md:1: thiếu trường Title",
        ),
        # Fails after the whole new site has been written to disk.
        (
            lambda folder: write_article(folder, "moi.md", "Bài mới đăng", "2023-12-13 09:00"),
            {"FAIL_AFTER_WRITING": "1"},
            "hỏng sau khi đã ghi các trang",
        ),
    ],
    ids=["content-error", "failure-after-writing"],
)
def test_a_failed_build_leaves_the_last_good_site_byte_identical(published, break_it, env, reason):
    before = tree(published / "output")
    break_it(published)
    result = run_publish(published, **env)
    assert result.returncode != 0
    assert reason in result.stdout + result.stderr
    assert "Dựng trang thất bại: output/ giữ nguyên trang đã đăng lần trước" in result.stderr
    assert tree(published / "output") == before
    assert siblings(published) == ["output"], "the failed build's folder is removed"


def test_scheduled_articles_are_listed_and_wait_for_their_date(published):
    soon = datetime.now(vntext.TIMEZONE) + timedelta(days=2)
    later = soon + timedelta(days=30)
    write_article(published, "sau.md", "Bài đăng sau", f"{later:%d/%m/%Y %H:%M}")
    write_article(published, "som.md", "Bài đăng sớm", f"{soon:%Y-%m-%d %H:%M}")
    draft = write_article(published, "nhap.md", "Bài nháp hẹn giờ", f"{soon:%Y-%m-%d %H:%M}")
    draft.write_text(
        draft.read_text(encoding="utf-8").replace("Tags:", "Status: draft\nTags:"), encoding="utf-8"
    )

    result = run_publish(published)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    start = lines.index("2 bài hẹn giờ đang chờ (chưa đăng lần này):")
    assert (
        lines[start + 1]
        == f"  {vntext.format_datetime(soon.replace(second=0, microsecond=0))}: Bài đăng sớm (content/articles/ly-luan-chinh-tri/som.md)"
    )
    assert (
        lines[start + 2]
        == f"  {vntext.format_datetime(later.replace(second=0, microsecond=0))}: Bài đăng sau (content/articles/ly-luan-chinh-tri/sau.md)"
    )
    assert "Bài nháp" not in result.stdout
    assert not list((published / "output").rglob("bai-dang-som")) and not list(
        (published / "output").rglob("bai-dang-sau")
    )


def test_nothing_waiting_is_said_too(published):
    result = run_publish(published)
    assert "Không có bài hẹn giờ nào đang chờ." in result.stdout


def test_a_journal_rolls_back_every_kind_of_change(tmp_path):
    """Replaced, created and removed files, and a folder replaced whole, all undone."""
    from portal.journal import Journal, roll_back

    output = tmp_path / "output"
    (output / "a").mkdir(parents=True)
    (output / "a" / "page.html").write_text("cũ", encoding="utf-8")
    (output / "gone.html").write_text("sẽ bị xoá", encoding="utf-8")
    (output / "bundle").mkdir()
    (output / "bundle" / "index.json").write_text("{}", encoding="utf-8")
    before = tree(output)
    journal = Journal(output, tmp_path / "output.undo")
    journal.before_write(output / "a" / "page.html")
    (tmp_path / "page.tmp").write_text("mới", encoding="utf-8")
    os.replace(tmp_path / "page.tmp", output / "a" / "page.html")  # as the build writes: by rename
    journal.before_write(output / "b" / "new.html")
    (output / "b").mkdir()
    (output / "b" / "new.html").write_text("mới", encoding="utf-8")
    journal.remove(output / "gone.html")
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    (fresh / "index.json").write_text('{"new": 1}', encoding="utf-8")
    journal.replace_folder(fresh, output / "bundle")
    journal.close()
    assert tree(output) != before
    roll_back(output, tmp_path / "output.undo")
    assert {k: v for k, v in tree(output).items() if v is not None} == {
        k: v for k, v in before.items() if v is not None
    }
    assert not (tmp_path / "output.undo").exists()


def deploy(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(DEPLOY)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": os.environ["PATH"], **env},
    )


def test_deploy_without_a_target_says_which_variable_to_set(tmp_path):
    result = deploy(tmp_path)
    assert result.returncode != 0
    assert "chưa đặt DEPLOY_TARGET" in result.stderr
    assert "DEPLOY_TARGET=user@host:/var/www/site" in result.stderr


def test_deploy_without_a_built_site_says_to_publish_first(tmp_path):
    result = deploy(
        tmp_path, DEPLOY_TARGET=str(tmp_path / "www"), DEPLOY_SOURCE=str(tmp_path / "output")
    )
    assert result.returncode != 0
    assert "chạy `make publish` trước" in result.stderr
    assert not (tmp_path / "www").exists()


def test_an_interrupted_publish_is_rolled_back_by_the_next_one(published):
    """Killed while writing: its journal stays; the next run rolls it back to the last
    good site, byte for byte, before it builds."""
    before = tree(published / "output")
    write_article(published, "moi.md", "Bài mới đăng", "2023-12-13 09:00")
    process = subprocess.Popen(
        [sys.executable, str(SCRIPT), "--settings", str(published / "settings.py"),
         "--output", str(published / "output")],
        cwd=published,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={"PATH": os.environ["PATH"]},
    )  # fmt: skip
    deadline = time.monotonic() + 120
    journal = published / "output.undo"
    while len(list(journal.glob("**/*.html"))) < 2:
        assert time.monotonic() < deadline and process.poll() is None, "the build never wrote"
        time.sleep(0.02)
    process.kill()
    process.wait()
    assert tree(published / "output") != before, "killed after changing the site"
    with builds.locked(published / "output"):  # what the next build does first
        pass
    assert tree(published / "output") == before
    assert siblings(published) == ["output"]
    result = run_publish(published)
    assert result.returncode == 0, result.stderr
    assert (published / "output/tin/2023/bai-moi-dang/index.html").exists()


def test_two_publishes_at_once_the_second_stops_and_says_why(published):
    before = tree(published / "output")
    with builds.locked(published / "output"):
        result = run_publish(published)
    assert result.returncode == 1
    assert (
        f"đang ghi vào output/: đợi nó xong rồi chạy lại (tiến trình {os.getpid()})"
        in (result.stderr.replace("\n", " "))
        or f"(tiến trình {os.getpid()}) đang ghi vào output/" in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert tree(published / "output") == before
