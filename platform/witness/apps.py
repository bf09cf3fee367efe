"""witness: a SHARED app in the public schema. Its one table, `WitnessedHead`, holds the chain
head of every published disclosure statement of every firm: (schema, estate, statement,
head_seq, head, published_at). Only the platform's publication task writes it
(`disclosure` publishing calls `witness.services.head_witness`); no API writes it; a trigger
refuses UPDATE and DELETE. A database edit inside a firm's schema cannot reach it, so a
statement's head can be checked against a copy the firm does not keep. See the README
("Disclosure: the witness") for what a separate database role would add."""

from __future__ import annotations

from django.apps import AppConfig


class WitnessConfig(AppConfig):
    name = "witness"
    verbose_name = "Witness of published chain heads"
