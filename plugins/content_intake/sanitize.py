"""HTML that editors paste into Markdown, made safe: no script ever reaches a reader.

nh3 (the Ammonia sanitiser) keeps an allow-list of tags and attributes, drops event
handlers, `javascript:` URLs and <script>/<style> with their content. Iframes are kept
only from the video hosts in CONTENT_INTAKE_IFRAME_HOSTS.
"""

import ada_url
import nh3
from bs4 import BeautifulSoup

TAGS = nh3.ALLOWED_TAGS | {"iframe", "video", "audio", "source", "track"}
ATTRIBUTES = {
    **nh3.ALLOWED_ATTRIBUTES,
    # ids and classes come from Markdown's footnotes, tables of contents and attr_list.
    "*": {"id", "class", "title", "lang"},
    "a": {"href", "hreflang", "title"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "iframe": {"src", "title", "width", "height", "allow", "allowfullscreen", "loading"},
    "video": {"src", "controls", "width", "height", "poster", "preload"},
    "audio": {"src", "controls", "preload"},
    "source": {"src", "type"},
    "track": {"src", "kind", "srclang", "label"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def _iframe_source(url: str, hosts: frozenset[str]) -> str | None:
    """The URL as browsers read it (WHATWG, with ada), if it is https on an allowed host.

    Python's urlsplit reads "https://evil.example\\@www.youtube.com/" as YouTube; a
    browser loads evil.example. The URL is written back as ada serialises it, so the page
    carries exactly what was checked.
    """
    try:
        parsed = ada_url.URL(url)
    except ValueError:
        return None
    if (
        parsed.protocol != "https:"
        or parsed.hostname not in hosts
        or parsed.username
        or parsed.password
    ):
        return None
    return parsed.href


def sanitize(html: str, iframe_hosts: frozenset[str]) -> str:
    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "iframe" and attribute == "src":
            return _iframe_source(value, iframe_hosts)
        return value

    clean = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        attribute_filter=keep,
        url_schemes=URL_SCHEMES,
        link_rel=None,
    )
    if "<iframe" not in clean:
        return clean
    # An iframe that lost its source would show an empty box: remove it altogether.
    soup = BeautifulSoup(clean, "html.parser")
    for frame in soup.find_all("iframe"):
        if not frame.get("src"):
            frame.decompose()
    return str(soup)
