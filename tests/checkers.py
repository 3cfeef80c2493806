"""The page checkers the tests share: axe-core in Chromium and the W3C Nu HTML checker."""

import json
import shutil
import subprocess

from site_pages import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def axe_problems(page) -> list[str]:
    assert AXE.is_file(), "axe-core is missing: run `npm ci`"
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} -> "
        + "; ".join(node["html"][:120] for node in violation["nodes"][:3])
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def vnu_errors(*arguments) -> list[str]:
    java = shutil.which("java")
    assert java, "Java is missing: apt-get install default-jre-headless"
    assert VNU.is_file(), "vnu-jar is missing: run `npm ci`"
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, arguments)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # The report is JSON on stderr; an empty report or a crash must not pass as "no error".
    report = json.loads(result.stderr)
    errors = [
        f"{message.get('url', '').rsplit('/output/', 1)[-1]}:{message.get('lastLine', '?')}: "
        f"{message['message']}"
        for message in report["messages"]
        if message["type"] in ("error", "non-document-error")
    ]
    assert (result.returncode == 0) == (not errors), result.stderr[-2000:]
    return errors
