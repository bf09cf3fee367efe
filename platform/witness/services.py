"""The one write: record a published head. Called by the publication task only."""

from __future__ import annotations

from datetime import datetime

from .models import WitnessedHead


def head_witness(
    *,
    schema_name: str,
    estate_id: int,
    statement_id: int,
    head_seq: int,
    head: str,
    published_at: datetime,
) -> WitnessedHead:
    """Insert the head (the table is in the public schema, on every firm's search_path).
    Idempotent: a second call for the same statement returns the first row unchanged."""
    found = WitnessedHead.objects.filter(schema_name=schema_name, statement_id=statement_id).first()
    if found is not None:
        return found
    return WitnessedHead.objects.create(
        schema_name=schema_name,
        estate_id=estate_id,
        statement_id=statement_id,
        head_seq=head_seq,
        head=head,
        published_at=published_at,
    )
