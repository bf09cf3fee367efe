"""estates: the portfolio every module hangs on.

Owns Estate -> Building -> Unit, common areas (named places such as "north gate"), the people
attached to units (`Person`, `OwnerRecord` for owners of record who vote by area,
`Occupancy` for occupants and renting tenants who may submit requests but not vote), staff
assignment to estates, committee membership with terms, resident join requests, bulk import
and export. Access follows from these records: each assignment, membership or link writes the
matching scoped `accounts.RoleGrant` (with its end date), and `estates.selectors` turns a
user's grants into the estates and units they may see. That is the one place scoping lives."""

from __future__ import annotations

from django.apps import AppConfig


class EstatesConfig(AppConfig):
    name = "estates"
    verbose_name = "Estates"
