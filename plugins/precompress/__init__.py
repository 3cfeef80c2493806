"""Precompressed copies (.gz, .br) of the site's text files, for nginx's gzip_static.

The web server then sends a file's compressed bytes as they are instead of compressing
each response again; the copies are deterministic, so two builds give the same bytes.
"""

from .plugin import register

__all__ = ["register"]
