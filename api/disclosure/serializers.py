"""Shapes of the disclosure API. Money is a string with two decimals in and out (DRF
DecimalField: never a float; a third decimal place is a 400)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from disclosure.choices import (
    ALL_CATEGORIES,
    AttachmentKind,
    FundMovementKind,
    LineKind,
    StatementKind,
)
from disclosure.models import (
    Decision,
    FundMovement,
    LedgerLine,
    LineAttachment,
    SplitRule,
    Statement,
    StatementQuery,
)
from disclosure.selectors import actions_for

MONEY: dict[str, Any] = {"max_digits": 14, "decimal_places": 2}
PERCENT: dict[str, Any] = {
    "max_digits": 5,
    "decimal_places": 2,
    "min_value": Decimal(0),
    "max_value": Decimal(100),
}


class DecisionSerializer(serializers.ModelSerializer[Decision]):
    class Meta:
        model = Decision
        fields = [
            "id",
            "estate",
            "title",
            "description",
            "decided_on",
            "document_name",
            "content_type",
            "size",
            "sha256",
            "created_at",
        ]
        read_only_fields = fields


class DecisionCreateSerializer(serializers.Serializer[Any]):
    estate = serializers.IntegerField()
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    decided_on = serializers.DateField()
    document = serializers.FileField()


class LineAttachmentSerializer(serializers.ModelSerializer[LineAttachment]):
    class Meta:
        model = LineAttachment
        fields = ["id", "kind", "name", "content_type", "size", "sha256", "created_at"]
        read_only_fields = fields


class LineAttachmentCreateSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=AttachmentKind.choices)
    file = serializers.FileField()


class LineSerializer(serializers.ModelSerializer[LedgerLine]):
    amount = serializers.DecimalField(**MONEY, read_only=True)
    reverses_seq = serializers.SerializerMethodField()
    reversed_by = serializers.SerializerMethodField()
    attachments = LineAttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = LedgerLine
        fields = [
            "id",
            "estate",
            "status",
            "seq",
            "kind",
            "category",
            "occurred_on",
            "amount",
            "counterparty",
            "description",
            "decision",
            "reverses",
            "reverses_seq",
            "reversed_by",
            "line_hash",
            "attachments",
            "created_at",
            "posted_at",
        ]
        read_only_fields = fields

    def get_reverses_seq(self, line: LedgerLine) -> int | None:
        return line.reverses.seq if line.reverses_id is not None else None  # type: ignore[union-attr]

    def get_reversed_by(self, line: LedgerLine) -> int | None:
        found = getattr(line, "reversed_by", None)
        return found.pk if found is not None else None


class LineCreateSerializer(serializers.Serializer[Any]):
    estate = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=LineKind.choices)
    category = serializers.ChoiceField(choices=ALL_CATEGORIES)
    occurred_on = serializers.DateField()
    amount = serializers.DecimalField(**MONEY, min_value=Decimal("0.01"))
    counterparty = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    description = serializers.CharField(required=False, allow_blank=True, default="")
    decision = serializers.IntegerField(required=False, allow_null=True, default=None)


class LineUpdateSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=LineKind.choices, required=False)
    category = serializers.ChoiceField(choices=ALL_CATEGORIES, required=False)
    occurred_on = serializers.DateField(required=False)
    amount = serializers.DecimalField(**MONEY, min_value=Decimal("0.01"), required=False)
    counterparty = serializers.CharField(max_length=200, required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)
    decision = serializers.IntegerField(required=False, allow_null=True)


class ReverseSerializer(serializers.Serializer[Any]):
    description = serializers.CharField(max_length=2000)
    occurred_on = serializers.DateField(required=False)


class SplitRuleSerializer(serializers.ModelSerializer[SplitRule]):
    firm_cost_share = serializers.DecimalField(**PERCENT)
    owners_share = serializers.DecimalField(**PERCENT)
    reinvestment_target = serializers.DecimalField(**PERCENT)
    staff_cost_cap = serializers.DecimalField(**PERCENT)
    maintenance_fund_minimum = serializers.DecimalField(**PERCENT, required=False, allow_null=True)

    class Meta:
        model = SplitRule
        fields = [
            "estate",
            "firm_cost_share",
            "owners_share",
            "reinvestment_target",
            "staff_cost_cap",
            "maintenance_fund_minimum",
            "updated_at",
        ]
        read_only_fields = ["estate", "updated_at"]


class FundMovementSerializer(serializers.ModelSerializer[FundMovement]):
    amount = serializers.DecimalField(**MONEY, read_only=True)
    decision_title = serializers.CharField(source="decision.title", read_only=True, default="")

    class Meta:
        model = FundMovement
        fields = [
            "id",
            "estate",
            "kind",
            "amount",
            "occurred_on",
            "description",
            "decision",
            "decision_title",
            "ledger_line",
            "created_at",
        ]
        read_only_fields = fields


class FundMovementCreateSerializer(serializers.Serializer[Any]):
    estate = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=FundMovementKind.choices)
    amount = serializers.DecimalField(**MONEY, min_value=Decimal("0.01"))
    occurred_on = serializers.DateField()
    description = serializers.CharField(required=False, allow_blank=True, default="")
    decision = serializers.IntegerField(required=False, allow_null=True, default=None)
    ledger_line = serializers.IntegerField(required=False, allow_null=True, default=None)


class FundBalanceSerializer(serializers.Serializer[Any]):
    estate = serializers.IntegerField()
    in_total = serializers.DecimalField(**MONEY)
    used_total = serializers.DecimalField(**MONEY)
    balance = serializers.DecimalField(**MONEY)


class FundBalanceQuerySerializer(serializers.Serializer[Any]):
    estate = serializers.IntegerField()


class StatementQuerySerializer(serializers.ModelSerializer[StatementQuery]):
    raised_by_name = serializers.CharField(source="raised_by.full_name", default="")
    answered_by_name = serializers.CharField(source="answered_by.full_name", default="")

    class Meta:
        model = StatementQuery
        fields = [
            "id",
            "question",
            "raised_by",
            "raised_by_name",
            "raised_at",
            "answer",
            "answered_by",
            "answered_by_name",
            "answered_at",
        ]
        read_only_fields = fields


class StatementQueryCreateSerializer(serializers.Serializer[Any]):
    question = serializers.CharField(max_length=4000)


class StatementAnswerSerializer(serializers.Serializer[Any]):
    answer = serializers.CharField(max_length=4000)


class StatementSerializer(serializers.ModelSerializer[Statement]):
    open_queries = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = Statement
        fields = [
            "id",
            "estate",
            "kind",
            "period_start",
            "period_end",
            "status",
            "head_seq",
            "head_hash",
            "open_queries",
            "submitted_at",
            "signed_off_at",
            "publish_due_at",
            "published_at",
        ]
        read_only_fields = fields


class SplitWarningSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    actual = serializers.CharField(required=False)
    limit = serializers.CharField(required=False)


class StatementSummarySerializer(serializers.Serializer[Any]):
    """The frozen figures of a submitted statement (empty for a draft)."""

    income_total = serializers.CharField(required=False)
    expense_total = serializers.CharField(required=False)
    net = serializers.CharField(required=False)
    income_by_category = serializers.DictField(child=serializers.CharField(), required=False)
    expense_by_category = serializers.DictField(child=serializers.CharField(), required=False)
    reinvestment = serializers.CharField(required=False)
    staff_cost = serializers.CharField(required=False)
    maintenance_fund_transfer = serializers.CharField(required=False)
    rule = serializers.DictField(allow_null=True, required=False)
    split = serializers.DictField(allow_null=True, required=False)
    warnings = SplitWarningSerializer(many=True, required=False)
    line_count = serializers.IntegerField(required=False)


class StatementDetailSerializer(StatementSerializer):
    summary = StatementSummarySerializer(read_only=True)
    note = serializers.CharField(read_only=True)
    queries = StatementQuerySerializer(many=True, read_only=True)
    witness_head = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()

    class Meta(StatementSerializer.Meta):
        fields = [
            *StatementSerializer.Meta.fields,
            "note",
            "summary",
            "queries",
            "witness_head",
            "actions",
        ]
        read_only_fields = fields

    def get_witness_head(self, statement: Statement) -> str | None:
        return self.context.get("witness_head")

    def get_actions(self, statement: Statement) -> list[str]:
        return actions_for(user=self.context["request"].user, statement=statement)


class StatementCreateSerializer(serializers.Serializer[Any]):
    estate = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=StatementKind.choices)
    period_start = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ChainMismatchSerializer(serializers.Serializer[Any]):
    seq = serializers.IntegerField()
    line_id = serializers.IntegerField(allow_null=True)
    stored_hash = serializers.CharField()
    computed_hash = serializers.CharField()


class VerifyQuerySerializer(serializers.Serializer[Any]):
    full = serializers.BooleanField(required=False, default=False)


class StatementVerificationSerializer(serializers.Serializer[Any]):
    ok = serializers.BooleanField()
    checked = serializers.IntegerField()
    head_seq = serializers.IntegerField()
    recomputed_head = serializers.CharField()
    statement_head = serializers.CharField()
    witness_head = serializers.CharField(allow_null=True)
    statement_matches = serializers.BooleanField()
    witness_matches = serializers.BooleanField(allow_null=True)
    first_mismatch = ChainMismatchSerializer(allow_null=True)
    gap_at = serializers.IntegerField(allow_null=True)
    from_seq = serializers.IntegerField(
        help_text="0: recomputed from the genesis; else from the witnessed head of "
        "checkpoint_statement at this seq (pass ?full=true to walk from seq 1)"
    )
    checkpoint_statement = serializers.IntegerField(allow_null=True)


class NoticeCheckQuerySerializer(serializers.Serializer[Any]):
    head = serializers.RegexField(
        r"^[0-9a-fA-F]{64}$",
        help_text="the chain head printed on the notice (64 hex digits)",
        error_messages={"invalid": _("需要 64 位十六进制的链头。")},
    )


class NoticeCheckSerializer(serializers.Serializer[Any]):
    statement_id = serializers.IntegerField()
    kind = serializers.CharField()
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    head_seq = serializers.IntegerField()
    published_at = serializers.DateTimeField(allow_null=True)
    matches_statement = serializers.BooleanField()
    matches_witness = serializers.BooleanField(allow_null=True)
