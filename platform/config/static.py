"""WhiteNoise, reading the built frontend once per process rather than once per handler.

Django builds the middleware chain for every handler it makes: once per gunicorn worker, but
also once per test client, and WhiteNoise's finders scan (every file of frontend/dist with its
.br and .gz twins, a stat each) cost ~40 ms every time. The files found are kept per process,
keyed by the static settings and the modification times of the folders the finders read (a
new build replaces files in them, so it changes the key and is read afresh).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, ClassVar

from django.conf import settings
from whitenoise.middleware import WhiteNoiseMiddleware as BaseWhiteNoiseMiddleware


def _folder_times(folder: Path) -> tuple[tuple[str, int], ...]:
    """The folder's and its direct subfolders' modification times (assets/ sits one down)."""
    try:
        entries = [folder, *(p for p in folder.iterdir() if p.is_dir())]
        return tuple((str(p), os.stat(p).st_mtime_ns) for p in entries)
    except OSError:
        return ((str(folder), -1),)


class WhiteNoiseMiddleware(BaseWhiteNoiseMiddleware):
    found: ClassVar[dict[tuple[Any, ...], dict[str, Any]]] = {}

    def _key(self) -> tuple[Any, ...]:
        folders = [Path(entry[1] if isinstance(entry, tuple) else entry)
                   for entry in settings.STATICFILES_DIRS]  # fmt: skip
        return (
            self.static_prefix,
            self.max_age,
            tuple(settings.STATICFILES_FINDERS),
            tuple(times for folder in folders for times in _folder_times(folder)),
        )

    def add_files_from_finders(self) -> None:
        key = self._key()
        files = self.found.get(key)
        if files is None:
            before = dict(self.files)
            super().add_files_from_finders()
            files = {url: f for url, f in self.files.items() if before.get(url) is not f}
            self.found.clear()  # only the current build is worth keeping
            self.found[key] = files
        else:
            self.files.update(files)
