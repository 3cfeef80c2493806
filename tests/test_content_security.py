"""Every page carries a Content-Security-Policy with no inline script and no other host."""

import pytest
from site_pages import parse_html

VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def policy_of(page) -> dict[str, list[str]]:
    meta = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta is not None, "no Content-Security-Policy"
    directives = [part.split() for part in meta["content"].split(";") if part.strip()]
    return {name: values for name, *values in directives}


def test_every_page_has_the_policy_and_no_inline_script(site):
    hosts = {f"https://{host}" for host in site.settings["CONTENT_INTAKE_IFRAME_HOSTS"]}
    for path in site.html_files():
        page = parse_html(path.read_text(encoding="utf-8"))
        policy = policy_of(page)
        assert policy["default-src"] == ["'self'"], path
        assert set(policy["script-src"]) <= {"'self'", "'wasm-unsafe-eval'"}, path
        assert set(policy["frame-src"]) <= hosts, path
        assert policy["object-src"] == ["'none'"], path
        for script in page.find_all("script"):
            # A JSON data block (the search page's settings) is never run.
            assert script.get("src") or script.get("type") == "application/json", (
                f"inline script in {path}"
            )
        for element in page.find_all(True):
            handlers = [name for name in element.attrs if name.startswith("on")]
            assert not handlers and "style" not in element.attrs, (
                f"{path}: {element.name} {handlers}"
            )


@pytest.mark.parametrize(
    "path", ["/", "/404.html", "article", "category", "/tim-kiem/?q=quy+dinh+208"]
)
def test_pages_run_under_the_policy_without_violations(site, server, browser, path):
    if path in {"article", "category"}:
        folder = {"article": "tin/*/*", "category": "chuyen-muc/*"}[path]
        path = (
            "/"
            + next(site.output.glob(f"{folder}/index.html"))
            .parent.relative_to(site.output)
            .as_posix()
            + "/"
        )
    context = browser.new_context()  # the policy enforced, unlike the axe tests
    page = context.new_page()
    page.add_init_script(VIOLATIONS)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__violations") == []
    assert errors == []
    context.close()
