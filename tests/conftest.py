import pytest

from site_pages import BuiltSite, build_site


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    """The real content/ built once per session (Pelican's signal receivers stay connected)."""
    built = build_site(tmp_path_factory.mktemp("site") / "output")
    assert built.warnings == [], "the build logged warnings"
    return built
