"""Two full builds of the same content give the same bytes; no build time in any output.

The two builds run as `make publish` runs Pelican (publishconf.py, every warning fatal,
precompressed copies included), in two processes with different string hash seeds, so
an order that depends on Python's set or dict hashing would show.

Pagefind 1.5.2 is the one exception, and a harmless one: each filter file lists its
values, and the metadata file lists the filters, in the order of a Rust HashMap, which is
seeded anew in every run. The same values with the same pages come out in another order,
so the filter file's bytes differ, and with them its hashed name, the metadata file
naming it (and that file's hashed name) and pagefind-entry.json naming the metadata. The
test decodes those files and checks that they hold the same filters and metadata; every
other file, Pagefind's index and fragments included, must be byte-identical.
"""

import gzip
import json
import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree

import pytest
from site_pages import ROOT

import vntext

# Pagefind's files that carry a filter's value order (and the names that follow from it).
PAGEFIND_ORDERED = re.compile(
    r"^pagefind[^/]*/(filter/[^/]+\.pf_filter|pagefind\.[^/]+\.pf_meta|pagefind-entry\.json)"
    r"(\.gz|\.br)?$"
)
ATOM = "{http://www.w3.org/2005/Atom}"
TEXT_SUFFIXES = (".html", ".xml", ".json", ".js", ".css", ".txt")


def build(output: Path, hash_seed: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "pelican", str(ROOT / "content")]
    command += ["-s", str(ROOT / "publishconf.py"), "-o", str(output), "--fatal", "warnings"]
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": hash_seed},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> tuple[Path, Path]:
    """Both builds at once: two processes, two cores."""
    tmp = tmp_path_factory.mktemp("reproducible")
    first, second = tmp / "first", tmp / "second"
    running = [build(first, "1"), build(second, "2")]
    for process in running:
        log = process.communicate(timeout=600)[0]
        assert process.returncode == 0, log
    return first, second


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


def cbor(data: bytes, at: int = 0):
    """(value, next offset) of the CBOR item at `at`: the subset Pagefind writes."""
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        number = info
    elif info <= 27:
        size = 1 << (info - 24)
        number, at = int.from_bytes(data[at : at + size], "big"), at + size
    else:
        raise ValueError(f"CBOR item of indefinite length at {at}")
    if major == 0:
        return number, at
    if major in (2, 3):
        raw = data[at : at + number]
        return (raw.decode() if major == 3 else raw), at + number
    if major == 4:
        items = []
        for _ in range(number):
            item, at = cbor(data, at)
            items.append(item)
        return items, at
    if major == 7 and number in (20, 21, 22):
        return {20: False, 21: True, 22: None}[number], at
    raise ValueError(f"CBOR major type {major} at {at}")


def pagefind_file(data: bytes):
    """The decoded content of a Pagefind .pf_* file: gzip, a signature, one CBOR item."""
    plain = gzip.decompress(data)
    assert plain.startswith(b"pagefind_dcd")
    value, end = cbor(plain, len(b"pagefind_dcd"))
    assert end == len(plain)
    return value


def pagefind_filters(files: dict[str, bytes], bundle: str) -> dict[str, list]:
    """Each filter of a bundle by name, as reached from its entry file: values sorted."""
    entry = json.loads(files[f"{bundle}/pagefind-entry.json"])
    (language,) = entry["languages"].values()
    meta = pagefind_file(files[f"{bundle}/pagefind.{language['hash']}.pf_meta"])
    filters = {}
    for name, file_hash in meta[3]:
        filter_name, values = pagefind_file(files[f"{bundle}/filter/{file_hash}.pf_filter"])
        assert filter_name == name
        filters[name] = sorted((value, sorted(pages)) for value, pages in values)
    return filters


def pagefind_meta_without_filter_files(files: dict[str, bytes], bundle: str) -> list:
    entry = json.loads(files[f"{bundle}/pagefind-entry.json"])
    (language,) = entry["languages"].values()
    meta = pagefind_file(files[f"{bundle}/pagefind.{language['hash']}.pf_meta"])
    return [*meta[:3], sorted(name for name, _ in meta[3]), *meta[4:]]


def test_two_builds_give_the_same_bytes_except_pagefinds_filter_order(builds):
    first, second = (files_of(folder) for folder in builds)
    differing = sorted(
        name for name in first.keys() | second.keys() if first.get(name) != second.get(name)
    )
    assert [name for name in differing if not PAGEFIND_ORDERED.match(name)] == []
    assert any(name.endswith(".html.gz") for name in first)  # the copies are compared too

    bundles = sorted({name.split("/")[0] for name in differing})
    for bundle in bundles:
        assert pagefind_filters(first, bundle) == pagefind_filters(second, bundle)
        assert pagefind_meta_without_filter_files(
            first, bundle
        ) == pagefind_meta_without_filter_files(second, bundle)
        entries = [json.loads(files[f"{bundle}/pagefind-entry.json"]) for files in (first, second)]
        for entry in entries:
            for language in entry["languages"].values():
                del language["hash"]
        assert entries[0] == entries[1]


def test_no_output_carries_the_time_of_the_build(builds):
    """No page, feed or data file names today (the content is older than this build)."""
    now = datetime.now(vntext.TIMEZONE)
    today = {
        now.date().isoformat(),
        now.astimezone(UTC).date().isoformat(),
        f"{now.day}/{now.month}/{now.year}",
        f"{now:%d/%m/%Y}",
    }
    for name, data in files_of(builds[0]).items():
        if name.endswith(TEXT_SUFFIXES):
            text = data.decode("utf-8")
            assert not [day for day in today if day in text], name


def test_an_uncited_documents_feed_is_dated_by_the_document(builds):
    """The registry's 83/2015/QH13 is cited by no article: its feed is empty, and dated by
    the day the law was issued, not by the build."""
    feed = ElementTree.parse(builds[0] / "feeds" / "van-ban" / "83-2015-qh13.atom.xml")
    assert feed.findall(f"{ATOM}entry") == []
    assert feed.findtext(f"{ATOM}updated") == "2015-06-25T00:00:00+07:00"
