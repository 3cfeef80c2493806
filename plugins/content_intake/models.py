"""What the content checks report: each problem with its file and line, and the totals."""

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from portal.models import ContentFile


@dataclass(frozen=True, order=True)
class Problem:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # shown, never stop the build
    scheduled: list[tuple[datetime, Path, str]] = field(default_factory=list)  # date, file, title
    files: list[ContentFile] = field(default_factory=list)  # everything the build may read
    checked: int = 0  # files looked at, refused ones included
