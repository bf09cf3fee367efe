"""The layout's promises, checked for every app of ours (new apps are picked up by themselves:
anything in INSTALLED_APPS whose code lives in this repository)."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOMAIN_ROOTS = [ROOT / "platform", ROOT / "tenants", ROOT / "billing"]

FORBIDDEN = {"views", "serializers", "urls", "signals", "utils", "helpers", "misc", "common"}


def _python_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*.py") if "migrations" not in p.parts]


def our_apps() -> dict[str, Path]:
    """label -> folder of every installed app whose code is in this repository."""
    from django.apps import apps

    return {
        config.label: Path(config.path)
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(ROOT)
        and ".venv" not in Path(config.path).parts
    }


def test_import_platform_is_the_standard_library() -> None:
    import platform

    assert platform.system()  # the stdlib function, not our source folder
    assert not (ROOT / "platform" / "__init__.py").exists()
    assert "site-packages" not in (platform.__file__ or "") and platform.__file__.endswith(
        "platform.py"
    )


def test_the_apps_found_are_the_ones_we_wrote() -> None:
    assert {"core", "accounts", "tenants", "billing", "estates", "complaints"} <= set(our_apps())
    assert "rest_framework" not in our_apps()


def test_domain_apps_never_import_the_api_layer() -> None:
    offenders = []
    roots = {*DOMAIN_ROOTS, *our_apps().values()}
    for root in roots:
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
    # config wires URLs and middleware, so it may name the API; no domain app may.
    offenders = sorted({o for o in offenders if not o.startswith("platform/config/")})
    assert offenders == []


def test_every_app_says_what_it_owns() -> None:
    short = []
    for label in our_apps():
        module = importlib.import_module(f"{label}.apps")
        if not (module.__doc__ and len(module.__doc__) > 40):
            short.append(label)
    assert short == []


def test_every_model_has_a_docstring() -> None:
    from django.apps import apps

    ours = set(our_apps())
    missing = [
        m.__name__
        for m in apps.get_models()
        if m._meta.app_label in ours
        and (not (m.__doc__ or "").strip() or m.__doc__.startswith(m.__name__ + "("))
    ]
    assert missing == []


def test_every_services_module_says_what_it_does() -> None:
    missing = []
    for folder in our_apps().values():
        candidates = [folder / "services.py", *sorted((folder / "services").glob("*.py"))]
        for path in candidates:
            if path.exists() and not ast.get_docstring(ast.parse(path.read_text("utf-8"))):
                missing.append(str(path.relative_to(ROOT)))
    assert missing == []


def test_every_app_has_the_house_shape() -> None:
    """CONTRIBUTING "One app, one shape": apps.py, migrations with models, and none of the
    modules that belong elsewhere (HTTP in api/, no business flow in signals, no grab-bags)."""
    problems = []
    for label, folder in our_apps().items():
        if not (folder / "apps.py").exists():
            problems.append(f"{label}: no apps.py")
        if (folder / "models.py").exists() and not (folder / "migrations").is_dir():
            problems.append(f"{label}: models without migrations")
        for entry in folder.iterdir():
            name = entry.stem if entry.suffix == ".py" else entry.name
            if name in FORBIDDEN:
                problems.append(f"{label}: {entry.name} does not belong in a domain app")
    assert problems == []


def test_ruff_knows_every_app_as_first_party() -> None:
    """Imports sort the same everywhere only if ruff knows each app (platform/ is not a
    package it can discover)."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    known = set(config["tool"]["ruff"]["lint"]["isort"]["known-first-party"])
    assert set(our_apps()) - known == set()
    assert {"api", "config", "tests"} <= known


def _chain(node: ast.AST) -> list[ast.Call]:
    """The calls of a method chain `a.b(...).c(...)`, outermost first."""
    calls = []
    while True:
        if isinstance(node, ast.Call):
            calls.append(node)
            node = node.func
        elif isinstance(node, ast.Attribute):
            node = node.value
        else:
            return calls


def test_a_row_lock_with_a_join_locks_only_its_own_rows() -> None:
    """`select_for_update()` with `select_related()` locks the joined rows too (PostgreSQL's FOR
    UPDATE covers every table in the FROM): a sweep locking one request would lock its estate,
    and SKIP LOCKED would then pass over every other request of that estate. Every such chain
    names `of=("self",)`."""
    offenders = []
    for root in {*DOMAIN_ROOTS, *our_apps().values()}:
        for path in _python_files(root):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                calls = _chain(node)
                names = {c.func.attr: c for c in calls if isinstance(c.func, ast.Attribute)}
                lock = names.get("select_for_update")
                if lock is None or "select_related" not in names:
                    continue
                if not any(k.arg == "of" for k in lock.keywords):
                    offenders.append(f"{path.relative_to(ROOT)}:{lock.lineno}")
    assert not offenders, sorted(set(offenders))
