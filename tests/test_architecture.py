"""The layout's promises, checked."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOMAIN_ROOTS = [ROOT / "platform", ROOT / "tenants", ROOT / "billing"]


def _python_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*.py") if "migrations" not in p.parts]


def test_import_platform_is_the_standard_library() -> None:
    import platform

    assert platform.system()  # the stdlib function, not our source folder
    assert not (ROOT / "platform" / "__init__.py").exists()
    assert "site-packages" not in (platform.__file__ or "") and platform.__file__.endswith(
        "platform.py"
    )


def test_domain_apps_never_import_the_api_layer() -> None:
    offenders = []
    for root in DOMAIN_ROOTS:
        for path in _python_files(root):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                if any(n == "api" or n.startswith("api.") for n in names):
                    offenders.append(str(path.relative_to(ROOT)))
    # config wires URLs, so it may name the API; no domain app may.
    offenders = [o for o in offenders if not o.startswith("platform/config/")]
    assert offenders == []


def test_every_app_says_what_it_owns() -> None:
    for app in ["core", "accounts", "tenants", "billing"]:
        module = importlib.import_module(f"{app}.apps")
        assert module.__doc__ and len(module.__doc__) > 40, app


def test_every_model_has_a_docstring() -> None:
    from django.apps import apps

    ours = {"core", "accounts", "tenants", "billing"}
    missing = [
        m.__name__
        for m in apps.get_models()
        if (m._meta.app_label in ours and not (m.__doc__ or "").strip())
        or (m._meta.app_label in ours and m.__doc__.startswith(m.__name__ + "("))
    ]
    assert missing == []
