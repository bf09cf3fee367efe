"""The estates API's serializers, one module per resource (as the views)."""

from __future__ import annotations

from .importing import (
    ImportJobSerializer,
    ImportRowErrorSerializer,
    ImportUploadSerializer,
)
from .joining import (
    JoinApproveSerializer,
    JoinBuildingSerializer,
    JoinCandidateSerializer,
    JoinInfoSerializer,
    JoinRejectSerializer,
    JoinRequestListSerializer,
    JoinRequestSerializer,
    JoinSubmitSerializer,
    JoinUnitSerializer,
)
from .people import (
    AccountCreatedSerializer,
    CreateAccountSerializer,
    EndLinkSerializer,
    LinkOccupantSerializer,
    LinkOwnerSerializer,
    OccupancyOutSerializer,
    OwnerLinkOutSerializer,
    PersonSerializer,
    PersonUpdateSerializer,
    PersonWriteSerializer,
    UnitLinkSerializer,
)
from .portfolio import (
    BuildingSerializer,
    CommonAreaSerializer,
    CommonAreaUpdateSerializer,
    EstateSerializer,
    EstateWriteSerializer,
    HomeUnitSerializer,
    OwnerBriefSerializer,
    UnitSerializer,
    UnitUpdateSerializer,
    UnitWriteSerializer,
)
from .staffing import (
    CommitteeMembershipSerializer,
    StaffAssignmentSerializer,
    StaffAssignSerializer,
)

__all__ = [
    "AccountCreatedSerializer",
    "BuildingSerializer",
    "CommitteeMembershipSerializer",
    "CommonAreaSerializer",
    "CommonAreaUpdateSerializer",
    "CreateAccountSerializer",
    "EndLinkSerializer",
    "EstateSerializer",
    "EstateWriteSerializer",
    "HomeUnitSerializer",
    "ImportJobSerializer",
    "ImportRowErrorSerializer",
    "ImportUploadSerializer",
    "JoinApproveSerializer",
    "JoinBuildingSerializer",
    "JoinCandidateSerializer",
    "JoinInfoSerializer",
    "JoinRejectSerializer",
    "JoinRequestListSerializer",
    "JoinRequestSerializer",
    "JoinSubmitSerializer",
    "JoinUnitSerializer",
    "LinkOccupantSerializer",
    "LinkOwnerSerializer",
    "OccupancyOutSerializer",
    "OwnerBriefSerializer",
    "OwnerLinkOutSerializer",
    "PersonSerializer",
    "PersonUpdateSerializer",
    "PersonWriteSerializer",
    "StaffAssignSerializer",
    "StaffAssignmentSerializer",
    "UnitLinkSerializer",
    "UnitSerializer",
    "UnitUpdateSerializer",
    "UnitWriteSerializer",
]
