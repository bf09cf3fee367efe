"""Every write about estates and their people: keyword-only, typed, one transaction each.

By resource: `portfolio` (estates, buildings, units, common areas), `staffing` (staff
assignments), `people` (people, unit links, logins), `joining` (claims from the join QR code).
"""

from __future__ import annotations

from ._common import UNSET, Unset
from .joining import join_request_approve, join_request_reject, join_request_submit
from .people import (
    occupancy_end,
    occupancy_link,
    owner_link,
    owner_unlink,
    person_create,
    person_update,
    resident_account_create,
    resident_grants_sync,
    unit_links_end,
)
from .portfolio import (
    building_create,
    building_delete,
    building_update,
    common_area_create,
    common_area_delete,
    common_area_update,
    estate_create,
    estate_delete,
    estate_rotate_join_code,
    estate_update,
    unit_create,
    unit_delete,
    unit_update,
)
from .staffing import staff_assign, staff_unassign

__all__ = [
    "UNSET",
    "Unset",
    "building_create",
    "building_delete",
    "building_update",
    "common_area_create",
    "common_area_delete",
    "common_area_update",
    "estate_create",
    "estate_delete",
    "estate_rotate_join_code",
    "estate_update",
    "join_request_approve",
    "join_request_reject",
    "join_request_submit",
    "occupancy_end",
    "occupancy_link",
    "owner_link",
    "owner_unlink",
    "person_create",
    "person_update",
    "resident_account_create",
    "resident_grants_sync",
    "staff_assign",
    "staff_unassign",
    "unit_create",
    "unit_delete",
    "unit_links_end",
    "unit_update",
]
