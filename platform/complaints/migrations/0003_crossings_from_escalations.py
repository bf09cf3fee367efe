"""The deadlines engine keeps its own exactly-once marker (`deadlines.Crossing`): every
escalation already written becomes a crossing, so nothing escalates a second time."""

from django.db import migrations

FORWARD = """
INSERT INTO deadlines_crossing (kind, subject_id, clock, level, at)
SELECT 'complaints.request', request_id, clock, level, created_at FROM complaints_escalation
ON CONFLICT DO NOTHING
"""
BACKWARD = "DELETE FROM deadlines_crossing WHERE kind = 'complaints.request'"


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0002_open_requests_index"),
        ("deadlines", "0001_initial"),
    ]

    operations = [migrations.RunSQL(FORWARD, reverse_sql=BACKWARD)]
