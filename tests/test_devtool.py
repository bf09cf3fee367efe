"""Unit tests for dev.py's pure helpers (no database, no services, no network)."""

from __future__ import annotations

import importlib.util
import socket
import sys
from pathlib import Path

import dj_database_url
import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load_devtool():
    spec = importlib.util.spec_from_file_location("linli_devtool", ROOT / "dev.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while decorating
    spec.loader.exec_module(module)
    return module


dev = _load_devtool()


# --- stamps -------------------------------------------------------------------------------


def test_pip_stamp_skips_when_unchanged_and_reinstalls_when_pyproject_changes(tmp_path):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "linli"\ndependencies = ["Django==5.2.19"]\n')
    stamp = tmp_path / ".linli" / "stamps" / "pip-install"
    installs: list[str] = []

    def install() -> int:
        installs.append(pyproject.read_text())
        return 0

    def attempt() -> tuple[bool, int]:
        return dev.run_if_stale(stamp, dev.file_sha256(pyproject), install)

    assert attempt() == (True, 0)  # first run: no stamp
    assert stamp.read_text().strip() == dev.file_sha256(pyproject)
    assert attempt() == (False, 0)  # unchanged: skipped
    assert attempt() == (False, 0)
    assert len(installs) == 1

    pyproject.write_text(pyproject.read_text().replace("5.2.19", "5.2.20"))
    assert attempt() == (True, 0)  # pyproject changed: install again
    assert len(installs) == 2
    assert attempt() == (False, 0)


def test_stamp_not_written_when_the_action_fails(tmp_path):
    stamp = tmp_path / "stamp"
    assert dev.run_if_stale(stamp, "abc", lambda: 1) == (True, 1)
    assert not stamp.exists()
    assert dev.run_if_stale(stamp, "abc", lambda: 0) == (True, 0)  # retried, not skipped


def test_missing_output_forces_the_step_even_with_a_matching_stamp(tmp_path):
    stamp = tmp_path / "stamp"
    dev.write_stamp(stamp, "abc")
    calls: list[int] = []

    def action() -> int:
        calls.append(1)
        return 0

    assert dev.run_if_stale(stamp, "abc", action, target_ok=True) == (False, 0)
    assert dev.run_if_stale(stamp, "abc", action, target_ok=False) == (True, 0)
    assert calls == [1]
    assert dev.needs_refresh(None, "abc")
    assert dev.needs_refresh("abd", "abc")
    assert not dev.needs_refresh("abc", "abc")


def test_frontend_build_digest_follows_sources_not_outputs(tmp_path):
    fe = tmp_path / "frontend"
    (fe / "src" / "pages").mkdir(parents=True)
    (fe / "src" / "main.tsx").write_text("render()")
    (fe / "src" / "pages" / "Home.tsx").write_text("export default 1")
    (fe / "index.html").write_text("<div id=root>")
    (fe / "vite.config.ts").write_text("export default {}")
    (fe / "package-lock.json").write_text("{}")
    (fe / "node_modules" / "x").mkdir(parents=True)
    (fe / "node_modules" / "x" / "index.js").write_text("1")
    (fe / "dist").mkdir()
    (fe / "dist" / "index.html").write_text("built")

    inputs = dev.frontend_build_inputs(fe)
    names = {p.relative_to(fe).as_posix() for p in inputs}
    assert names == {
        "src/main.tsx",
        "src/pages/Home.tsx",
        "index.html",
        "vite.config.ts",
        "package-lock.json",
    }

    def digest() -> str:
        return dev.files_sha256(dev.frontend_build_inputs(fe), fe)

    before = digest()
    (fe / "dist" / "index.html").write_text("rebuilt")
    (fe / "node_modules" / "x" / "index.js").write_text("2")
    (fe / "vite.config.ts.timestamp-123.mjs").write_text("temp")
    assert digest() == before
    (fe / "src" / "pages" / "Home.tsx").write_text("export default 2")
    assert digest() != before
    changed = digest()
    (fe / "src" / "pages" / "About.tsx").write_text("new page")
    assert digest() != changed


def test_installed_node_modules_matching_the_lock_file():
    lock = {
        "packages": {
            "": {"name": "linli-frontend"},
            "node_modules/react": {"version": "19.3.1"},
            "node_modules/@rolldown/binding-darwin-arm64": {"version": "1.0.0", "optional": True},
        }
    }
    installed = {"packages": {"node_modules/react": {"version": "19.3.1"}}}
    assert dev.installed_tree_matches_lock(lock, installed)
    assert not dev.installed_tree_matches_lock(
        lock, {"packages": {"node_modules/react": {"version": "19.3.0"}}}
    )
    assert not dev.installed_tree_matches_lock(lock, {"packages": {}})
    assert not dev.installed_tree_matches_lock(
        lock,
        {
            "packages": {
                "node_modules/react": {"version": "19.3.1"},
                "node_modules/left-pad": {"version": "1.0.0"},
            }
        },
    )
    assert not dev.installed_tree_matches_lock({"packages": {"": {}}}, {"packages": {}})


# --- service selection --------------------------------------------------------------------


class Probe:
    def __init__(self, open_ports: set[tuple[str, int]]):
        self.open_ports = open_ports
        self.calls: list[tuple[str, int]] = []

    def __call__(self, host: str, port: int) -> bool:
        self.calls.append((host, port))
        return (host, port) in self.open_ports


def choose(env_url, probe, use_machine=True):
    return dev.choose_service(
        env_url,
        machine_url=dev.MACHINE_PG_URL,
        machine_addr=dev.MACHINE_PG,
        probe=probe,
        use_machine=use_machine,
    )


def test_service_selection_prefers_the_environment_variable():
    probe = Probe({dev.MACHINE_PG})
    choice = choose("postgresql://u@db.example/x", probe)
    assert choice == dev.ServiceChoice("env", "postgresql://u@db.example/x")
    assert probe.calls == []


def test_service_selection_uses_the_machine_port_when_it_answers():
    probe = Probe({dev.MACHINE_PG})
    assert choose(None, probe) == dev.ServiceChoice("machine", dev.MACHINE_PG_URL)
    assert choose("", probe).kind == "machine"  # an empty variable counts as unset
    assert probe.calls[0] == ("127.0.0.1", 5432)


def test_service_selection_falls_back_to_embedded():
    probe = Probe(set())
    assert choose(None, probe) == dev.ServiceChoice("embedded")
    assert probe.calls == [("127.0.0.1", 5432)]


def test_run_mode_never_uses_the_machine_server():
    probe = Probe({dev.MACHINE_PG})
    assert choose(None, probe, use_machine=False) == dev.ServiceChoice("embedded")
    assert probe.calls == []


def test_redis_selection_uses_its_own_port():
    probe = Probe({dev.MACHINE_REDIS})
    choice = dev.choose_service(
        None,
        machine_url=dev.MACHINE_REDIS_URL,
        machine_addr=dev.MACHINE_REDIS,
        probe=probe,
        use_machine=True,
    )
    assert choice == dev.ServiceChoice("machine", "redis://127.0.0.1:6379/0")


def test_port_open_probe_against_a_real_socket():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        assert dev.port_open("127.0.0.1", port)
    assert not dev.port_open("127.0.0.1", port)


# --- URLs and environments ----------------------------------------------------------------


def test_socket_database_url_is_understood_by_dj_database_url():
    url = dev.pg_socket_url("/work/main/.linli/pg", "linli")
    assert url == "postgresql://postgres@%2Fwork%2Fmain%2F.linli%2Fpg/linli"
    parsed = dj_database_url.parse(url)
    assert parsed["HOST"] == "/work/main/.linli/pg"
    assert parsed["NAME"] == "linli"
    assert parsed["USER"] == "postgres"
    assert parsed["PORT"] == ""


def test_socket_database_url_keeps_capitals_and_port():
    # dj-database-url lowercases the host part, so such paths travel as ?host=
    url = dev.pg_socket_url("/Users/Wang/linli/.linli/pg", "linli", port=5433)
    parsed = dj_database_url.parse(url)
    assert parsed["OPTIONS"]["host"] == "/Users/Wang/linli/.linli/pg"
    assert parsed["PORT"] == 5433
    assert parsed["NAME"] == "linli"


def test_pytest_env(tmp_path):
    base = {
        "PATH": "/usr/bin",
        "PLAYWRIGHT_BROWSERS_PATH": "/somewhere",
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "HOME": "/root",
    }
    env = dev.pytest_env(base, root=tmp_path, database_url="postgresql://x/linli", redis_url="r")
    assert "PLAYWRIGHT_BROWSERS_PATH" not in env
    assert "DJANGO_SETTINGS_MODULE" not in env  # pyproject's config.settings.test applies
    assert env["CHROMIUM_PATH"] == "/usr/bin/chromium"
    assert env["PYTHONPATH"] == f"{tmp_path}:{tmp_path / 'platform'}"
    assert env["DATABASE_URL"] == "postgresql://x/linli"
    assert env["REDIS_URL"] == "r"
    assert env["PATH"].startswith(str(tmp_path / ".venv" / "bin"))
    assert env["HOME"] == "/root"
    assert base["PLAYWRIGHT_BROWSERS_PATH"] == "/somewhere"  # the caller's dict is untouched


def test_django_env_for_run(tmp_path):
    env = dev.django_env({}, root=tmp_path, database_url="d", redis_url="r", port=8001)
    assert env["DJANGO_SETTINGS_MODULE"] == "config.settings.local"
    assert env["LINLI_DATA_DIR"] == str(tmp_path / ".linli")
    assert env["LINLI_SITE_PORT"] == "8001"
    assert env["PYTHONPATH"] == f"{tmp_path}:{tmp_path / 'platform'}"


def test_child_commands():
    assert dev.web_command("py", 8001) == [
        "py",
        "manage.py",
        "runserver",
        "0.0.0.0:8001",
        "--noreload",
    ]
    assert dev.worker_command("celery")[1:] == [
        "-A",
        "config.celery",
        "worker",
        "-l",
        "info",
        "--concurrency",
        "2",
    ]
    assert dev.beat_command("celery", Path("/x/s"))[-2:] == ["--schedule", "/x/s"]


# --- summary and exit status --------------------------------------------------------------


def test_summary_passes_when_every_step_passed():
    text, status = dev.summarize(
        [
            dev.StepResult("ruff check", 0, 1.0),
            dev.StepResult("pytest", 0, 12.5),
            dev.StepResult("npm test", None, note="frontend/package.json does not exist yet"),
        ]
    )
    assert status == 0
    assert "all steps passed" in text
    assert "skipped" in text


def test_summary_fails_when_any_step_failed():
    text, status = dev.summarize(
        [
            dev.StepResult("ruff check", 1, 1.0),
            dev.StepResult("ruff format", 0, 0.5),
            dev.StepResult("pytest", 0, 3.0),
        ]
    )
    assert status != 0
    assert "FAILED: ruff check" in text


def test_pytest_exit_5_no_tests_counts_as_failure():
    result = dev.StepResult("pytest", 5, 0.8)
    assert result.failed
    text, status = dev.summarize([dev.StepResult("ruff check", 0), result])
    assert status != 0
    assert "no tests were collected" in text


@pytest.mark.parametrize("rc", [1, 2, 4, -15])
def test_other_non_zero_exits_fail(rc):
    assert dev.StepResult("x", rc).failed
    assert dev.summarize([dev.StepResult("x", rc)])[1] == 1


# --- argument handling and small decisions ------------------------------------------------


def test_split_passthrough():
    assert dev.split_passthrough(["--", "-k", "foo"]) == ([], ["-k", "foo"])
    assert dev.split_passthrough([]) == ([], [])
    assert dev.split_passthrough(["x", "--", "--", "y"]) == (["x"], ["--", "y"])


def test_parse_port():
    assert dev.parse_port([]) == 8000
    assert dev.parse_port(["--port", "8001"]) == 8001
    assert dev.parse_port(["--port=8002"]) == 8002
    with pytest.raises(SystemExit):
        dev.parse_port(["--bogus"])


def test_chromium_action():
    assert dev.chromium_action(present=True, is_root=False) == "ok"
    assert dev.chromium_action(present=False, is_root=True) == "install"
    assert dev.chromium_action(present=False, is_root=False) == "fail"


def test_bench_script_lookup(tmp_path):
    (tmp_path / "bench" / "firm_creation").mkdir(parents=True)
    (tmp_path / "bench" / "firm_creation" / "run.py").write_text("")
    (tmp_path / "bench" / "celery_rtt.py").write_text("")
    assert dev.bench_script(tmp_path, "firm_creation") == (
        tmp_path / "bench" / "firm_creation" / "run.py"
    )
    assert dev.bench_script(tmp_path, "celery_rtt") == tmp_path / "bench" / "celery_rtt.py"
    assert dev.bench_script(tmp_path, "nope") is None


def test_banner_repeats_seed_demo_logins_not_its_other_output():
    seed = ["Subject: invitation\n", "http://demo.localhost:8000/invite/x\n", "Demo logins:\n"]
    seed += ["  admin@linli.local / pw\n"]
    text = "\n".join(dev.banner_lines(8000, seed, "embedded"))
    assert "admin@linli.local / pw" in text
    assert "invitation" not in text


def test_banner_lists_urls_and_seed_output():
    lines = dev.banner_lines(8001, ["Demo logins:\n", "  admin@demo / pw\n"], "embedded")
    text = "\n".join(lines)
    assert "http://localhost:8001/" in text
    assert "http://demo.localhost:8001/" in text
    assert "http://localhost:8001/api/docs/" in text
    assert "admin@demo / pw" in text


def test_prune_dead_handles(tmp_path):
    handles = tmp_path / ".handle_pids.json"
    dead = 2**22 + 12345  # above pid_max's default: never a live process
    handles.write_text(f"[{dead}, {dev.os.getpid()}]")
    dev.prune_dead_handles(handles)
    assert handles.read_text() == f"[{dev.os.getpid()}]"


# --- translations -------------------------------------------------------------------------

PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: en\\n"

msgid "未找到。"
msgstr "Not found."

#, python-format
msgid "最多 %(n)d 层。"
msgstr "{translation}"
"""


def _catalogue(root: Path, where: str, translation: str = "At most %(n)d levels.") -> Path:
    po = root / where / "en" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text(PO.format(translation=translation), encoding="utf-8")
    return po


def test_catalogues_are_found_at_the_root_and_in_apps_but_not_in_the_venv(tmp_path):
    root_po = _catalogue(tmp_path, "locale")
    app_po = _catalogue(tmp_path, "platform/estates/locale")
    _catalogue(tmp_path, ".venv/lib/site-packages/x/locale")
    _catalogue(tmp_path, "frontend/node_modules/y/locale")
    assert [po for po, _ in dev.catalogues(tmp_path)] == sorted([root_po, app_po])


def test_a_catalogue_compiles_once_and_again_when_it_changes(tmp_path):
    import gettext
    import os

    po = _catalogue(tmp_path, "locale")
    mo = po.with_suffix(".mo")
    assert dev.stale_catalogues(tmp_path) == [(po, mo)]
    assert dev.compile_catalogues(tmp_path) == []
    assert gettext.GNUTranslations(mo.open("rb")).gettext("未找到。") == "Not found."
    assert dev.stale_catalogues(tmp_path) == []
    later = mo.stat().st_mtime + 10
    os.utime(po, (later, later))
    assert dev.stale_catalogues(tmp_path) == [(po, mo)]


def test_a_translation_with_a_wrong_placeholder_is_refused(tmp_path):
    po = _catalogue(tmp_path, "locale", translation="At most %(m)d levels.")
    problems = dev.compile_catalogues(tmp_path)
    assert problems and "最多" in problems[0]
    assert not po.with_suffix(".mo").exists()
