"""The structure the README states, checked from the code itself: which package imports
which, every stage of the pipeline provided by its plugin, and each private part of a
library we rely on still there (an upgrade that renames one fails here, not in a page)."""

import ast
import inspect

import pytest
from pelican.settings import read_settings
from pelican.writers import Writer
from site_pages import ROOT, SETTINGS_FILE

from portal import pipeline

PLUGINS = ROOT / "plugins"
OURS = {path.name for path in PLUGINS.iterdir() if (path / "__init__.py").exists()}
# What the README says each may import of ours: vntext nothing, portal vntext, every
# other plugin those two.
ALLOWED = {"vntext": set(), "portal": {"vntext"}}


def imported(package: str) -> dict[str, set[str]]:
    """Our packages each file of `package` imports, by file."""
    found = {}
    for path in sorted((PLUGINS / package).rglob("*.py")):
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = (names & OURS) - {package}
    return found


@pytest.mark.parametrize("package", sorted(OURS))
def test_each_package_imports_only_what_the_readme_says(package):
    allowed = ALLOWED.get(package, {"vntext", "portal"})
    for path, names in imported(package).items():
        assert names <= allowed, f"{path} imports {sorted(names - allowed)}"


def test_every_stage_is_provided_by_its_plugin_and_nothing_else_is():
    plugins = read_settings(str(SETTINGS_FILE))["PLUGINS"]
    for name in plugins:
        __import__(name).register()
    provided = set(pipeline._provided)
    declared = {stage.name for stage in pipeline.PIPELINE}
    assert provided == declared
    assert {stage.plugin for stage in pipeline.PIPELINE} <= set(plugins)


def test_the_readme_names_every_plugin_and_the_pipeline():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for package in OURS:
        assert f"plugins/{package}/" in readme, package
    assert "plugins/portal/pipeline.py" in readme


def test_the_private_parts_of_pelican_we_override_are_still_there():
    """portal.output.SiteWriter overrides two private methods of Pelican's writer and
    reads one attribute; feedgenerator's feed keeps its entries in `items`."""
    assert list(inspect.signature(Writer._open_w).parameters) == [
        "self",
        "filename",
        "encoding",
        "override",
    ]
    assert list(inspect.signature(Writer._add_item_to_the_feed).parameters) == [
        "self",
        "feed",
        "item",
    ]
    assert Writer("/tmp", settings={})._written_files == set()
    from feedgenerator import Atom1Feed

    feed = Atom1Feed("t", "https://x.example/", "")
    feed.add_item("tiêu đề", "https://x.example/a", "")
    assert feed.items[-1]["title"] == "tiêu đề"
