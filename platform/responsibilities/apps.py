"""responsibilities: an estate's 权责清单, who is responsible for what (the firm, the owners'
committee, the residents' committee, the owners).

The list is edited by the firm and the committee together: either side proposes a whole new
version, and it is in force only once the other side agrees. Agreed versions are never changed
(PostgreSQL refuses it) and every resident of the estate reads the one in force and its history.
"""

from __future__ import annotations

from django.apps import AppConfig


class ResponsibilitiesConfig(AppConfig):
    name = "responsibilities"
    verbose_name = "Responsibility list"
