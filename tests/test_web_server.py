"""The site as nginx serves it with deploy/nginx/: headers, compression, errors, search.

Debian's nginx runs unprivileged on 127.0.0.1 (its own prefix, pid and temp paths, a
free port) over a site built once with publishconf.py, as `make publish` builds it.
"""

import gzip
import http.client
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import brotli
import pytest
from pelican.settings import read_settings
from site_pages import ROOT, BuiltSite, build_site, parse_html

NGINX = Path("/usr/sbin/nginx")
MIME_TYPES = Path("/etc/nginx/mime.types")
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
DEPLOY_NGINX = ROOT / "deploy" / "nginx"
HEADERS_SNIPPET = DEPLOY_NGINX / "snippets" / "tuyengiao-headers.conf"
SECRET = "mật khẩu ngoài thư mục trang"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def nginx_conf(prefix: Path, port: int, root: Path, server: str) -> str:
    """The main configuration around deploy/nginx's files: paths inside `prefix` only."""
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the temp site
    temp_paths = "".join(
        f"    {kind}_temp_path {prefix / 'temp' / kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"{user}daemon off;\nworker_processes 1;\npid {prefix / 'nginx.pid'};\n"
        f"error_log {prefix / 'error.log'} warn;\n"
        f"load_module {BROTLI_MODULE};\n"
        "events { worker_connections 64; }\n"
        "http {\n"
        f"    include {MIME_TYPES};\n"
        "    default_type application/octet-stream;\n"
        f"    access_log {prefix / 'access.log'};\n"
        f"{temp_paths}"
        f"{server}\n"
        "}\n"
    )


def prepare_prefix(prefix: Path) -> Path:
    """prefix/conf/ holding deploy/nginx's files, as /etc/nginx holds them on the server."""
    conf = prefix / "conf"
    conf.mkdir(parents=True)
    for folder in ("snippets", "sites-available"):
        shutil.copytree(DEPLOY_NGINX / folder, conf / folder)
    (prefix / "temp").mkdir()
    return conf


@contextmanager
def nginx(prefix: Path, root: Path, port: int) -> Iterator[str]:
    """nginx serving `root` on `port` with the site's snippets; yields the base URL."""
    assert NGINX.is_file(), "nginx is missing: apt-get install nginx"
    assert BROTLI_MODULE.is_file(), (
        "nginx's brotli module is missing: apt-get install libnginx-mod-http-brotli-static"
    )
    conf = prepare_prefix(prefix)
    server = (
        f"    server {{\n        listen 127.0.0.1:{port};\n        server_name localhost;\n"
        f"        root {root};\n"
        "        include snippets/tuyengiao-site.conf;\n"
        "        include snippets/tuyengiao-brotli.conf;\n    }"
    )
    (conf / "nginx.conf").write_text(nginx_conf(prefix, port, root, server), encoding="utf-8")
    log = prefix / "error.log"
    with log.open("w") as log_file:
        process = subprocess.Popen(
            [str(NGINX), "-p", str(prefix), "-c", str(conf / "nginx.conf"), "-e", str(log)],
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()
                    process.wait()
                    pytest.fail(f"nginx did not start:\n{log.read_text()}")
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def header(self, name: str) -> str | None:
        return self.headers.get(name)


def fetch(base_url: str, raw_path: str, accept_encoding: str | None = None) -> Response:
    """GET with the path exactly as written: no client-side normalising of ../ or %2e."""
    host, port = base_url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.putrequest("GET", raw_path, skip_accept_encoding=True)
        if accept_encoding:
            connection.putheader("Accept-Encoding", accept_encoding)
        connection.endheaders()
        answer = connection.getresponse()
        return Response(answer.status, answer.headers, answer.read())
    finally:
        connection.close()


@dataclass
class ServedSite:
    built: BuiltSite
    base_url: str
    root: Path


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[ServedSite]:
    """The site built with publishconf.py for nginx's address, under a release folder with a
    secret file beside it (outside the root), and a few files that must never be served."""
    tmp = tmp_path_factory.mktemp("nginx")
    root = tmp / "site" / "current"
    (tmp / "site" / "secret.txt").parent.mkdir()
    (tmp / "site" / "secret.txt").write_text(SECRET, encoding="utf-8")
    # The address is known before nginx starts, so links and feeds carry the served one.
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    built = build_site(
        root,
        settings_file=ROOT / "publishconf.py",
        SITEURL=base_url,
        FEED_DOMAIN=base_url,
        SITE_FILES_BASE_URL=base_url,
    )
    assert built.warnings == []
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    (root / ".env").write_text("DEPLOY_SSH_KEY=bí mật\n", encoding="utf-8")
    (root / "theme" / ".main.css.swp").write_bytes(b"vim swap")
    (root / "ghi-chu.md").write_text("Title: nháp\n", encoding="utf-8")
    (root / "index.html~").write_text("bản cũ", encoding="utf-8")
    (root / "tin" / "cau-hinh.py").write_text("SECRET = 1\n", encoding="utf-8")
    with nginx(tmp / "nginx", root, port) as served_url:
        yield ServedSite(built, served_url, root)


def article_url(site: BuiltSite) -> str:
    page = next(site.output.glob("tin/*/*/index.html"))
    return "/" + page.parent.relative_to(site.output).as_posix() + "/"


def pagefind_file(site: BuiltSite, pattern: str) -> str:
    return "/" + next(site.output.glob(pattern)).relative_to(site.output).as_posix()


SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


def assert_security_headers(response: Response, site: BuiltSite) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert response.header(name) == value, name
    policy = response.header("Content-Security-Policy")
    assert policy == f"{site.settings['CONTENT_SECURITY_POLICY']}; frame-ancestors 'none'"
    permissions = response.header("Permissions-Policy")
    assert "camera=()" in permissions.split(", ") and "geolocation=()" in permissions.split(", ")
    assert response.header("Server") == "nginx"  # no version


def test_the_headers_policy_is_the_settings_policy_with_frame_ancestors():
    """One source: the nginx header is pelicanconf.py's policy plus frame-ancestors."""
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    line = re.search(
        r'^add_header Content-Security-Policy "([^"]*)" always;$',
        HEADERS_SNIPPET.read_text(encoding="utf-8"),
        re.MULTILINE,
    )
    expected = f"{settings['CONTENT_SECURITY_POLICY']}; frame-ancestors 'none'"
    assert line and line.group(1) == expected, (
        f"{HEADERS_SNIPPET.relative_to(ROOT)} must say:\n"
        f'add_header Content-Security-Policy "{expected}" always;'
    )


def test_a_page_is_sent_with_the_security_headers_and_revalidated(served):
    url = article_url(served.built)
    response = fetch(served.base_url, url)
    assert response.status == 200
    assert response.header("Content-Type") == "text/html; charset=utf-8"
    assert response.header("Cache-Control") == "no-cache"
    assert_security_headers(response, served.built)
    assert response.body == served.built.file(url).read_bytes()
    # The header policy is the page's own <meta> policy plus what only a header can say.
    meta = parse_html(response.body.decode()).find(
        "meta", attrs={"http-equiv": "Content-Security-Policy"}
    )
    assert response.header("Content-Security-Policy") == (
        f"{meta['content']}; frame-ancestors 'none'"
    )


@pytest.mark.parametrize(
    "accept, encoding, decode",
    [("gzip", "gzip", gzip.decompress), ("gzip, deflate, br", "br", brotli.decompress)],
)
def test_a_page_is_sent_from_the_builds_compressed_copy(served, accept, encoding, decode):
    url = article_url(served.built)
    response = fetch(served.base_url, url, accept_encoding=accept)
    assert response.status == 200
    assert response.header("Content-Encoding") == encoding
    assert response.header("Vary") == "Accept-Encoding"
    suffix = {"gzip": ".gz", "br": ".br"}[encoding]
    page = served.built.file(url)
    # The bytes of the copy the build wrote, not a compression made by the server.
    assert response.body == page.with_name(page.name + suffix).read_bytes()
    assert decode(response.body) == page.read_bytes()


def test_a_folder_url_without_its_slash_is_redirected_on_the_same_host(served):
    url = article_url(served.built)
    response = fetch(served.base_url, url.rstrip("/"))
    assert response.status == 301
    assert response.header("Location") == url


def test_pagefinds_hashed_files_are_kept_a_year_and_its_entry_files_revalidated(served):
    fragment = pagefind_file(served.built, "pagefind/fragment/*.pf_fragment")
    response = fetch(served.base_url, fragment, accept_encoding="gzip, br")
    assert response.status == 200
    assert response.header("Cache-Control") == "public, max-age=31536000, immutable"
    assert response.header("Content-Type") == "application/octet-stream"
    # Pagefind compresses its files itself: sent as they are, never encoded twice.
    assert response.header("Content-Encoding") is None
    assert response.body == served.built.file(fragment).read_bytes()
    assert_security_headers(response, served.built)
    for name in ("pagefind/pagefind.*.pf_meta", "pagefind/index/*.pf_index"):
        hashed = fetch(served.base_url, pagefind_file(served.built, name))
        assert hashed.header("Cache-Control") == "public, max-age=31536000, immutable", name
    for name in ("/pagefind/pagefind-entry.json", "/pagefind/pagefind.js"):
        entry = fetch(served.base_url, name)
        assert entry.status == 200
        assert entry.header("Cache-Control") == "no-cache", name


def test_a_feed_is_sent_as_xml_compressed_and_revalidated(served):
    response = fetch(served.base_url, "/feeds/tat-ca.atom.xml", accept_encoding="gzip")
    assert response.status == 200
    assert response.header("Content-Type") == "text/xml; charset=utf-8"
    assert response.header("Content-Encoding") == "gzip"
    assert response.header("Cache-Control") == "no-cache"
    assert (
        gzip.decompress(response.body) == served.built.file("/feeds/tat-ca.atom.xml").read_bytes()
    )
    assert_security_headers(response, served.built)


def assert_our_404(response: Response, site: BuiltSite) -> None:
    assert response.status == 404
    assert response.header("Content-Type") == "text/html; charset=utf-8"
    page = parse_html(response.body.decode())
    ours = site.page("/404.html")
    assert page.title.get_text() == ours.title.get_text()
    assert page.find("h1").get_text() == ours.find("h1").get_text()
    assert_security_headers(response, site)


def test_a_missing_page_answers_404_with_the_sites_page(served):
    assert_our_404(fetch(served.base_url, "/tin/2023/khong-co-bai-nay/"), served.built)
    assert_our_404(fetch(served.base_url, "/khong-co.html"), served.built)


def test_a_folder_without_index_is_not_listed(served):
    for folder in ("/theme/css/", "/pagefind/fragment/", "/feeds/"):
        assert_our_404(fetch(served.base_url, folder), served.built)


@pytest.mark.parametrize(
    "path",
    [
        "/.git/config",
        "/.env",
        "/theme/.main.css.swp",
        "/ghi-chu.md",
        "/index.html~",
        "/tin/cau-hinh.py",
    ],
)
def test_hidden_and_source_files_are_never_sent(served, path):
    assert (served.root / path.lstrip("/")).is_file()  # they are there, on the disk
    assert_our_404(fetch(served.base_url, path), served.built)


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/tin/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/tin/%2e%2e/%2E%2E/secret.txt",
        "/..%2fsecret.txt",
        "/tin/..%2F..%2Fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/tin%2f%2e%2e%2f%2e%2e%2fsecret.txt",
    ],
)
def test_a_path_out_of_the_site_is_refused(served, path):
    response = fetch(served.base_url, path)
    assert response.status in (400, 404), response.status
    assert SECRET.encode() not in response.body


def test_the_shipped_server_block_passes_nginxs_check(tmp_path):
    """sites-available/tuyengiao.conf as the server loads it (nginx -t binds no port)."""
    conf = prepare_prefix(tmp_path)
    server = "    include sites-available/tuyengiao.conf;"
    (conf / "nginx.conf").write_text(
        nginx_conf(tmp_path, 0, tmp_path, server).replace("daemon off;\n", ""), encoding="utf-8"
    )
    check = subprocess.run(
        [str(NGINX), "-t", "-p", str(tmp_path), "-c", str(conf / "nginx.conf"), "-e", "stderr"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert check.returncode == 0, check.stderr


def test_search_works_through_nginx(served, browser):
    """The search page in Chromium, Pagefind's files fetched through nginx."""
    page = browser.new_page()
    problems: list[str] = []

    def note_error(message):
        # The site has no favicon yet: Chromium's own request for it is not the search's.
        if message.type == "error" and not message.location["url"].endswith("/favicon.ico"):
            problems.append(f"{message.text} {message.location['url']}")

    page.on("console", note_error)
    page.on("requestfailed", lambda r: problems.append(f"{r.url}: {r.failure}"))
    try:
        page.goto(f"{served.base_url}/tim-kiem/?q=b%C3%A1o+c%C3%A1o+vi%C3%AAn")
        page.locator("#search-status", has_text=re.compile(r"^Tìm thấy")).wait_for()
        page.locator("#search-results[aria-busy=false]").wait_for(state="attached")
        links = page.eval_on_selector_all(
            "#search-results li h2 a", "links => links.map(a => a.getAttribute('href'))"
        )
    finally:
        page.close()
    assert links, "no result"
    for link in links:
        assert fetch(served.base_url, link.removeprefix(served.base_url)).status == 200
    assert problems == []
