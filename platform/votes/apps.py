"""votes: the owners' assembly votes (业主大会表决) of an estate, counted as the Civil Code
(art. 278) and the Supreme People's Court (building co-ownership interpretation, art. 9) count.

The estate's confirmed committee drafts, announces, opens, closes and publishes a vote; owners
of record cast online; the committee enters paper ballots (one member enters, another
confirms). The electorate is frozen when voting opens. Ballots and published results are
append-only (PostgreSQL refuses the rest); the firm reads only aggregates.
"""

from __future__ import annotations

from django.apps import AppConfig


class VotesConfig(AppConfig):
    name = "votes"
    verbose_name = "Owners' votes"
