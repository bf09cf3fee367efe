"""Indexes for the audit log's list (audit.selectors.heads): on every event table the log reads,

- `_at` (pgh_created_at, pgh_id): the order (newest first) and the date filters;
- `_estate` (<estate column>, pgh_created_at, pgh_id): one estate, and an auditor's estates
  within their dates, in order;
- `_actor` GIN (pgh_context jsonb_path_ops): one acting user (`pgh_context @> {user,
  user_schema}`);
- `_obj` (pgh_obj_id, pgh_id): each entry's previous version (its changed fields).

Hand-written SQL in this app, which reads these tables, so the apps that own them keep their
models and migrations as they are; tests/audit asserts that every kind the log reads has them
(a new audited kind must be added here). bench/audit measures the list with and without them."""

from django.db import migrations

# (table, the column naming its estate or None)
TABLES = [
    ("accounts_userevent", None),
    ("accounts_rolegrantevent", "estate_id"),
    ("estates_estateevent", "pgh_obj_id"),
    ("estates_buildingevent", "estate_id"),
    ("estates_unitevent", "estate_id"),
    ("estates_personevent", None),
    ("estates_staffassignmentevent", "estate_id"),
    ("complaints_slapolicyevent", "estate_id"),
    ("complaints_dispatchgroupevent", "estate_id"),
    ("complaints_dispatchruleevent", "estate_id"),
    ("audit_dispatchgroupmemberevent", None),
]


def _indexes():
    for table, estate in TABLES:
        yield f"audit_ix_{table}_at", f"{table} (pgh_created_at, pgh_id)"
        yield f"audit_ix_{table}_obj", f"{table} (pgh_obj_id, pgh_id)"
        yield f"audit_ix_{table}_actor", f"{table} USING gin (pgh_context jsonb_path_ops)"
        if estate and estate != "pgh_obj_id":
            yield f"audit_ix_{table}_estate", f"{table} ({estate}, pgh_created_at, pgh_id)"
        elif estate:  # the estate's own events: its id is pgh_obj_id
            yield f"audit_ix_{table}_estate", f"{table} (pgh_obj_id, pgh_created_at, pgh_id)"


CREATE = [f"CREATE INDEX IF NOT EXISTS {name} ON {spec}" for name, spec in _indexes()]
DROP = [f"DROP INDEX IF EXISTS {name}" for name, _ in _indexes()]


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_context_append_only"),
        ("accounts", "0005_audit_events"),
        ("estates", "0005_audit_events"),
        ("complaints", "0010_audit_events"),
    ]

    operations = [migrations.RunSQL(CREATE, DROP)]
