"""An undo journal for a build that writes into the live output folder.

A build changes only the files its change needs, in place in output/, each by a rename
(portal/output.py). Before a file is replaced or removed, its old version is hard-linked
into the journal folder beside the output (output.undo/); a file or folder that did not
exist is listed in the journal's CREATED file. A build that fails rolls back: what it
created is removed and every old version is put back, so the output is the last good
site again. A build that is killed leaves its journal, and the next one (holding the
same lock) rolls it back before starting. A build that succeeds deletes its journal.
All of this costs in proportion to what changed, not to the size of the site.
"""

import os
import shutil
from pathlib import Path

CREATED = ".created"


class Journal:
    def __init__(self, output: Path, folder: Path):
        self.output = Path(os.path.realpath(output))
        self.folder = folder
        self.saved: set[str] = set()
        self.folder.mkdir(parents=True, exist_ok=True)
        self._created = open(self.folder / CREATED, "a", encoding="utf-8")  # noqa: SIM115

    def _relative(self, path: Path) -> str:
        return os.path.relpath(path, self.output)

    def before_write(self, path: Path) -> None:
        """path is about to be replaced (or created): keep what it was."""
        relative = self._relative(path)
        if relative in self.saved:
            return
        self.saved.add(relative)
        if os.path.lexists(path):
            kept = self.folder / relative
            kept.parent.mkdir(parents=True, exist_ok=True)
            os.link(path, kept, follow_symlinks=False)
        else:
            self._created.write(relative + "\n")
            self._created.flush()

    def remove(self, path: Path) -> None:
        """A file the build no longer produces."""
        self.before_write(path)
        os.unlink(path)

    def replace_folder(self, new: Path, target: Path) -> None:
        """A folder written whole elsewhere (Pagefind's) takes the place of target."""
        relative = self._relative(target)
        if target.exists():
            kept = self.folder / relative
            kept.parent.mkdir(parents=True, exist_ok=True)
            target.rename(kept)
        self._created.write(relative + "\n")
        self._created.flush()
        self.saved.add(relative)
        new.rename(target)

    def close(self) -> None:
        self._created.close()

    def commit(self) -> None:
        self.close()
        shutil.rmtree(self.folder)


def roll_back(output: Path, folder: Path) -> None:
    """Undo a journal: remove what the build created, put back what it replaced."""
    output = Path(os.path.realpath(output))
    created = folder / CREATED
    if created.exists():
        for relative in created.read_text(encoding="utf-8").splitlines():
            path = output / relative
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            elif os.path.lexists(path):
                os.unlink(path)
        created.unlink()
    for current, _subfolders, names in os.walk(folder):
        for name in names:
            kept = Path(current, name)
            target = output / kept.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(kept, target)
    # Folders saved whole (Pagefind's) were moved back file by file above; what is left
    # of the journal is empty folders.
    shutil.rmtree(folder)
    # Folders the build made for its new files: a good site has no empty folder (each
    # build removes them), so every empty one is the failed build's.
    for current, _subfolders, names in os.walk(output, topdown=False):
        if current != str(output) and not names and not os.listdir(current):
            os.rmdir(current)
