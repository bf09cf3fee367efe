"""exports: a firm's whole data as one archive (#14 §4), for its admins to download.

A firm admin asks for it (`export_request`: an `ExportJob` row and its outbox row in one
transaction, one running job per firm); the `exports.run` task writes the archive (a zip of one
CSV and one JSON per dataset, the firm's attachments and photos, and `manifest.json` with row
counts and the SHA-256 of every member) into the firm's storage, counting datasets done as it
goes. What goes in is an allow-list (`datasets.py`): what the firm's roles read in the API,
masked the same way, never survey answers, vote ballots, electorates, inboxes or secrets.
`tenants.offboarding` reuses the datasets and the archive writer for the committee's records.
"""

from __future__ import annotations

from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "exports"
    verbose_name = "Exports"
