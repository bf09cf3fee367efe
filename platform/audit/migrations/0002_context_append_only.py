"""pghistory's context table (`pghistory_context`, one row per request or task that changed a
model tracked with a context foreign key: committee seats, split rules) refuses DELETE, and
UPDATE except pghistory's own: the row of the context running in this transaction (its id in
the `pghistory.context_id` setting pghistory sets before every statement) may take that
context's metadata (`pghistory.context_metadata`: e.g. with the user, once authentication has
named them), which is all `_pgh_attach_context()`'s upsert does; any other new metadata, or
any other row, is refused. Once that request or task has ended, its row never changes again,
like the event tables (pgtrigger `append_only`). Hand-written SQL: the table belongs to a
third-party app, so no model of ours can carry the trigger."""

from django.db import migrations

FUNCTION = "audit_pghistory_context_append_only"

INSTALL = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND NEW.id = OLD.id
       AND NEW.created_at = OLD.created_at
       AND OLD.id::text = NULLIF(current_setting('pghistory.context_id', true), '')
       AND NEW.metadata = NULLIF(current_setting('pghistory.context_metadata', true), '')::jsonb
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit: cannot % rows of %: the audit context is append-only',
        TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER {FUNCTION}
    BEFORE UPDATE OR DELETE ON pghistory_context
    FOR EACH ROW EXECUTE FUNCTION {FUNCTION}();
"""

REMOVE = f"""
DROP TRIGGER IF EXISTS {FUNCTION} ON pghistory_context;
DROP FUNCTION IF EXISTS {FUNCTION}();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_dispatch_group_members"),
        ("pghistory", "0007_auto_20250421_0444"),
    ]

    operations = [migrations.RunSQL(INSTALL, REMOVE)]
