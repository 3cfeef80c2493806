"""`make deploy` and `make rollback` end to end, over a real sshd and rsync on 127.0.0.1.

The test starts Debian's sshd as the current user (root too, as in CI) on a free port with
a throwaway client key and its own host key, and deploys real builds of the site with
scripts/deploy.sh, as CI does: a first release, a second one moving only what changed, a
deploy killed midway, a rollback.
"""

import filecmp
import getpass
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from site_pages import ROOT, build_site

SSHD = Path("/usr/sbin/sshd")
DEPLOY = ROOT / "scripts" / "deploy.sh"
# The article edited between the first and the second build: a reporter's fix of one word.
EDITED = "articles/tin-tu-cac-don-vi"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def keygen(path: Path) -> None:
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "", "-f", str(path)], check=True
    )


@dataclass
class SshServer:
    user: str
    port: int
    client_key: str  # the private key's text, as DEPLOY_SSH_KEY holds it
    known_hosts: str  # the host key line, as DEPLOY_KNOWN_HOSTS holds it


@pytest.fixture(scope="module")
def sshd(tmp_path_factory) -> Iterator[SshServer]:
    assert SSHD.is_file(), "sshd is missing: apt-get install openssh-server"
    assert shutil.which("rsync"), "rsync is missing: apt-get install rsync"
    folder = tmp_path_factory.mktemp("sshd")
    keygen(folder / "host_key")
    keygen(folder / "client_key")
    shutil.copy(folder / "client_key.pub", folder / "authorized_keys")
    user = getpass.getuser()
    port = free_port()
    (folder / "sshd_config").write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {folder / 'host_key'}\n"
        f"PidFile {folder / 'sshd.pid'}\nAuthorizedKeysFile {folder / 'authorized_keys'}\n"
        f"AllowUsers {user}\nPermitRootLogin prohibit-password\nPubkeyAuthentication yes\n"
        "PasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\n"
        # The keys live under the temp folder, which sshd's owner checks would refuse.
        "StrictModes no\nLogLevel ERROR\n",
        encoding="utf-8",
    )
    if os.geteuid() == 0:
        # Run as root, sshd drops privileges into this folder; the Debian service makes it.
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
    log = folder / "sshd.log"
    with log.open("w") as log_file:
        process = subprocess.Popen(
            [str(SSHD), "-D", "-e", "-f", str(folder / "sshd_config")],
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
                    pytest.fail(f"sshd did not start:\n{log.read_text()}")
                time.sleep(0.05)
        host_key = (folder / "host_key.pub").read_text().split()
        yield SshServer(
            user=user,
            port=port,
            client_key=(folder / "client_key").read_text(),
            known_hosts=f"[127.0.0.1]:{port} {host_key[0]} {host_key[1]}",
        )
    finally:
        process.terminate()
        process.wait(timeout=20)


@dataclass
class Sites:
    first: Path
    second: Path  # the first with one article edited
    bigger: Path  # the second with a large new file: an upload slow enough to stop


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> Sites:
    tmp = tmp_path_factory.mktemp("deploy-sites")
    content = tmp / "content"
    shutil.copytree(ROOT / "content", content)
    first = build_site(tmp / "first", content, settings_file=ROOT / "publishconf.py")
    assert first.warnings == []
    article = sorted((content / EDITED).glob("*.md"))[0]
    text = article.read_text(encoding="utf-8")
    article.write_text(text.rstrip("\n") + " Bài viết đã được cập nhật.\n", encoding="utf-8")
    second = build_site(tmp / "second", content, settings_file=ROOT / "publishconf.py")
    assert second.warnings == []
    bigger = tmp / "bigger"
    shutil.copytree(second.output, bigger)
    (bigger / "files").mkdir(exist_ok=True)
    (bigger / "files" / "tai-lieu.pdf").write_bytes(os.urandom(3_000_000))
    return Sites(first.output, second.output, bigger)


def deploy_env(server: SshServer, target: Path, source: Path, **extra: str) -> dict:
    return {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/"),
        "DEPLOY_TARGET": f"{server.user}@127.0.0.1:{target}",
        "DEPLOY_SSH_PORT": str(server.port),
        "DEPLOY_SSH_KEY": server.client_key,
        "DEPLOY_KNOWN_HOSTS": server.known_hosts,
        "DEPLOY_SOURCE": str(source),
        **extra,
    }


def run_deploy(
    server: SshServer, target: Path, source: Path, *args: str, **extra: str
) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(DEPLOY), *args],
        env=deploy_env(server, target, source, **extra),
        capture_output=True,
        text=True,
        timeout=120,
    )


def deployed(server: SshServer, target: Path, source: Path, **extra: str) -> str:
    """Deploy `source`; returns what the script printed."""
    result = run_deploy(server, target, source, **extra)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def live(target: Path) -> Path:
    return (target / "current").resolve()


def releases(target: Path) -> list[str]:
    return sorted(p.name for p in (target / "releases").iterdir())


def files_of(folder: Path) -> dict[str, Path]:
    return {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()}


def assert_same_site(served: Path, built: Path) -> None:
    """Every file of the build is there with its bytes, and nothing else."""
    served_files, built_files = files_of(served), files_of(built)
    assert sorted(served_files) == sorted(built_files)
    _, mismatch, errors = filecmp.cmpfiles(built, served, list(built_files), shallow=False)
    assert mismatch == [] and errors == []


def transferred(output: str) -> tuple[int, int]:
    """(files, bytes) the script reports as uploaded."""
    found = re.search(r"Đã tải lên (\d+) tệp mới hoặc đã đổi \((\d+) byte", output)
    assert found, output
    return int(found.group(1)), int(found.group(2))


def test_releases_move_only_changes_keep_the_newest_and_roll_back(sshd, sites, tmp_path):
    target = tmp_path / "www"
    keep = {"DEPLOY_KEEP_RELEASES": "2"}
    first_output = deployed(sshd, target, sites.first, **keep)
    first = live(target)
    assert first.parent == target / "releases" and (target / "current").is_symlink()
    assert_same_site(first, sites.first)
    assert transferred(first_output) == (
        len(files_of(sites.first)),
        sum(p.stat().st_size for p in files_of(sites.first).values()),
    )

    # The same site again (a scheduled build with nothing new) adds no release.
    again = deployed(sshd, target, sites.first, **keep)
    assert "Không có gì thay đổi so với bản đang chạy" in again
    assert transferred(again) == (0, 0)
    assert releases(target) == [first.name] and live(target) == first

    second_output = deployed(sshd, target, sites.second, **keep)
    second = live(target)
    assert second != first and releases(target) == sorted([first.name, second.name])
    assert_same_site(second, sites.second)
    old, new = files_of(sites.first), files_of(sites.second)
    changed = {
        name
        for name, path in new.items()
        if name not in old or path.read_bytes() != old[name].read_bytes()
    }
    # What travelled is exactly what differs between the two builds...
    assert transferred(second_output) == (
        len(changed),
        sum(new[name].stat().st_size for name in changed),
    )
    assert 0 < len(changed) < len(new) / 2
    # ...and every other file of the new release is the old release's file, hard-linked.
    for name in new:
        linked = name in old and (second / name).stat().st_ino == (first / name).stat().st_ino
        assert linked == (name not in changed), name

    # A third release: the oldest goes, two are kept.
    deployed(sshd, target, sites.first, **keep)
    third = live(target)
    assert releases(target) == [second.name, third.name]
    assert_same_site(third, sites.first)

    result = run_deploy(sshd, target, sites.first, "rollback")
    assert result.returncode == 0, result.stderr
    assert f"Đã quay lại bản {second.name}" in result.stdout
    assert live(target) == second
    assert_same_site(live(target), sites.second)
    assert releases(target) == [second.name, third.name]  # the one rolled back from stays

    refused = run_deploy(sshd, target, sites.first, "rollback")
    assert refused.returncode != 0
    assert f"không có bản nào cũ hơn {second.name} để quay lại" in refused.stderr
    assert live(target) == second


def test_a_deploy_killed_midway_leaves_the_live_site_whole(sshd, sites, tmp_path):
    target = tmp_path / "www"
    deployed(sshd, target, sites.second)
    before = live(target)
    # Slowed to 200 KiB/s, the new 3 MB file takes seconds: stop it once the upload began.
    slow = subprocess.Popen(
        ["bash", str(DEPLOY)],
        env=deploy_env(sshd, target, sites.bigger, DEPLOY_BWLIMIT="200"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not any((target / "releases").glob(".incoming-*/**/*.html")):
            assert slow.poll() is None, "the deploy ended before it could be stopped"
            assert time.monotonic() < deadline, "the upload never started"
            time.sleep(0.02)
    finally:
        os.killpg(slow.pid, signal.SIGKILL)  # the runner dies: no clean-up of any kind
        slow.wait()
    assert live(target) == before
    assert_same_site(live(target), sites.second)
    assert [name for name in releases(target) if name.startswith(".incoming-")]

    # The next deploy removes the stopped upload and completes.
    output = run_deploy(sshd, target, sites.bigger)
    assert output.returncode == 0, output.stderr
    assert "Xoá phần tải lên dở" in output.stderr
    assert not [name for name in releases(target) if name.startswith(".")]
    assert_same_site(live(target), sites.bigger)


def test_an_unknown_host_key_is_refused(sshd, sites, tmp_path):
    """Host keys are always checked: a server with another key gets nothing."""
    target = tmp_path / "www"
    keygen(tmp_path / "other_host_key")
    other_key = (tmp_path / "other_host_key.pub").read_text().split()
    other = f"[127.0.0.1]:{sshd.port} {other_key[0]} {other_key[1]}"
    result = run_deploy(
        SshServer(sshd.user, sshd.port, sshd.client_key, other), target, sites.first
    )
    assert result.returncode != 0
    assert "không chuẩn bị được thư mục" in result.stderr
    assert not target.exists()
