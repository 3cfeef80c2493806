"""A build after a change gives exactly the bytes of a full build of the same content, and
does only the work the change needs.

For each kind of change an editor or an administrator makes, the site is built once
(`make html`'s command), changed, built again from what the first build left (its output
and its cache), and compared file by file with a build of the changed content from
nothing. Pagefind writes its filter files and the meta file naming them in an order that
differs from run to run (a Rust hash map; tests/test_reproducible.py decodes them): those
are compared by name only.
"""

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from site_pages import JPEG, ROOT

CATEGORIES = ["Tuyên giáo các cấp", "Tin từ các đơn vị", "Lý luận chính trị"]
CITED = ["Quy định số 208-QĐ/TW", "Kết luận số 66-KL/TW", "Kết luận số 01-KL/TW"]
# Pagefind's files whose bytes are not a function of the content (see above).
UNORDERED = re.compile(
    r"pagefind[^/]*/(filter/[^/]+|pagefind\.[^/]+\.pf_meta|pagefind-entry\.json)$"
)


def article(number: int, **changes: str) -> str:
    fields = {
        "Title": f"Hội nghị báo cáo viên số {number}",
        "Date": f"2024-{1 + number % 12:02d}-{1 + number % 27:02d} 08:{number % 60:02d}",
        "Category": CATEGORIES[number % len(CATEGORIES)],
        "Tags": f"báo cáo viên, tuyên truyền {number % 4}",
        "Summary": f"Tóm tắt bài {number}.",
        "Slug": f"bai-{number}",
    }
    if number % 5 == 0:
        fields["Image"] = "{static}/images/hoi-nghi.jpg"
        fields["Image_alt"] = "Toàn cảnh hội nghị"
    fields.update(changes)
    body = changes.pop("body", None) or (
        f"Bài {number} bàn về việc triển khai {CITED[number % len(CITED)]} của Ban Bí thư.\n\n"
        "Các đại biểu thảo luận về công tác tuyên truyền miệng ở cơ sở."
    )
    header = "".join(f"{key}: {value}\n" for key, value in fields.items() if key != "body")
    return f"{header}\n{body}\n"


def make_content(folder: Path, count: int = 30) -> Path:
    content = folder / "content"
    (content / "images").mkdir(parents=True)
    (content / "images" / "hoi-nghi.jpg").write_bytes(JPEG)
    shutil.copytree(ROOT / "content" / "data", content / "data")
    for number in range(count):
        write(content, number, article(number))
    return content


def write(content: Path, number: int, text: str) -> None:
    path = content / "articles" / f"bai-{number}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def settings_file(folder: Path, extra: str = "") -> Path:
    path = folder / "settings.py"
    path.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        f"PATH = {str(folder / 'content')!r}\n{extra}",
        encoding="utf-8",
    )
    return path


def build(folder: Path) -> subprocess.CompletedProcess:
    """`make html`'s command, into folder/output, remembering in folder/.cache."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build.py"), "--settings", str(folder / "settings.py"), "--output", str(folder / "output")],
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": os.environ["PATH"], "COLUMNS": "200"},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def tree(output: Path) -> dict[str, bytes | int]:
    """Every file's bytes; Pagefind's unordered files (their names carry a hash of their
    bytes) only counted, per folder."""
    files: dict[str, bytes | int] = {}
    for path in sorted(output.rglob("*")):
        if path.is_file():
            relative = path.relative_to(output).as_posix()
            if UNORDERED.search(relative):
                unordered = re.sub(r"\.[0-9a-f]{7,}\.|_[0-9a-f]{7,}\.", ".*.", relative)
                files[unordered] = int(files.get(unordered, 0)) + 1
            else:
                files[relative] = path.read_bytes()
    return files


def times(output: Path) -> dict[str, int]:
    return {
        p.relative_to(output).as_posix(): p.stat().st_mtime_ns
        for p in output.rglob("*")
        if p.is_file()
    }


@pytest.fixture(scope="module")
def built_once(tmp_path_factory) -> Path:
    """The site built once: the state every change starts from."""
    folder = tmp_path_factory.mktemp("before")
    make_content(folder)
    settings_file(folder)
    build(folder)
    return folder


def copy_built(source: Path, folder: Path) -> None:
    """The built state in another folder: content copied (the change edits it), the output
    and the cache hard-linked (every build replaces files, never writes into them)."""
    shutil.copytree(source / "content", folder / "content")
    for part in ("output", ".cache"):
        shutil.copytree(source / part, folder / part, copy_function=os.link)
    settings_file(folder)


def edit(content: Path, number: int, **changes: str) -> None:
    write(content, number, article(number, **changes))


def publish_draft(content: Path) -> None:
    path = content / "articles" / "bai-3.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Slug:", "Status: draft\nSlug:"), encoding="utf-8"
    )


# Each change as an editor or an administrator makes it; `prepare` (if any) is applied
# before the first build, so the change itself is the step from prepared to changed.
CHANGES: dict[str, tuple[Callable[[Path], None] | None, Callable[[Path], None]]] = {
    "body": (None, lambda folder: edit(folder / "content", 7, body="Nội dung đã sửa một chữ.")),
    "title": (None, lambda folder: edit(folder / "content", 7, Title="Tiêu đề đã sửa")),
    "date": (None, lambda folder: edit(folder / "content", 7, Date="2023-03-03 09:00")),
    "category": (None, lambda folder: edit(folder / "content", 7, Category=CATEGORIES[2])),
    "tags": (None, lambda folder: edit(folder / "content", 7, Tags="thẻ mới hoàn toàn")),
    "citation added": (
        None,
        lambda folder: edit(
            folder / "content", 8, body="Bài nêu Nghị quyết số 35-NQ/TW và Quy định số 208-QĐ/TW."
        ),
    ),
    "citation removed": (
        None,
        lambda folder: edit(folder / "content", 9, body="Bài không trích dẫn văn bản nào."),
    ),
    "article added": (
        None,
        lambda folder: write(folder / "content", 99, article(99, Date="2025-01-01 07:00")),
    ),
    "article deleted": (
        None,
        lambda folder: (folder / "content" / "articles" / "bai-12.md").unlink(),
    ),
    "draft published": (
        lambda folder: publish_draft(folder / "content"),
        lambda folder: edit(folder / "content", 3),
    ),
    "registry entry": (None, lambda folder: _append_registry(folder / "content")),
    "template": (None, lambda folder: _edit_template(folder)),
    "setting": (None, lambda folder: settings_file(folder, "HOME_LATEST_COUNT = 4\n")),
}


def _append_registry(content: Path) -> None:
    """The editors describe a document the articles cite: its page gains a title, its
    citing articles' links a description."""
    registry = content / "data" / "regulations.yaml"
    text = registry.read_text(encoding="utf-8")
    entry = (
        "\n- id: 01-KL/TW\n  type: Kết luận\n  title: về tiếp tục thực hiện Chỉ thị số 05-CT/TW "
        "của Bộ Chính trị\n  date: 2021-05-18\n  issuer: Bộ Chính trị\n"
    )
    registry.write_text(text + entry, encoding="utf-8")


def _edit_template(folder: Path) -> None:
    theme = folder / "theme"
    if not theme.exists():
        shutil.copytree(ROOT / "theme", theme)
    footer = theme / "templates" / "base.html"
    footer.write_text(
        footer.read_text(encoding="utf-8").replace(
            "Theo dõi tin mới (Atom)", "Theo dõi tin mới nhất (Atom)"
        ),
        encoding="utf-8",
    )
    settings_file(folder, f"THEME = {str(theme)!r}\n")


@pytest.mark.parametrize("change", CHANGES)
def test_an_incremental_build_gives_the_bytes_of_a_full_build(built_once, tmp_path, change):
    prepare, apply = CHANGES[change]
    incremental = tmp_path / "incremental"
    if prepare is None:
        copy_built(built_once, incremental)
    else:
        make_content(incremental)
        prepare(incremental)
        settings_file(incremental)
        build(incremental)
    before = times(incremental / "output")
    apply(incremental)
    build(incremental)

    full = tmp_path / "full"
    shutil.copytree(incremental / "content", full / "content")
    if (incremental / "theme").exists():
        shutil.copytree(incremental / "theme", full / "theme")
    (full / "settings.py").write_text(
        (incremental / "settings.py")
        .read_text(encoding="utf-8")
        .replace(str(incremental), str(full)),
        encoding="utf-8",
    )
    build(full)

    made, expected = tree(incremental / "output"), tree(full / "output")
    assert sorted(made) == sorted(expected), "the same files"
    differing = [name for name in expected if made[name] != expected[name]]
    assert differing == [], f"{change}: bytes differ from a full build in {differing[:10]}"
    after = times(incremental / "output")
    kept = [name for name in after if before.get(name) == after[name]]
    if change not in ("template", "setting"):
        assert len(kept) > len(after) / 2, (
            f"{change}: most files untouched ({len(kept)} of {len(after)})"
        )


def test_nothing_changed_writes_nothing(built_once, tmp_path):
    folder = tmp_path / "again"
    copy_built(built_once, folder)
    before = times(folder / "output")
    build(folder)
    after = times(folder / "output")
    changed = sorted(
        name
        for name in after
        if before.get(name) != after[name] and not name.startswith("pagefind")
    )
    assert changed == [] and set(before) == set(after)
