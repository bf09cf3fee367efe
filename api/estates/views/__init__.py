"""The estates API, one module per resource: `portfolio` (estates, buildings, units, common
areas, with the estate's import/export actions), `importing` (import jobs), `people`,
`staffing` (staff assignments, committee terms), `joining` (join QR code and its review), `me`.

Which rows a user sees is decided in `estates.selectors` (scope); the capability map decides
which actions a role may take. Writes need the estate in the user's FULL scope.
"""

from __future__ import annotations

from .importing import ImportJobViewSet
from .joining import JoinRequestViewSet, JoinView
from .me import MyHomeView, PersonalDataView
from .people import PersonViewSet
from .portfolio import BuildingViewSet, CommonAreaViewSet, EstateViewSet, UnitViewSet
from .staffing import CommitteeMembershipViewSet, StaffAssignmentViewSet

__all__ = [
    "BuildingViewSet",
    "CommitteeMembershipViewSet",
    "CommonAreaViewSet",
    "EstateViewSet",
    "ImportJobViewSet",
    "JoinRequestViewSet",
    "JoinView",
    "MyHomeView",
    "PersonViewSet",
    "PersonalDataView",
    "StaffAssignmentViewSet",
    "UnitViewSet",
]
