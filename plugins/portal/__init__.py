"""The portal's backbone: what the plugins hand each other, and where the build may write.

models.py holds the typed records one plugin gives another (a content file and its role,
...); output.py keeps every file the build writes inside the output folder. Every other
plugin may import these; this package imports no other plugin but vntext.
"""

from .plugin import register

__all__ = ["register"]
