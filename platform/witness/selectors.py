"""Reading the witness."""

from __future__ import annotations

from .models import WitnessedHead


def witnessed_head(*, schema_name: str, statement_id: int) -> WitnessedHead | None:
    return WitnessedHead.objects.filter(schema_name=schema_name, statement_id=statement_id).first()


def witnessed_heads(*, schema_name: str, estate_id: int) -> list[WitnessedHead]:
    return list(
        WitnessedHead.objects.filter(schema_name=schema_name, estate_id=estate_id).order_by(
            "head_seq", "statement_id"
        )
    )
