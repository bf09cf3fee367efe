"""Owners' votes (业主大会表决) over HTTP. The estate's confirmed committee drafts, announces,
opens, closes and publishes; owners of record cast online; the committee enters paper ballots
(one member enters, another confirms). Every reader (the firm included) sees the aggregates;
who voted what only the committee sees, and only for open (not secret) votes. Thin: each write
is one service; reads go through votes.selectors."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from api.common import path_pk as _pk
from api.common import request_user as _user
from committee.selectors import estate_seen_by, is_supervisor
from estates.exceptions import EstateNotFound
from estates.models import Building
from supervision.uploads import Upload
from votes import selectors, services
from votes.choices import BallotStatus, Channel, VoteStatus
from votes.exceptions import FirmCannotVote, NotCommittee, TopicNotFound, VoteNotFound
from votes.models import Ballot, Decision, Elector, Topic, TopicHall, TopicPhoto, TopicSupport, Vote
from votes.policies import Rule, counts_sealed, topic_actions, user_actions

from . import serializers as s


def _vote_input(v: dict[str, Any]) -> services.VoteInput:
    rule = v.get("rule") or {}
    return services.VoteInput(
        title=v["title"],
        body=v["body"],
        options=list(v["options"]),
        matter=v["matter"],
        secret=v["secret"],
        changeable=v["changeable"],
        building_ids=tuple(v["building_ids"]),
        notice_days=v["notice_days"],
        opens_at=v["opens_at"],
        closes_at=v["closes_at"],
        stricter=services.Stricter(
            turnout_area=rule.get("turnout_area"),
            turnout_heads=rule.get("turnout_heads"),
            pass_area=rule.get("pass_area"),
            pass_heads=rule.get("pass_heads"),
        ),
    )


class VoteViewSet(viewsets.GenericViewSet[Any]):
    queryset = Vote.objects.none()  # for the schema only
    serializer_class = s.VoteSerializer
    pagination_class = None
    lookup_value_regex = r"\d+"
    parser_classes = [JSONParser]
    # who may do what is votes.services (the committee) and votes.selectors (readers)
    required_capabilities: dict[str, Any] = {"*": None}

    def _get(self, request: Request, pk: str) -> Vote:
        found = selectors.vote_get(user=_user(request), pk=_pk(pk))
        if found is None:
            raise VoteNotFound()
        return found

    def _body(self, request: Request, vote: Vote, code: int = 200) -> Response:
        user = _user(request)
        vote = Vote.objects.select_related("result").get(pk=vote.pk)
        standing = selectors.standing(user=user, vote=vote)
        rule = Rule.from_json(vote.rule)
        tally = None
        if vote.status not in (VoteStatus.DRAFT, VoteStatus.ANNOUNCED):
            outcome, found = selectors.live_outcome(vote=vote)
            names = dict(
                Building.objects.filter(estate_id=vote.estate_id).values_list("pk", "name")
            )
            # a secret vote shows turnout only until it is closed (policies.counts_sealed)
            sealed = counts_sealed(secret=vote.secret, status=vote.status)
            tally = {
                "electorate_area": outcome.electorate_area,
                "electorate_heads": outcome.electorate_heads,
                "voted_area": outcome.voted_area,
                "voted_heads": outcome.voted_heads,
                "turnout_area_met": outcome.turnout_area_met,
                "turnout_heads_met": outcome.turnout_heads_met,
                "quorum": outcome.quorum,
                "sealed": sealed,
                "options": []
                if sealed
                else [{**o.__dict__, "option": vote.options[o.index]} for o in outcome.options],
                "adopted": None if sealed else outcome.adopted,
                "passed": None if sealed else outcome.passed,
                "rule_text": rule.text(),
                "buildings": [
                    {
                        **b.__dict__,
                        "building": b.building_id,
                        "building_name": names.get(b.building_id, ""),
                    }
                    for b in selectors.turnout_by_building(vote=vote, choices=found.choices)
                ],
            }
        mine = []
        if standing.elector:
            from votes.policies import counted_ballot

            electors = selectors.electors_of(user=user, vote=vote)
            grouped = selectors.ballots_by_elector(vote=vote, electors=[e.pk for e in electors])
            for elector in electors:
                pick, _clash = counted_ballot(grouped.get(elector.pk, []))
                receipt = None
                if pick is not None:
                    receipt = (
                        Ballot.objects.filter(vote=vote, elector=elector, revision=pick.revision)
                        .values_list("receipt", flat=True)
                        .first()
                    )
                mine.append(
                    {
                        "id": elector.pk,
                        "unit_labels": elector.unit_labels,
                        "area": elector.area,
                        "choice": pick.choice if pick else None,
                        "channel": pick.channel if pick else None,
                        "receipt": receipt,
                    }
                )
        vote.rule_text = rule.text()  # type: ignore[attr-defined]
        vote.actions = sorted(  # type: ignore[attr-defined]
            user_actions(
                status=vote.status,
                now=timezone.now(),
                opens_at=vote.opens_at,
                closes_at=vote.closes_at,
                changeable=vote.changeable,
                standing=standing,
            )
        )
        vote.tally = tally  # type: ignore[attr-defined]
        vote.mine = mine  # type: ignore[attr-defined]
        vote.topic_refs = [  # type: ignore[attr-defined]
            {"id": pk, "title": title}
            for pk, title in Topic.objects.filter(vote=vote)
            .order_by("pk")
            .values_list("pk", "title")
        ]
        vote.decision = (  # type: ignore[attr-defined]
            Decision.objects.filter(vote=vote).order_by("pk").values_list("pk", flat=True).first()
        )
        if not hasattr(vote, "result"):
            vote.result = None  # type: ignore[assignment]
        return Response(s.VoteSerializer(vote).data, status=code)

    @extend_schema(
        parameters=[s.VoteListQuerySerializer], responses={200: s.VoteListSerializer(many=True)}
    )
    def list(self, request: Request) -> Response:
        data = s.VoteListQuerySerializer(data=request.query_params)
        data.is_valid(raise_exception=True)
        user = _user(request)
        estate = estate_seen_by(user=user, pk=data.validated_data["estate"])
        if estate is None:
            raise EstateNotFound()
        votes = selectors.votes_of(user=user, estate_id=estate.pk)
        return Response(s.VoteListSerializer(votes, many=True).data)

    @extend_schema(request=s.VoteCreateSerializer, responses={201: s.VoteSerializer})
    def create(self, request: Request) -> Response:
        data = s.VoteCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = _user(request)
        estate = estate_seen_by(user=user, pk=data.validated_data["estate"])
        if estate is None:
            raise EstateNotFound()
        vote = services.vote_create(
            user=user,
            estate=estate,
            data=_vote_input(data.validated_data),
            topic_id=data.validated_data.get("topic"),
        )
        return self._body(request, vote, status.HTTP_201_CREATED)

    @extend_schema(responses={200: s.VoteSerializer})
    def retrieve(self, request: Request, pk: str) -> Response:
        return self._body(request, self._get(request, pk))

    @extend_schema(request=s.VoteWriteSerializer, responses={200: s.VoteSerializer})
    def update(self, request: Request, pk: str) -> Response:
        found = self._get(request, pk)
        data = s.VoteWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        vote = services.vote_update(
            user=_user(request), vote=found, data=_vote_input(data.validated_data)
        )
        return self._body(request, vote)

    @extend_schema(request=None, responses={200: s.VoteSerializer})
    @action(detail=True, methods=["post"])
    def announce(self, request: Request, pk: str) -> Response:
        vote = services.vote_announce(user=_user(request), vote=self._get(request, pk))
        return self._body(request, vote)

    @extend_schema(request=None, responses={200: s.VoteSerializer})
    @action(detail=True, methods=["post"], url_path="open")
    def open_voting(self, request: Request, pk: str) -> Response:
        vote = services.vote_open(user=_user(request), vote=self._get(request, pk))
        return self._body(request, vote)

    @extend_schema(request=None, responses={200: s.VoteSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str) -> Response:
        vote = services.vote_close(user=_user(request), vote=self._get(request, pk))
        return self._body(request, vote)

    @extend_schema(request=None, responses={200: s.VoteSerializer})
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: str) -> Response:
        found = self._get(request, pk)
        services.vote_publish(user=_user(request), vote=found)
        return self._body(request, found)

    @extend_schema(request=s.VoteCastSerializer, responses={201: s.VoteCastResultSerializer})
    @action(detail=True, methods=["post"])
    def cast(self, request: Request, pk: str) -> Response:
        found = self._get(request, pk)
        data = s.VoteCastSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        ballot = services.ballot_cast(
            user=_user(request),
            vote=found,
            choice=data.validated_data["choice"],
            elector_id=data.validated_data.get("elector"),
        )
        body = {
            "receipt": ballot.receipt,
            "elector": ballot.elector_id,
            "revision": ballot.revision,
        }
        return Response(s.VoteCastResultSerializer(body).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.VotePaperSerializer, responses={201: s.VoteBallotRowSerializer})
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def paper(self, request: Request, pk: str) -> Response:
        found = self._get(request, pk)
        data = s.VotePaperSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        scan = v["scan"]
        ballot = services.paper_enter(
            user=_user(request),
            vote=found,
            elector_id=v["elector"],
            choice=v["choice"],
            scan=services.Scan(name=scan.name, data=scan.read(services.SCAN_MAX + 1)),
            note=v["note"],
        )
        ballot.choice_shown = ballot.choice  # type: ignore[attr-defined]
        return Response(s.VoteBallotRowSerializer(ballot).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.PaperConfirmSerializer, responses={200: s.VoteBallotRowSerializer})
    @action(detail=True, methods=["post"])
    def confirm(self, request: Request, pk: str) -> Response:
        found = self._get(request, pk)
        data = s.PaperConfirmSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        ballot = services.paper_confirm(
            user=_user(request),
            vote=found,
            ballot_id=data.validated_data["ballot"],
            accept=data.validated_data["accept"],
        )
        ballot.choice_shown = ballot.choice  # type: ignore[attr-defined]
        return Response(s.VoteBallotRowSerializer(ballot).data)

    def _committee_only(self, request: Request, vote: Vote) -> None:
        user = _user(request)
        if selectors.is_firm_side(user):
            raise FirmCannotVote()
        if not is_supervisor(user, vote.estate_id):
            raise NotCommittee()

    @extend_schema(responses={200: s.VoteElectorSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def electors(self, request: Request, pk: str) -> Response:
        """The frozen electorate, for the committee's paper entry and door-knocking: names,
        units, area, and whether each has voted (never what)."""
        found = self._get(request, pk)
        self._committee_only(request, found)
        voted = set(selectors.counted(vote=found).choices)
        rows = list(Elector.objects.filter(vote=found).order_by("key"))
        for e in rows:
            e.voted = e.pk in voted  # type: ignore[attr-defined]
        return Response(s.VoteElectorSerializer(rows, many=True).data)

    @extend_schema(responses={200: s.VoteBallotsSerializer})
    @action(detail=True, methods=["get"])
    def ballots(self, request: Request, pk: str) -> Response:
        """For the committee: paper entries waiting for a second member, paper/online conflicts
        (the paper ballot counts) and, for open (not secret) votes, who voted what."""
        found = self._get(request, pk)
        self._committee_only(request, found)
        rows = list(Ballot.objects.filter(vote=found).select_related("elector"))
        counted = selectors.counted(vote=found)
        for b in rows:
            shown = not found.secret or b.status == BallotStatus.ENTERED
            b.choice_shown = b.choice if shown else None  # type: ignore[attr-defined]
        conflicts = set(counted.conflicts)
        named = []
        if not found.secret:
            named = [
                b
                for b in rows
                if b.elector_id in counted.choices
                and b.status == BallotStatus.COUNTED
                and b.channel == counted.channels[b.elector_id]
                and b.choice == counted.choices[b.elector_id]
            ]
            last: dict[int, Ballot] = {}
            for b in named:
                if b.elector_id not in last or b.revision > last[b.elector_id].revision:
                    last[b.elector_id] = b
            named = list(last.values())
        body = {
            "pending_paper": [b for b in rows if b.status == BallotStatus.ENTERED],
            "conflicts": [
                b
                for b in rows
                if b.elector_id in conflicts
                and b.status == BallotStatus.COUNTED
                and b.channel in (Channel.PAPER, Channel.ONLINE)
            ],
            "named": named,
        }
        return Response(s.VoteBallotsSerializer(body).data)

    @extend_schema(
        request=s.VoteReceiptQuerySerializer, responses={200: s.VoteReceiptAnswerSerializer}
    )
    @action(detail=True, methods=["post"])
    def receipt(self, request: Request, pk: str) -> Response:
        """Whether the ballot of a receipt is counted (published: in the published result)."""
        found = self._get(request, pk)
        data = s.VoteReceiptQuerySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        included = selectors.receipt_included(vote=found, receipt=data.validated_data["receipt"])
        return Response(s.VoteReceiptAnswerSerializer({"included": included}).data)

    @extend_schema(responses={200: dict})
    @action(detail=True, methods=["get"])
    def export(self, request: Request, pk: str) -> Response:
        """The published result with every input (tools/verify_vote.py recomputes it)."""
        found = self._get(request, pk)
        result = getattr(found, "result", None) if found.status == VoteStatus.PUBLISHED else None
        if result is None:
            raise VoteNotFound()
        return Response(result.export)


class TopicViewSet(viewsets.GenericViewSet[Any]):
    """The deliberation hall (议事厅): residents and the committee raise and support topics; the
    committee answers, hides (with a reason the author sees) or merges them. The firm reads."""

    queryset = Topic.objects.none()  # for the schema only
    serializer_class = s.TopicSerializer
    pagination_class = None
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    lookup_value_regex = r"\d+"
    required_capabilities: dict[str, Any] = {"*": None}

    def _get(self, request: Request, pk: str) -> Topic:
        found = selectors.topic_get(user=_user(request), pk=_pk(pk))
        if found is None:
            raise TopicNotFound()
        return found

    def _dress(self, request: Request, topics: list[Topic]) -> list[Topic]:
        user = _user(request)
        firm = selectors.is_firm_side(user)
        mine_supported = set(
            TopicSupport.objects.filter(
                user_id=user.pk, topic__in=[t.pk for t in topics]
            ).values_list("topic_id", flat=True)
        )
        tracked = dict(
            Decision.objects.filter(topic_id__in=[t.pk for t in topics])
            .order_by("-pk")
            .values_list("topic_id", "pk")
        )
        for t in topics:
            t.decision = tracked.get(t.pk)  # type: ignore[attr-defined]
            t.mine = t.author_id == user.pk  # type: ignore[attr-defined]
            t.supported = t.pk in mine_supported  # type: ignore[attr-defined]
            t.actions = sorted(  # type: ignore[attr-defined]
                topic_actions(
                    status=t.status,
                    committee=is_supervisor(user, t.estate_id),
                    speaks=not firm,
                    mine=t.author_id == user.pk,
                    supported=t.pk in mine_supported,
                )
            )
        return topics

    def _one(self, request: Request, topic: Topic, code: int = 200) -> Response:
        fresh = (
            Topic.objects.select_related("author", "hot_topic")
            .prefetch_related("photos")
            .get(pk=topic.pk)
        )
        return Response(s.TopicSerializer(self._dress(request, [fresh])[0]).data, status=code)

    @extend_schema(
        parameters=[s.VoteListQuerySerializer], responses={200: s.TopicSerializer(many=True)}
    )
    def list(self, request: Request) -> Response:
        data = s.VoteListQuerySerializer(data=request.query_params)
        data.is_valid(raise_exception=True)
        user = _user(request)
        estate = estate_seen_by(user=user, pk=data.validated_data["estate"])
        if estate is None:
            raise EstateNotFound()
        topics = list(
            selectors.topics_of(user=user, estate_id=estate.pk).prefetch_related("photos")
        )
        return Response(s.TopicSerializer(self._dress(request, topics), many=True).data)

    @extend_schema(request=s.TopicRaiseSerializer, responses={201: s.TopicSerializer})
    def create(self, request: Request) -> Response:
        data = s.TopicRaiseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        user = _user(request)
        estate = estate_seen_by(user=user, pk=v["estate"])
        if estate is None:
            raise EstateNotFound()
        photos = [
            Upload(name=f.name, content_type=getattr(f, "content_type", ""), data=f.read())
            for f in v["photos"]
        ]
        topic = services.topic_raise(
            user=user, estate=estate, title=v["title"], body=v["body"], photos=photos
        )
        return self._one(request, topic, status.HTTP_201_CREATED)

    @extend_schema(responses={200: s.TopicSerializer})
    def retrieve(self, request: Request, pk: str) -> Response:
        return self._one(request, self._get(request, pk))

    @extend_schema(request=None, responses={200: s.TopicSerializer})
    @action(detail=True, methods=["post"])
    def support(self, request: Request, pk: str) -> Response:
        topic = services.topic_support(user=_user(request), topic=self._get(request, pk))
        return self._one(request, topic)

    @extend_schema(request=s.TopicAnswerSerializer, responses={200: s.TopicSerializer})
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, pk: str) -> Response:
        found = self._get(request, pk)
        data = s.TopicAnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        topic = services.topic_answer(
            user=_user(request),
            topic=found,
            outcome=v["outcome"],
            answer=v["answer"],
            vote_id=v.get("vote"),
        )
        return self._one(request, topic)

    @extend_schema(request=s.TopicHideSerializer, responses={200: s.TopicSerializer})
    @action(detail=True, methods=["post"])
    def hide(self, request: Request, pk: str) -> Response:
        found = self._get(request, pk)
        data = s.TopicHideSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        topic = services.topic_hide(
            user=_user(request), topic=found, reason=data.validated_data["reason"]
        )
        return self._one(request, topic)

    @extend_schema(request=s.TopicMergeSerializer, responses={200: s.TopicSerializer})
    @action(detail=True, methods=["post"])
    def merge(self, request: Request, pk: str) -> Response:
        found = self._get(request, pk)
        data = s.TopicMergeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        topic = services.topic_merge(
            user=_user(request), topic=found, into_id=data.validated_data["into"]
        )
        return self._one(request, topic)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], url_path=r"photos/(?P<photo_id>\d+)")
    def photo(self, request: Request, pk: str, photo_id: str) -> FileResponse:
        """A photo of a topic, to whoever may read the topic."""
        topic = self._get(request, pk)
        found = TopicPhoto.objects.filter(pk=_pk(photo_id), topic=topic).first()
        if found is None:
            raise TopicNotFound()
        return FileResponse(found.file.open("rb"), content_type=found.content_type)

    def _hall(self, request: Request, estate_id: int) -> Response:
        user = _user(request)
        hall = TopicHall.objects.filter(estate_id=estate_id).first()
        return Response(
            s.TopicHallSerializer(
                {
                    "estate": estate_id,
                    "threshold": selectors.agenda_threshold(estate_id=estate_id),
                    "set_at": hall.set_at if hall else None,
                    "can_set": not selectors.is_firm_side(user) and is_supervisor(user, estate_id),
                }
            ).data
        )

    @extend_schema(parameters=[s.VoteListQuerySerializer], responses={200: s.TopicHallSerializer})
    @action(detail=False, methods=["get"], url_path="hall")
    def hall(self, request: Request) -> Response:
        """The estate's hall settings: the support that puts a topic on the agenda."""
        data = s.VoteListQuerySerializer(data=request.query_params)
        data.is_valid(raise_exception=True)
        estate = estate_seen_by(user=_user(request), pk=data.validated_data["estate"])
        if estate is None:
            raise EstateNotFound()
        return self._hall(request, estate.pk)

    @extend_schema(request=s.TopicHallSetSerializer, responses={200: s.TopicHallSerializer})
    @hall.mapping.post
    def hall_set(self, request: Request) -> Response:
        """A committee member of the estate sets the support threshold; the firm cannot."""
        data = s.TopicHallSetSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = _user(request)
        estate = estate_seen_by(user=user, pk=data.validated_data["estate"])
        if estate is None:
            raise EstateNotFound()
        services.topic_threshold_set(
            user=user, estate=estate, threshold=data.validated_data["threshold"]
        )
        return self._hall(request, estate.pk)
