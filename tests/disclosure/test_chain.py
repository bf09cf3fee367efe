"""The chain format: the pure functions, and PostgreSQL's canonical text (used by verification
and the export) byte for byte equal to chain.py's (used when posting), on awkward text."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from disclosure import chain

from .conftest import PDF, posted

AWKWARD = [
    '引号" 反斜杠\\ 斜杠/ 换行\n回车\r制表\t',
    "控制字符 \x01\x1f 退格\b 换页\f DEL\x7f",
    "emoji 🏠 与 U+2028\u2028 及全角，标点。",
    "",
]


def test_amounts_are_text_with_two_decimals_and_floats_are_refused():
    assert chain.amount_text(Decimal("1200")) == "1200.00"
    assert chain.amount_text(Decimal("-35.5")) == "-35.50"
    with pytest.raises(ValueError):
        chain.amount_text(Decimal("1.005"))
    with pytest.raises(TypeError):
        chain.amount_text(1.5)  # type: ignore[arg-type]


def test_the_documented_example_hashes_as_documented():
    obj = chain.canonical_object(
        seq=1,
        estate=7,
        kind="income",
        category="advertising",
        occurred_on=date(2026, 10, 5),
        amount=Decimal("1200.00"),
        counterparty="分众传媒",
        description="电梯广告",
        decision=None,
        reverses=None,
        attachments=["receipt:" + "b" * 64, "contract:" + "a" * 64],
    )
    text = chain.canonical_text(obj)
    assert text == (
        '{"amount":"1200.00","attachments":["contract:' + "a" * 64 + '","receipt:' + "b" * 64
        + '"],"category":"advertising","counterparty":"分众传媒","date":"2026-10-05",'
        '"decision":null,"description":"电梯广告","estate":7,"kind":"income","reverses":null,'
        '"seq":1}'
    )  # fmt: skip
    import hashlib

    expected = hashlib.sha256(("0" * 64 + text).encode("utf-8")).hexdigest()
    assert chain.link(chain.GENESIS, text.encode("utf-8")) == expected
    assert list(json.loads(text)) == list(chain.KEYS)


def test_postgres_writes_the_same_canonical_bytes_as_python_on_awkward_text(a1):
    from disclosure import services
    from disclosure.selectors import chain_rows
    from disclosure.uploads import Upload

    estate, manager = a1["estate"], a1["manager"]
    decision = services.decision_record(
        user=manager,
        estate=estate,
        title="业主大会决议",
        description="",
        decided_on=date(2026, 9, 1),
        document=Upload(name="d.pdf", content_type="application/pdf", data=PDF),
    )
    lines = []
    for text in AWKWARD:
        draft = services.line_draft(
            user=manager,
            estate=estate,
            kind="expense",
            category="repairs",
            occurred_on=date(2026, 10, 2),
            amount=Decimal("12.30"),
            counterparty=text,
            description=text[::-1],
            decision_id=decision.pk,
        )
        for kind, data in (("receipt", PDF + b"1"), ("contract", PDF + b"2")):
            services.attachment_add(
                user=manager,
                line=draft,
                kind=kind,
                upload=Upload(name="x.pdf", content_type="application/pdf", data=data),
            )
        lines.append(services.line_post(user=manager, line=draft))
    first = lines[0]
    lines.append(services.line_reverse(user=manager, line=first, description="冲销"))
    lines.append(posted(estate, manager, amount="99999999.99"))

    rows = list(chain_rows(estate_id=estate.pk, upto_seq=len(lines)))
    assert [row[0] for row in rows] == list(range(1, len(lines) + 1))
    head = chain.GENESIS
    for (seq, pk, stored, text), line in zip(rows, lines, strict=True):
        python = chain.canonical_text(
            chain.canonical_object(
                seq=seq,
                estate=estate.pk,
                kind=line.kind,
                category=line.category,
                occurred_on=line.occurred_on,
                amount=line.amount,
                counterparty=line.counterparty,
                description=line.description,
                decision=line.decision_id,
                reverses=first.seq if line.reverses_id else None,
                attachments=[f"{a.kind}:{a.sha256}" for a in line.attachments.all()],
            )
        )
        assert text == python, (seq, text, python)
        head = chain.link(head, text.encode("utf-8"))
        assert (pk, stored) == (line.pk, head)
