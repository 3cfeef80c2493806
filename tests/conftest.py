import browser as browser_tools
import pytest
from site_pages import BuiltSite, build_site


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    """The real content/ built once per session (Pelican's signal receivers stay connected)."""
    built = build_site(tmp_path_factory.mktemp("site") / "output")
    assert built.warnings == [], "the build logged warnings"
    return built


@pytest.fixture(scope="session")
def server(site):
    """The built site over http on 127.0.0.1, as `make serve` and any static host show it."""
    with browser_tools.serve(site.output) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    with browser_tools.chromium() as launched:
        yield launched
