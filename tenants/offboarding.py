"""Offboarding a firm (#14 §4): suspend → export → hand each estate's records to its committee →
delete after a grace period, the deletion recorded.

- `offboarding_start(firm=..., by=..., reason=...)` suspends the firm (its users are refused
  from that commit on, tenants.middleware) and records the offboarding (`writing`); then
  `offboarding_write` (inline for the command, a task through the outbox for the console)
  writes from one snapshot into the PLATFORM's storage
  (the public schema's prefix, `public/offboarding/<slug>/...`, which outlives the firm's
  schema and files):
  * the firm-wide archive (`exports.datasets.DATASETS`, as the firm's admin reads them), for
    the firm;
  * one handover archive per estate, for its committee (Civil Code art. 949: the owners'
    records go back to the owners): only the `handover=True` datasets, only that estate's rows
    (masked as the committee reads them), their files, each published statement's ledger chain,
    each published vote result and estate score in the formats `tools/verify_*.py` check, the
    platform's witness heads for the estate, the verifier scripts and a README in Chinese.
  Every archive's SHA-256 and size go on the `Offboarding` row (one per firm, ever: a second
  start is a 409, and so is reactivating the firm).
- `offboarding_delete(offboarding=..., by=...)` refuses before the archives are written or
  before `grace_until` (409); after both, drops the firm's schema, removes its domains, marks
  the row `deleted` (kept, so the public rows that name it — filings, support grants,
  billing, witness heads — keep their firm) and inserts the `FirmDeletion` record (who, when,
  the archives' hashes), which PostgreSQL refuses to update or delete. The firm's files are
  removed after the commit. No other firm's schema, rows or files are read or written.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from django.core.files.base import File
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context

from accounts.capabilities import ROLE_CAPABILITIES
from accounts.choices import Role
from core import clock
from core.db import current_schema, use_public_schema
from estates.selectors import PeopleMasking

from .backup import _storage_names
from .choices import FirmStatus, OffboardingStatus, ProvisioningStatus
from .exceptions import (
    FirmOffboarding,
    InvalidFirm,
    OffboardingGraceNotOver,
    OffboardingNotReady,
)
from .models import Domain, Firm, FirmDeletion, Offboarding

logger = logging.getLogger("linli.offboarding")

TOOLS = Path(__file__).resolve().parent.parent / "tools"
VERIFIERS = ("verify_ledger.py", "verify_vote.py", "verify_score.py")
DEFAULT_GRACE_DAYS = 30


@dataclass(frozen=True)
class Actor:
    """Who acts: a platform admin (public schema user) or, from the command line, nobody."""

    id: int | None = None
    email: str = ""


README = """邻里（Linli）小区档案移交包
================================

物业公司：{firm_name}
小区：{estate_name}（编号 {estate_code}，系统内编号 {estate_id}）
生成时间：{created_at}

依据《中华人民共和国民法典》第九百四十九条，物业服务合同终止时，物业服务人应当将
物业服务用房、相关设施、物业服务所必需的相关资料等交还给业主委员会。本压缩包是该物业
公司退出邻里平台时，平台为本小区业主委员会保留的业主相关档案。

目录
----
manifest.json        每个文件的大小和 SHA-256 校验值（以及每个数据集的行数）
data/*.csv, *.json   本小区的档案：小区、楼栋房屋、投诉报修及处理记录、业委会备案与名单、
                     巡查与整改、公共收益台账与公示报表、公告、服务评分、业主大会表决结果等。
                     CSV 可用 Excel 打开（UTF-8 编码）；JSON 内容相同，便于程序核对。
files/               上述记录所附的文件和照片
checks/ledger-statement-<编号>.jsonl   每期已公示报表对应的公共收益台账链（校验文件）
checks/vote-<编号>.json                 每次已公布表决结果的完整导出
checks/score-<编号>.json                每次已公布服务评分的完整导出
witness/heads.json   平台在每期报表公示时记录的台账链末端哈希（见证记录）。
                     物业公司的数据删除后，平台仍保留这些见证记录。
verify/              校验脚本（只用 Python 标准库，不联网）

如何校验（需要 Python 3.10 或更高版本）
--------------------------------------
1. 核对压缩包完整：manifest.json 中列出的每个文件的 SHA-256 应与文件一致。
   平台另行记录了整个压缩包的 SHA-256，可向平台索取核对。
2. 核对公共收益台账（每期报表一个文件）：
       python3 verify/verify_ledger.py checks/ledger-statement-<编号>.jsonl
   如需与公告二维码或 witness/heads.json 中的末端哈希比对，加上 --head 序号:哈希。
   退出码 0 表示全部一致，1 表示有不一致（会指出第一处），2 表示文件无法读取。
3. 重算业主大会表决结果：
       python3 verify/verify_vote.py checks/vote-<编号>.json [--receipt 您的投票回执码]
4. 重算服务评分（每次已公布的评分一个文件）：
       python3 verify/verify_score.py checks/score-<编号>.json

个人信息：手机号和证件号码按业委会在平台上看到的方式做了遮盖。投票选票、问卷答卷及
答题人不在本包中（平台从不导出）。
"""


def committee_masking() -> PeopleMasking:
    """The handover archive shows people as the committee reads them."""
    return PeopleMasking.for_capabilities(ROLE_CAPABILITIES[Role.COMMITTEE])


def _directory(firm: Firm, started_at: datetime) -> str:
    """A folder of this start's own: two starts at once (only one can win) never write, or on
    losing remove, archives under the same names, even within the same second."""
    stamp = f"{clock.local(started_at):%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}"
    return f"offboarding/{firm.slug}-{firm.pk}/{stamp}"


def _save_public(path: Path, name: str) -> dict[str, Any]:
    """Save the archive at `path` under `name` in the platform's storage; its facts."""
    from exports.archive import file_sha256

    with schema_context("public"), path.open("rb") as f:
        saved = default_storage.save(name, File(f, name=path.name))
    return {"name": saved, "sha256": file_sha256(path), "size": path.stat().st_size}


def _ledger_checks(estate_id: int) -> Iterator[tuple[str, bytes]]:
    """Each published statement's chain, in tools/verify_ledger.py's format ("linli-ledger/1"),
    as `disclosure.selectors.chain_export_lines` writes it for a reader who sees every published
    statement of the estate."""
    from disclosure import chain
    from disclosure.choices import StatementStatus
    from disclosure.models import Statement
    from disclosure.selectors import chain_rows
    from estates.models import Estate
    from witness.selectors import witnessed_heads

    schema = current_schema()
    estate = Estate.objects.get(pk=estate_id)
    published = list(
        Statement.objects.filter(
            estate_id=estate_id, status=StatementStatus.PUBLISHED, head_seq__isnull=False
        ).order_by("head_seq", "id")
    )
    witnesses = witnessed_heads(schema_name=schema, estate_id=estate_id)
    for statement in published:
        assert statement.head_seq is not None
        out = [
            {
                "type": "header",
                "format": "linli-ledger/1",
                "firm": schema,
                "estate": {"id": estate.pk, "code": estate.code, "name": estate.name},
                "genesis": chain.GENESIS,
                "statement": statement.pk,
            }
        ]
        for seq, pk, stored, text in chain_rows(estate_id=estate_id, upto_seq=statement.head_seq):
            out.append({"type": "line", "seq": seq, "id": pk, "hash": stored, "canonical": text})
        shown = {s.pk for s in published if (s.head_seq or 0) <= statement.head_seq}
        for item in published:
            if item.pk in shown:
                out.append(
                    {
                        "type": "head",
                        "source": "statement",
                        "statement": item.pk,
                        "period": f"{item.kind}:{item.period_start.isoformat()}",
                        "seq": item.head_seq,
                        "head": item.head_hash,
                    }
                )
        for witness in witnesses:
            if witness.statement_id in shown:
                out.append(
                    {
                        "type": "head",
                        "source": "witness",
                        "statement": witness.statement_id,
                        "seq": witness.head_seq,
                        "head": witness.head,
                    }
                )
        text = "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in out)
        yield f"checks/ledger-statement-{statement.pk}.jsonl", text.encode("utf-8")


def _vote_checks(estate_id: int) -> Iterator[tuple[str, bytes]]:
    from votes.models import Result

    for result in Result.objects.filter(vote__estate_id=estate_id).order_by("vote_id"):
        data = json.dumps(result.export, ensure_ascii=False, indent=1, sort_keys=True)
        yield f"checks/vote-{result.vote_id}.json", data.encode("utf-8")


def _score_checks(estate_id: int) -> Iterator[tuple[str, bytes]]:
    from scoring.models import EstateScore
    from scoring.selectors import score_export

    for score in EstateScore.objects.filter(estate_id=estate_id).order_by("pk"):
        data = json.dumps(score_export(score=score), ensure_ascii=False, indent=1)
        yield f"checks/score-{score.pk}.json", data.encode("utf-8")


def _witness_heads(schema_name: str, estate_id: int) -> bytes:
    from witness.selectors import witnessed_heads

    heads = [
        {
            "statement": w.statement_id,
            "seq": w.head_seq,
            "head": w.head,
            "published_at": w.published_at.isoformat(),
            "recorded_at": w.recorded_at.isoformat(),
        }
        for w in witnessed_heads(schema_name=schema_name, estate_id=estate_id)
    ]
    return json.dumps(heads, ensure_ascii=False, indent=1).encode("utf-8")


def _write_firm_archive(firm: Firm, tmp: Path, now: datetime) -> Path:
    from exports.archive import ArchiveWriter
    from exports.datasets import DATASETS
    from exports.services import firm_masking, write_datasets, write_files

    path = tmp / "firm.zip"
    writer = ArchiveWriter(path)
    with schema_context(firm.schema_name):
        counts: dict[str, Any] = write_datasets(writer, DATASETS, masking=firm_masking())
        files, missing = write_files(writer)
    counts["files"] = files
    writer.close(
        kind="firm",
        firm=firm.schema_name,
        created_at=now.isoformat(),
        counts=counts,
        missing_files=missing,
        offboarding=True,
    )
    return path


def _write_handover(firm: Firm, estate: Any, tmp: Path, now: datetime) -> Path:
    """One estate's archive for its committee (called inside the firm's schema)."""
    from exports.archive import ArchiveWriter
    from exports.datasets import DATASETS
    from exports.services import write_datasets, write_files

    handover = tuple(d for d in DATASETS if d.handover and d.estate is not None)
    path = tmp / f"estate-{estate.pk}.zip"
    writer = ArchiveWriter(path)
    counts: dict[str, Any] = write_datasets(
        writer, handover, masking=committee_masking(), estate_id=estate.pk
    )
    files, missing = write_files(writer, names={d.name for d in handover}, estate_id=estate.pk)
    counts["files"] = files
    checks = (*_ledger_checks(estate.pk), *_vote_checks(estate.pk), *_score_checks(estate.pk))
    for name, data in checks:
        writer.add_bytes(name, data)
    writer.add_bytes("witness/heads.json", _witness_heads(firm.schema_name, estate.pk))
    for script in VERIFIERS:
        writer.add_bytes(f"verify/{script}", (TOOLS / script).read_bytes())
    readme = README.format(
        firm_name=firm.name,
        estate_name=estate.name,
        estate_code=estate.code,
        estate_id=estate.pk,
        created_at=clock.local(now).strftime("%Y-%m-%d %H:%M"),
    )
    writer.add_bytes("README.txt", readme.encode("utf-8"))
    writer.close(
        kind="estate_handover",
        firm=firm.schema_name,
        firm_name=firm.name,
        estate={"id": estate.pk, "code": estate.code, "name": estate.name},
        created_at=now.isoformat(),
        counts=counts,
        missing_files=missing,
    )
    return path


WRITE_TASK = "tenants.offboarding_write"  # tenants.tasks


def offboarding_start(
    *,
    firm: Firm,
    by: Actor,
    reason: str,
    grace_days: int = DEFAULT_GRACE_DAYS,
    now: datetime | None = None,
    write: Literal["inline", "task"] = "inline",
) -> Offboarding:
    """Suspend the firm and record its offboarding (`writing`), in one transaction; then its
    archives are written, here (`inline`, the command) or by a task sent through the outbox
    (`task`, the console: a large firm's archives take longer than a web request may).
    Raises FirmOffboarding (409) when the firm is already offboarding or deleted, InvalidFirm
    (400) for the platform itself or no reason."""
    if firm.schema_name == "public":
        raise InvalidFirm(_("不能让平台本身退出。"))
    if firm.provisioning_status != ProvisioningStatus.READY:  # no schema to export
        raise InvalidFirm(_("该物业公司尚未开通完成，不能办理退出。"))
    if not reason.strip():
        raise InvalidFirm(fields={"reason": [_("请填写退出原因。")]})
    if grace_days < 0:
        raise InvalidFirm(fields={"grace_days": [_("宽限期不能为负数。")]})
    now = now or clock.now()
    # Suspended and recorded together: from this commit the firm's users are refused, so
    # nothing they write can be missing from the archives; a second start (waiting on the
    # firm's row lock) finds the record and is refused before it writes anything.
    try:
        with transaction.atomic():
            locked = Firm.all_objects.select_for_update().get(pk=firm.pk)
            ended = locked.status == FirmStatus.DELETED
            if ended or Offboarding.objects.filter(firm=firm).exists():
                raise FirmOffboarding()
            locked.status = FirmStatus.SUSPENDED
            locked.save(update_fields=["status", "updated_at"])
            record = Offboarding.objects.create(
                firm=locked,
                reason=reason.strip(),
                started_by_id=by.id,
                started_by_email=by.email,
                started_at=now,
                grace_until=now + timedelta(days=grace_days),
                status=OffboardingStatus.WRITING,
            )
            if write == "task":
                from outbox.services import outbox_send

                outbox_send(task=WRITE_TASK, args=[record.pk])
    except IntegrityError as exc:  # a concurrent start won
        raise FirmOffboarding() from exc
    firm.refresh_from_db()
    if write == "inline":
        offboarding_write(offboarding_id=record.pk)
        record.refresh_from_db()
    return record


def offboarding_write(*, offboarding_id: int) -> str:
    """Write an offboarding's archives from one snapshot (REPEATABLE READ) into a folder of
    their own, then record them (`ready`). Idempotent: a ready offboarding is left as it is, and
    of two runs at once the second to finish removes its own files. A failure removes what it
    wrote, records the error (`failed`) and raises, so the outbox tries again."""
    from estates.models import Estate

    record = Offboarding.objects.select_related("firm").get(pk=offboarding_id)
    if record.status == OffboardingStatus.READY:
        return record.status
    firm, now = record.firm, record.started_at
    saved: list[str] = []
    try:
        with transaction.atomic(), tempfile.TemporaryDirectory(prefix="linli-offboard-") as t:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            tmp = Path(t)
            base = _directory(firm, now)
            firm_archive = _save_public(
                _write_firm_archive(firm, tmp, now), f"{base}/firm-{firm.slug}.zip"
            )
            saved.append(firm_archive["name"])
            handovers: list[dict[str, Any]] = []
            with schema_context(firm.schema_name):
                for estate in list(Estate.objects.order_by("pk")):
                    path = _write_handover(firm, estate, tmp, now)
                    facts = _save_public(path, f"{base}/estate-{estate.pk}-{estate.code}.zip")
                    saved.append(facts["name"])
                    handovers.append(
                        {
                            "estate_id": estate.pk,
                            "estate_code": estate.code,
                            "estate_name": estate.name,
                            **facts,
                        }
                    )
        with transaction.atomic():
            locked = Offboarding.objects.select_for_update().get(pk=offboarding_id)
            if locked.status == OffboardingStatus.READY:  # another run recorded its own first
                _remove_public(saved)
                return locked.status
            locked.firm_archive, locked.handovers = firm_archive, handovers
            locked.status, locked.error = OffboardingStatus.READY, ""
            locked.archived_at = clock.now()
            locked.save(
                update_fields=["firm_archive", "handovers", "status", "error", "archived_at"]
            )
    except Exception as exc:
        _remove_public(saved)
        Offboarding.objects.filter(pk=offboarding_id).exclude(
            status=OffboardingStatus.READY
        ).update(status=OffboardingStatus.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000])
        raise
    logger.info("firm %s offboarding archives written, %d estates", firm.slug, len(handovers))
    return OffboardingStatus.READY


def _remove_public(names: list[str]) -> None:
    with schema_context("public"):
        for name in names:
            if default_storage.exists(name):
                default_storage.delete(name)


def _firm_files(schema_name: str) -> list[str]:
    with schema_context(schema_name):
        return list(_storage_names())


def _remove_firm_files(schema_name: str) -> None:
    with schema_context(schema_name):
        for name in _storage_names():
            default_storage.delete(name)
        if isinstance(default_storage, FileSystemStorage):  # the emptied directories too
            shutil.rmtree(default_storage.location, ignore_errors=True)


def offboarding_delete(
    *, offboarding: Offboarding, by: Actor, now: datetime | None = None
) -> FirmDeletion:
    """Drop the firm's schema and files once the grace period is over. Raises
    OffboardingGraceNotOver (409) before `grace_until`, FirmOffboarding (409) once deleted."""
    now = now or clock.now()
    with transaction.atomic():
        record = Offboarding.objects.select_for_update().get(pk=offboarding.pk)
        firm = Firm.all_objects.select_for_update().get(pk=record.firm_id)
        if firm.status == FirmStatus.DELETED or FirmDeletion.objects.filter(firm=firm).exists():
            raise FirmOffboarding()
        if record.status != OffboardingStatus.READY:  # the committees' archives come first
            raise OffboardingNotReady()
        if now < record.grace_until:
            raise OffboardingGraceNotOver()
        schema = firm.schema_name
        files = _firm_files(schema)
        use_public_schema()
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = %s", [schema])
            row = cursor.fetchone()
            tables = int(row[0]) if row else 0
            cursor.execute(f"DROP SCHEMA IF EXISTS {connection.ops.quote_name(schema)} CASCADE")
        Domain.objects.filter(tenant=firm).delete()
        firm.status = FirmStatus.DELETED
        firm.next_due_at = None
        firm.save(update_fields=["status", "next_due_at", "updated_at"])
        deletion = FirmDeletion.objects.create(
            offboarding=record,
            firm=firm,
            slug=firm.slug,
            schema_name=schema,
            deleted_by_id=by.id,
            deleted_by_email=by.email,
            deleted_at=now,
            tables=tables,
            files=len(files),
            archives={"firm": record.firm_archive, "handovers": record.handovers},
        )
        transaction.on_commit(lambda: _remove_firm_files(schema))
    logger.info("firm %s deleted (%d tables, %d files)", firm.slug, tables, len(files))
    return deletion
