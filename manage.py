#!/usr/bin/env python
"""Django's command-line entry point for Linli.

platform/ is a source root with no __init__.py: it goes on sys.path so its apps import by
their own names (config, core, accounts) without shadowing the standard library's
``platform`` module.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def main() -> None:
    root = Path(__file__).resolve().parent
    for path in (str(root), str(root / "platform")):
        if path not in sys.path:
            sys.path.insert(0, path)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
