"""The engine and the fan-out import at module level only, and tenants' services and tasks
do not import each other in a circle (issue #8 §6)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODULES = [
    ROOT / "tenants" / "services.py",
    ROOT / "tenants" / "tasks.py",
    ROOT / "tenants" / "provisioning.py",
    ROOT / "tenants" / "fanout.py",
    *sorted((ROOT / "platform" / "deadlines").glob("*.py")),
    ROOT / "platform" / "complaints" / "deadlines.py",
    ROOT / "platform" / "complaints" / "tasks.py",
    ROOT / "platform" / "complaints" / "services" / "clocks.py",
    ROOT / "platform" / "complaints" / "services" / "escalations.py",
]


def _imports(path: Path, *, local_only: bool) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom | ast.Import):
            continue
        if local_only and node.col_offset == 0:
            continue
        if isinstance(node, ast.ImportFrom):
            found.add("." * node.level + (node.module or ""))
        else:
            found.update(alias.name for alias in node.names)
    return found


def test_no_function_local_imports_hide_a_cycle() -> None:
    offenders = {p.name: _imports(p, local_only=True) for p in MODULES}
    assert {name: found for name, found in offenders.items() if found} == {}


def test_tenants_tasks_do_not_import_tenants_services() -> None:
    tasks = _imports(ROOT / "tenants" / "tasks.py", local_only=False)
    provisioning = _imports(ROOT / "tenants" / "provisioning.py", local_only=False)
    assert ".services" not in tasks and "tenants.services" not in tasks
    assert ".services" not in provisioning and ".tasks" not in provisioning
