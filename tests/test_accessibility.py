"""The built pages in a real browser (Debian's Chromium through Playwright): axe-core
finds no serious or critical problem, nothing scrolls sideways on a 360 px phone, the
keyboard can reach and see everything, and "In trang" prints the article alone."""

import pytest
from checkers import axe_problems

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def pages(site):
    """The pages the issue names: home, an article, a category and the 404 page."""
    article = next(site.output.glob("tin/*/*/index.html")).parent
    category = next(site.output.glob("chuyen-muc/*/index.html")).parent
    return {
        "home": "/",
        "article": "/" + article.relative_to(site.output).as_posix() + "/",
        "category": "/" + category.relative_to(site.output).as_posix() + "/",
        "404": "/404.html",
    }


@pytest.fixture
def open_page(browser, server):
    contexts = []

    def open_(path, viewport=DESKTOP, javascript=True):
        context = browser.new_context(
            viewport=viewport, bypass_csp=True, java_script_enabled=javascript
        )
        contexts.append(context)
        page = context.new_page()
        response = page.goto(server + path)
        assert response.ok, f"{path}: HTTP {response.status}"
        return page

    yield open_
    for context in contexts:
        context.close()


@pytest.mark.parametrize("name", ["home", "article", "category", "404"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])
def test_axe_finds_no_serious_or_critical_violation(open_page, pages, name, viewport):
    page = open_page(pages[name], viewport)
    assert axe_problems(page) == []


@pytest.mark.parametrize("name", ["home", "article", "category", "404"])
def test_nothing_scrolls_sideways_on_a_360px_phone(open_page, pages, name):
    page = open_page(pages[name], PHONE)
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1] == PHONE["width"], f"page is {widths[0]} px wide"


def test_skip_link_is_first_visible_on_focus_and_moves_to_the_content(open_page, pages):
    page = open_page(pages["article"], PHONE)
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    assert page.evaluate("() => document.activeElement.className") == "skip-link"
    box = skip.bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0 and box["width"] > 0
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "noi-dung"


# What makes focus visible; a transparent outline (kept for Windows high-contrast mode)
# shows nothing on screen, so it does not count.
FOCUS_STYLE = """el => {
  const s = getComputedStyle(el);
  const seen = colour => colour !== "transparent" && !/rgba\\(.*,\\s*0\\)$/.test(colour);
  const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0 && seen(s.outlineColor);
  return [outline ? s.outlineStyle + s.outlineColor : "", s.boxShadow, s.backgroundColor,
          s.color, s.borderBottomColor].join("|");
}"""


@pytest.mark.parametrize("name", ["home", "article"])
def test_keyboard_focus_is_visible_on_every_control(open_page, pages, name):
    page = open_page(pages[name], DESKTOP)
    # Tab order: links, buttons, fields; of a radio group only the checked radio.
    controls = page.locator(
        "a[href], button:not([hidden]), select, textarea, "
        "input:not([type=hidden]):not([type=radio]), input[type=radio]:checked"
    )
    count = controls.count()
    assert count > 5
    for index in range(count):
        control = controls.nth(index)
        resting = control.evaluate(FOCUS_STYLE)
        page.keyboard.press("Tab")
        # Chromium stops once per field (day, month, year) of a native date input.
        while index and controls.nth(index - 1).evaluate(
            "el => el.type === 'date' && el === document.activeElement"
        ):
            page.keyboard.press("Tab")
        assert control.evaluate("el => el === document.activeElement"), control.evaluate(
            "el => el.outerHTML"
        )
        assert control.evaluate(FOCUS_STYLE) != resting, control.evaluate("el => el.outerHTML")


def test_print_button_prints_when_javascript_runs(open_page, pages):
    page = open_page(pages["article"], PHONE)
    button = page.get_by_role("button", name="In trang")
    assert button.is_visible()
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    button.click()
    assert page.evaluate("() => window.printed") == 1


def test_print_button_is_hidden_without_javascript(open_page, pages):
    page = open_page(pages["article"], PHONE, javascript=False)
    assert page.locator("button.print-button").count() == 1
    assert not page.locator("button.print-button").is_visible()


def test_printing_an_article_prints_the_article_alone(open_page, pages):
    page = open_page(pages["article"], DESKTOP)
    page.emulate_media(media="print")
    for hidden in [
        "a.skip-link",
        "body > header",
        "nav.breadcrumbs",
        "body > footer",
        "button.print-button",
        ".article__tags",
    ]:
        assert not page.locator(hidden).is_visible(), hidden
    for shown in [
        "main article h1",
        "main article time",
        ".article__sapo",
        ".article__body p >> nth=0",
    ]:
        assert page.locator(shown).is_visible(), shown
    page.emulate_media(media="screen")
    assert page.locator("body > header").is_visible()
