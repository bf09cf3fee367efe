"""Writing an archive: a zip whose `manifest.json` lists every other member with its size and
SHA-256 (and, for datasets, its row count), so whoever receives it can check it offline."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from typing import IO, Any

MANIFEST = "manifest.json"
FORMAT = "linli-archive/1"


class ArchiveWriter:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.zip = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED)
        self.members: dict[str, dict[str, Any]] = {}

    def add_bytes(self, name: str, data: bytes, **facts: Any) -> None:
        self.zip.writestr(name, data)
        self.members[name] = {
            "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            **facts,
        }

    def add_stream(self, name: str, source: IO[bytes]) -> None:
        digest = hashlib.sha256()
        size = 0
        with self.zip.open(name, "w", force_zip64=True) as out:
            for chunk in iter(lambda: source.read(1 << 20), b""):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
        self.members[name] = {"size": size, "sha256": digest.hexdigest()}

    def close(self, **header: Any) -> dict[str, Any]:
        """Write the manifest and close; returns the manifest."""
        manifest = {"format": FORMAT, **header, "members": self.members}
        self.zip.writestr(
            MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True)
        )
        self.zip.close()
        return manifest


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check(path: Path) -> list[str]:
    """The members whose bytes do not match the manifest (empty: the archive is intact)."""
    bad: list[str] = []
    with zipfile.ZipFile(path) as z:
        manifest = json.loads(z.read(MANIFEST))
        for name, facts in manifest["members"].items():
            if hashlib.sha256(z.read(name)).hexdigest() != facts["sha256"]:
                bad.append(name)
    return bad
