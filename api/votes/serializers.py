from __future__ import annotations

from typing import Any

from rest_framework import serializers

from votes.choices import Matter, MatterKind, TopicStatus, VoteStatus
from votes.models import Ballot, Elector, Result, Topic, TopicPhoto, Vote
from votes.policies import TOPIC_SUPPORT_MAX, TOPIC_SUPPORT_MIN
from votes.services import (
    ANSWER_MAX,
    BODY_MAX,
    NOTICE_MAX,
    OPTION_MAX,
    OPTIONS_MAX,
    TITLE_MAX,
    TOPIC_BODY_MAX,
    TOPIC_TITLE_MAX,
)

BIG = 2**63 - 1


class VoteListQuerySerializer(serializers.Serializer[Any]):
    estate = serializers.IntegerField(min_value=1, max_value=BIG)


class VoteStricterSerializer(serializers.Serializer[Any]):
    """Stricter shares than the law, as text ("3/4"); left out: the legal one."""

    turnout_area = serializers.CharField(max_length=20, required=False, allow_blank=True)
    turnout_heads = serializers.CharField(max_length=20, required=False, allow_blank=True)
    pass_area = serializers.CharField(max_length=20, required=False, allow_blank=True)
    pass_heads = serializers.CharField(max_length=20, required=False, allow_blank=True)


class VoteWriteSerializer(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=TITLE_MAX)
    body = serializers.CharField(max_length=BODY_MAX, required=False, allow_blank=True, default="")
    options = serializers.ListField(
        child=serializers.CharField(max_length=OPTION_MAX), min_length=2, max_length=OPTIONS_MAX
    )
    matter = serializers.ChoiceField(choices=Matter.choices)
    secret = serializers.BooleanField(required=False, default=True)
    changeable = serializers.BooleanField(required=False, default=True)
    building_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=BIG),
        required=False,
        default=list,
        max_length=500,
    )
    notice_days = serializers.IntegerField(
        min_value=1, max_value=NOTICE_MAX, required=False, default=15
    )
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField()
    rule = VoteStricterSerializer(required=False)


class VoteCreateSerializer(VoteWriteSerializer):
    estate = serializers.IntegerField(min_value=1, max_value=BIG)
    topic = serializers.IntegerField(
        min_value=1,
        max_value=BIG,
        required=False,
        help_text="an open or agenda topic of the estate: answered adopted and put to this vote",
    )


class VoteTopicRefSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    title = serializers.CharField()


class VoteOptionCountSerializer(serializers.Serializer[Any]):
    index = serializers.IntegerField()
    option = serializers.CharField()  # the option's text
    area = serializers.DecimalField(max_digits=16, decimal_places=2)
    heads = serializers.IntegerField()
    passes = serializers.BooleanField()


class VoteBuildingTurnoutSerializer(serializers.Serializer[Any]):
    building = serializers.IntegerField()
    building_name = serializers.CharField()
    electorate_area = serializers.DecimalField(max_digits=16, decimal_places=2)
    electorate_heads = serializers.IntegerField()
    voted_area = serializers.DecimalField(max_digits=16, decimal_places=2)
    voted_heads = serializers.IntegerField()


class VoteTallySerializer(serializers.Serializer[Any]):
    """Aggregates only: what every reader of the vote, the firm included, sees. A secret vote
    shows its per-option counts only once closed (`sealed` until then)."""

    electorate_area = serializers.DecimalField(max_digits=16, decimal_places=2)
    electorate_heads = serializers.IntegerField()
    voted_area = serializers.DecimalField(max_digits=16, decimal_places=2)
    voted_heads = serializers.IntegerField()
    turnout_area_met = serializers.BooleanField()
    turnout_heads_met = serializers.BooleanField()
    quorum = serializers.BooleanField()
    sealed = serializers.BooleanField(
        help_text="a secret vote not yet closed: turnout only; `options` is empty and `adopted` "
        "and `passed` are null until the close (two reads around one ballot would show it)"
    )
    options = VoteOptionCountSerializer(many=True)
    adopted = serializers.IntegerField(allow_null=True)
    passed = serializers.BooleanField(allow_null=True)
    rule_text = serializers.CharField()
    buildings = VoteBuildingTurnoutSerializer(many=True)


class VoteResultSerializer(serializers.ModelSerializer[Result]):
    class Meta:
        model = Result
        fields = ["digest", "passed", "rule_text", "published_at"]
        read_only_fields = fields


class VoteMyElectorSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    unit_labels = serializers.CharField()
    area = serializers.DecimalField(max_digits=16, decimal_places=2)
    choice = serializers.IntegerField(allow_null=True)
    channel = serializers.CharField(allow_null=True)
    receipt = serializers.CharField(allow_null=True)


class VoteSerializer(serializers.ModelSerializer[Vote]):
    kind = serializers.ChoiceField(choices=MatterKind.choices, read_only=True)
    status = serializers.ChoiceField(choices=VoteStatus.choices, read_only=True)
    rule_text = serializers.CharField(read_only=True)
    actions = serializers.ListField(child=serializers.CharField(), read_only=True)
    tally = VoteTallySerializer(read_only=True, allow_null=True)
    mine = VoteMyElectorSerializer(many=True, read_only=True)
    result = VoteResultSerializer(read_only=True, allow_null=True)
    topics = VoteTopicRefSerializer(
        source="topic_refs",
        many=True,
        read_only=True,
        help_text="the hall's topics put to this vote",
    )
    decision = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="the decision tracking this vote, once made"
    )

    class Meta:
        model = Vote
        fields = [
            "id",
            "estate",
            "title",
            "body",
            "options",
            "matter",
            "kind",
            "secret",
            "changeable",
            "building_ids",
            "notice_days",
            "opens_at",
            "closes_at",
            "status",
            "announced_at",
            "opened_at",
            "electorate_day",
            "closed_at",
            "rule",
            "rule_text",
            "actions",
            "tally",
            "mine",
            "result",
            "topics",
            "decision",
        ]
        read_only_fields = fields


class VoteListSerializer(serializers.ModelSerializer[Vote]):
    class Meta:
        model = Vote
        fields = [
            "id",
            "estate",
            "title",
            "matter",
            "kind",
            "status",
            "opens_at",
            "closes_at",
        ]
        read_only_fields = fields


class VoteCastSerializer(serializers.Serializer[Any]):
    choice = serializers.IntegerField(min_value=0, max_value=OPTIONS_MAX)
    elector = serializers.IntegerField(min_value=1, max_value=BIG, required=False)


class VoteCastResultSerializer(serializers.Serializer[Any]):
    """The voter's receipt: it proves their ballot was counted, never what it said."""

    receipt = serializers.CharField()
    elector = serializers.IntegerField()
    revision = serializers.IntegerField()


class VotePaperSerializer(serializers.Serializer[Any]):
    elector = serializers.IntegerField(min_value=1, max_value=BIG)
    choice = serializers.IntegerField(min_value=0, max_value=OPTIONS_MAX)
    scan = serializers.FileField()
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class PaperConfirmSerializer(serializers.Serializer[Any]):
    ballot = serializers.IntegerField(min_value=1, max_value=BIG)
    accept = serializers.BooleanField()


class VoteReceiptQuerySerializer(serializers.Serializer[Any]):
    receipt = serializers.CharField(max_length=40)


class VoteReceiptAnswerSerializer(serializers.Serializer[Any]):
    included = serializers.BooleanField()


class VoteElectorSerializer(serializers.ModelSerializer[Elector]):
    voted = serializers.BooleanField()
    developer = serializers.BooleanField()

    class Meta:
        model = Elector
        fields = ["id", "names", "unit_labels", "area", "voted", "developer"]
        read_only_fields = fields


class VoteBallotRowSerializer(serializers.ModelSerializer[Ballot]):
    """A ballot as the committee sees it: a paper entry to confirm or a conflict; the choice
    only where the vote is open (not secret) or the ballot is a paper entry to check."""

    elector_names = serializers.CharField(source="elector.names")
    unit_labels = serializers.CharField(source="elector.unit_labels")
    choice = serializers.IntegerField(source="choice_shown", allow_null=True)
    entered_by = serializers.IntegerField(source="cast_by_id")

    class Meta:
        model = Ballot
        fields = [
            "id",
            "elector",
            "elector_names",
            "unit_labels",
            "channel",
            "status",
            "revision",
            "choice",
            "entered_by",
            "cast_at",
            "confirmed_at",
        ]
        read_only_fields = fields


class VoteBallotsSerializer(serializers.Serializer[Any]):
    pending_paper = VoteBallotRowSerializer(many=True)
    conflicts = VoteBallotRowSerializer(many=True)
    named = VoteBallotRowSerializer(many=True)  # open votes: who voted what


# --- topics (议事厅) -----------------------------------------------------------------------------


class TopicPhotoSerializer(serializers.ModelSerializer[TopicPhoto]):
    url = serializers.SerializerMethodField()

    class Meta:
        model = TopicPhoto
        fields = ["id", "content_type", "size", "url"]
        read_only_fields = fields

    def get_url(self, photo: TopicPhoto) -> str:
        return f"/api/v1/topics/{photo.topic_id}/photos/{photo.pk}/"


class TopicSerializer(serializers.ModelSerializer[Topic]):
    status = serializers.ChoiceField(choices=TopicStatus.choices, read_only=True)
    author_name = serializers.CharField(source="author.full_name", read_only=True)
    mine = serializers.BooleanField(read_only=True)
    supported = serializers.BooleanField(read_only=True)
    actions = serializers.ListField(child=serializers.CharField(), read_only=True)
    hot_request_count = serializers.SerializerMethodField(
        help_text="for a topic from an accepted hot topic: how many requests it gathers"
    )
    photos = TopicPhotoSerializer(many=True, read_only=True)
    decision = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="the decision tracking this topic, once made"
    )

    class Meta:
        model = Topic
        fields = [
            "id",
            "estate",
            "title",
            "body",
            "author_name",
            "created_at",
            "status",
            "support_count",
            "agenda_at",
            "answer",
            "answered_at",
            "merged_into",
            "vote",
            "hot_topic",
            "hot_request_count",
            "photos",
            "decision",
            "mine",
            "supported",
            "actions",
        ]
        read_only_fields = fields

    def get_hot_request_count(self, topic: Topic) -> int | None:
        hot = topic.hot_topic
        if hot is None:
            return None
        counted = getattr(topic, "hot_request_count", None)
        return counted if counted is not None else hot.requests.count()


class TopicRaiseSerializer(serializers.Serializer[Any]):
    estate = serializers.IntegerField(min_value=1, max_value=BIG)
    title = serializers.CharField(max_length=TOPIC_TITLE_MAX)
    body = serializers.CharField(
        max_length=TOPIC_BODY_MAX, required=False, allow_blank=True, default=""
    )
    photos = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class TopicHallSerializer(serializers.Serializer[Any]):
    estate = serializers.IntegerField(read_only=True)
    threshold = serializers.IntegerField(
        read_only=True, help_text="supports that put a topic on the agenda"
    )
    set_at = serializers.DateTimeField(read_only=True, allow_null=True)
    can_set = serializers.BooleanField(
        read_only=True, help_text="the reader is a committee member of the estate"
    )


class TopicHallSetSerializer(serializers.Serializer[Any]):
    estate = serializers.IntegerField(min_value=1, max_value=BIG)
    threshold = serializers.IntegerField(min_value=TOPIC_SUPPORT_MIN, max_value=TOPIC_SUPPORT_MAX)


class TopicAnswerSerializer(serializers.Serializer[Any]):
    outcome = serializers.ChoiceField(choices=["adopted", "answered", "declined"])
    answer = serializers.CharField(max_length=ANSWER_MAX)
    vote = serializers.IntegerField(min_value=1, max_value=BIG, required=False)


class TopicHideSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=ANSWER_MAX)


class TopicMergeSerializer(serializers.Serializer[Any]):
    into = serializers.IntegerField(min_value=1, max_value=BIG)
