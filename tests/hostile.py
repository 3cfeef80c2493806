"""Hostile input, as an attacker with an editor's rights would type it, and how to spot
any of it that survived into a page.

The payloads follow the classes of the OWASP XSS Filter Evasion and PortSwigger XSS cheat
sheets: tag and attribute breakouts, event handlers, script URLs (encoded, split by
whitespace), SVG and MathML, mutation XSS, meta refresh and base, template syntax,
polyglots. Each one that could run sets `data-pwned` on <html> or leaves the site: a test
in Chromium looks for both.
"""

import re

from site_pages import parse_html

MARK = "document.documentElement.dataset.pwned=1"
AWAY = "https://evil.example/"

PAYLOADS = [
    # Tags and breakouts out of the element or attribute a value lands in.
    f"<script>{MARK}</script>",
    "<SCRIPT SRC=//xss.example/x.js></SCRIPT>",
    f'"><script>{MARK}</script>',
    f"'><script>{MARK}</script>",
    'x"><script src=/files/y.js></script>',
    f"</title><script>{MARK}</script>",
    f"</textarea><script>{MARK}</script>",
    f"</style><script>{MARK}</script>",
    f"</script><script>{MARK}</script>",
    f'" onmouseover="{MARK}" x="',
    f"' onfocus='{MARK}' autofocus x='",
    f"` onfocus=`{MARK}` autofocus",
    f'" autofocus onfocus="{MARK}',
    f'" style="animation-name:x" onanimationstart="{MARK}',
    # Event handlers on every kind of element.
    f'<img src=x onerror="{MARK}">',
    f"<img src=x onerror={MARK}//",
    f'<img/src="x"/onerror="{MARK}">',
    f'<svg onload="{MARK}"><circle r="1"/></svg>',
    f"<svg><animate onbegin={MARK} attributeName=x dur=1s>",
    f'<body onload="{MARK}">',
    f'<input onfocus="{MARK}" autofocus>',
    f'<details open ontoggle="{MARK}">',
    f'<video><source onerror="{MARK}"></video>',
    f'<audio src=x onerror="{MARK}">',
    f'<marquee onstart="{MARK}">x</marquee>',
    f'<div onpointerenter="{MARK}" style="position:fixed;inset:0">x</div>',
    f'<a href="#" onclick="{MARK}">bấm</a>',
    # Script URLs, encoded and split.
    f'<a href="javascript:{MARK}">bấm</a>',
    f'<a href="JaVaScRiPt:{MARK}">bấm</a>',
    f'<a href="&#106;avascript:{MARK}">bấm</a>',
    f'<a href="&#x6A;&#x61;&#x76;&#x61;script:{MARK}">bấm</a>',
    f'<a href=" javascript:{MARK}">bấm</a>',
    f'<a href="java&#x09;script:{MARK}">bấm</a>',
    f'<a href="java\tscript:{MARK}">bấm</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">bấm</a>',
    '<a href="vbscript:msgbox(1)">bấm</a>',
    f'<img src="javascript:{MARK}">',
    f'<iframe src="javascript:{MARK}"></iframe>',
    f'<iframe srcdoc="<script>{MARK}</script>"></iframe>',
    f'<object data="javascript:{MARK}"></object>',
    f'<embed src="javascript:{MARK}">',
    f'<form action="javascript:{MARK}"><button>gửi</button></form>',
    f'<button formaction="javascript:{MARK}">gửi</button>',
    f'<math><a xlink:href="javascript:{MARK}">bấm</a></math>',
    # Styles, links, meta, base: leaving the page or changing where it loads from.
    f'<div style="background:url(javascript:{MARK})">x</div>',
    '<style>@import "javascript:alert(1)";</style>',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    f'<meta http-equiv="refresh" content="0;url={AWAY}">',
    f'<meta http-equiv="refresh" content="0;url=javascript:{MARK}">',
    '<base href="https://evil.example/">',
    f'<base href="javascript:{MARK}//">',
    # Mutation XSS: markup that parses one way, then another once serialised.
    f"<math><mtext><table><mglyph><style><img src=x onerror={MARK}>",
    f'<noscript><p title="</noscript><img src=x onerror={MARK}>">',
    f'<svg></p><style><a id="</style><img src=1 onerror={MARK}>">',
    f'<!--<img src="--><img src=x onerror={MARK}//">',
    f'<img """><script>{MARK}</script>">',
    f"<<script>{MARK};//<</script>",
    f"<scr<script>ipt>{MARK}</scr</script>ipt>",
    f"<scr\x00ipt>{MARK}</script>",
    # Template syntax: never evaluated, printed as typed.
    "{{ 7*7 }} {% raw %}{{ config }}{% endraw %} ${7*7} #{7*7}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    # Polyglots.
    "jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk=alert() )//%0D%0A%0d%0a//"
    "</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=alert()//>\\x3e",
    f"'\"--></style></script><script>{MARK}</script>",
    # Entities and characters that are text, and must stay text.
    "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot; &#39;",
    "Tiêu đề có “ngoặc kép”, 'nháy đơn', <b>đậm</b> & ký hiệu",
    "\u202eTiêu đề đảo chiều\u202c",
]

# Names a browser would run if they survived as elements.
SCRIPTABLE_ELEMENTS = {
    "script", "object", "embed", "base", "meta", "link", "form", "style", "svg", "math",
    "iframe", "frame", "frameset", "applet",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "data", "poster", "formaction", "xlink:href", "srcset"}
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}


def scriptable(html: str, allowed_scripts: set[str] = frozenset(), iframe_hosts=()) -> list[str]:
    """Every place in the HTML where a browser could run script or leave the site by itself.

    allowed_scripts: the src of the theme's own scripts, which a page may load; iframe_hosts:
    the hosts whose https frames the site allows.
    """
    found = []
    for element in parse_html(html).find_all(True):
        name = element.name
        if name == "script" and (
            element.get("src") in allowed_scripts or element.get("type") == "application/json"
        ):
            pass  # the theme's own scripts and the search page's JSON settings
        elif name == "meta" and element.get("http-equiv", "").lower() == "content-security-policy":
            pass
        elif name == "meta" and not element.get("http-equiv"):
            pass  # charset, viewport, description, robots
        elif (
            name == "link"
            and element.get("rel") in (["stylesheet"], ["alternate"])
            and element.get("href", "").startswith(("/", "http://127.0.0.1"))
        ):
            pass
        elif (
            name == "form"
            and element.get("action", "").startswith("/")
            and not element.find(attrs={"formaction": True})
        ):
            pass  # the site's own search and day forms
        elif name == "iframe":
            src = element.get("src", "")
            if not any(src.startswith(f"https://{host}/") for host in iframe_hosts):
                found.append(f"iframe src={src!r}")
        elif name in SCRIPTABLE_ELEMENTS:
            found.append(f"<{name}> {str(element)[:80]!r}")
        for attribute, value in element.attrs.items():
            text = " ".join(value) if isinstance(value, list) else value
            if attribute.lower().startswith("on") or attribute in {"style", "srcdoc"}:
                found.append(f"{name}[{attribute}]")
            if attribute in URL_ATTRIBUTES and ":" in text:
                # As a browser reads a URL (WHATWG): tabs and newlines removed anywhere,
                # spaces and controls trimmed at both ends; "java  script:" is relative.
                url = text.translate({9: None, 10: None, 13: None}).strip("".join(map(chr, range(33))))
                scheme = url.lower().split(":", 1)[0]
                if re.fullmatch(r"[a-z][a-z0-9+.-]*", scheme) and scheme not in SAFE_SCHEMES:
                    found.append(f"{name}[{attribute}={text[:60]!r}]")
    return found
