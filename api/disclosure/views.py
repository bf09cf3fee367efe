"""The disclosure ledger over HTTP: decisions, ledger lines (drafts, posting, reversing,
attachments), split rules, the maintenance fund, and statements (review, queries, sign-off,
verification, the JSON-lines chain export for tools/verify_ledger.py). Thin: each write is one
service; reads go through disclosure.selectors (scope)."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.capabilities import (
    DISCLOSURE_KEEP,
    DISCLOSURE_LEDGER,
    DISCLOSURE_REVIEW,
    DISCLOSURE_VIEW,
)
from api.common import path_pk as _pk
from api.common import request_user as _user
from api.estates.views._common import XLSX
from api.schema import ErrorSerializer
from core.db import current_schema
from core.exceptions import NotFound
from disclosure import exports, selectors, services
from disclosure.exceptions import NotSnapshotted
from disclosure.models import (
    Decision,
    FundMovement,
    LedgerLine,
    LineAttachment,
    SplitRule,
    Statement,
    StatementQuery,
)
from disclosure.uploads import Upload
from estates.selectors import estate_get
from witness.selectors import witnessed_head

from . import serializers as s
from .filters import DecisionFilter, FundFilter, LineFilter, SplitRuleFilter, StatementFilter

# documents and attachments are served with the type their bytes really are (uploads.sniff)
FILE_RESPONSES: dict[Any, Any] = {
    (200, content_type): OpenApiTypes.BINARY
    for content_type in ("application/pdf", "image/jpeg", "image/png", "image/webp")
}


def _upload(file: Any) -> Upload:
    return Upload(name=file.name, content_type=getattr(file, "content_type", ""), data=file.read())


def _estate(request: Request, pk: int) -> Any:
    """An estate the user sees in full; each id named in a write is checked here and then
    against the books' keepers by the service."""
    return estate_get(user=_user(request), pk=pk, full=True)


class DecisionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Decision]
):
    queryset = Decision.objects.none()
    serializer_class = s.DecisionSerializer
    filterset_class = DecisionFilter
    parser_classes = [MultiPartParser, FormParser]
    lookup_value_regex = r"\d+"
    required_capabilities = {
        "list": DISCLOSURE_VIEW,
        "retrieve": DISCLOSURE_VIEW,
        "document": DISCLOSURE_VIEW,
        "create": DISCLOSURE_KEEP,
    }

    def get_queryset(self) -> QuerySet[Decision]:
        return selectors.decision_list(user=_user(self.request))

    @extend_schema(
        request={"multipart/form-data": s.DecisionCreateSerializer},
        responses={201: s.DecisionSerializer},
    )
    def create(self, request: Request) -> Response:
        data = s.DecisionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        decision = services.decision_record(
            user=_user(request),
            estate=_estate(request, v["estate"]),
            title=v["title"],
            description=v["description"],
            decided_on=v["decided_on"],
            document=_upload(v["document"]),
        )
        return Response(s.DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=FILE_RESPONSES)
    @action(detail=True, methods=["get"])
    def document(self, request: Request, pk: str) -> FileResponse:
        found = selectors.decision_get(user=_user(request), pk=_pk(pk))
        return FileResponse(
            found.document.open("rb"),
            content_type=found.content_type,
            filename=found.document_name or "document",
        )


class LineViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[LedgerLine]
):
    queryset = LedgerLine.objects.none()
    serializer_class = s.LineSerializer
    filterset_class = LineFilter
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    required_capabilities = {
        "list": DISCLOSURE_LEDGER,
        "retrieve": DISCLOSURE_LEDGER,
        "attachment": DISCLOSURE_LEDGER,
        "*": DISCLOSURE_KEEP,
    }

    def get_queryset(self) -> QuerySet[LedgerLine]:
        return selectors.line_list(user=_user(self.request))

    def _get(self, pk: str) -> LedgerLine:
        return selectors.line_get(user=_user(self.request), pk=_pk(pk))

    def _out(self, line: LedgerLine, code: int = 200) -> Response:
        fresh = selectors.line_get(user=_user(self.request), pk=line.pk)
        return Response(s.LineSerializer(fresh).data, status=code)

    @extend_schema(request=s.LineCreateSerializer, responses={201: s.LineSerializer})
    def create(self, request: Request) -> Response:
        data = s.LineCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        line = services.line_draft(
            user=_user(request),
            estate=_estate(request, v["estate"]),
            kind=v["kind"],
            category=v["category"],
            occurred_on=v["occurred_on"],
            amount=v["amount"],
            counterparty=v["counterparty"],
            description=v["description"],
            decision_id=v["decision"],
        )
        return self._out(line, status.HTTP_201_CREATED)

    @extend_schema(request=s.LineUpdateSerializer, responses={200: s.LineSerializer})
    def partial_update(self, request: Request, pk: str) -> Response:
        data = s.LineUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        extra: dict[str, Any] = {}
        if "decision" in v:
            extra["decision_id"] = v.pop("decision")
        line = services.line_update(user=_user(request), line=self._get(pk), **v, **extra)
        return self._out(line)

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, pk: str) -> Response:
        services.line_delete(user=_user(request), line=self._get(pk))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses={200: s.LineSerializer})
    # Not named `post`: a view's `post` attribute would answer POST on every route of this
    # viewset (the detail and the attachment URLs too), posting lines by accident.
    @action(detail=True, methods=["post"], url_path="post", url_name="post")
    def post_line(self, request: Request, pk: str) -> Response:
        return self._out(services.line_post(user=_user(request), line=self._get(pk)))

    @extend_schema(request=s.ReverseSerializer, responses={201: s.LineSerializer})
    @action(detail=True, methods=["post"])
    def reverse(self, request: Request, pk: str) -> Response:
        data = s.ReverseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        reversal = services.line_reverse(
            user=_user(request),
            line=self._get(pk),
            description=data.validated_data["description"],
            occurred_on=data.validated_data.get("occurred_on"),
        )
        return self._out(reversal, status.HTTP_201_CREATED)

    @extend_schema(
        request={"multipart/form-data": s.LineAttachmentCreateSerializer},
        responses={201: s.LineAttachmentSerializer},
    )
    @action(detail=True, methods=["post"])
    def attachments(self, request: Request, pk: str) -> Response:
        data = s.LineAttachmentCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        attachment = services.attachment_add(
            user=_user(request),
            line=self._get(pk),
            kind=data.validated_data["kind"],
            upload=_upload(data.validated_data["file"]),
        )
        return Response(s.LineAttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=FILE_RESPONSES)
    @action(detail=True, methods=["get"], url_path=r"attachments/(?P<attachment_id>\d+)")
    def attachment(self, request: Request, pk: str, attachment_id: str) -> FileResponse:
        line = self._get(pk)
        found = LineAttachment.objects.filter(pk=_pk(attachment_id), line=line).first()
        if found is None:
            raise NotFound()
        return FileResponse(
            found.file.open("rb"),
            content_type=found.content_type,
            filename=found.name or "attachment",
        )


class SplitRuleViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[SplitRule]
):
    """One rule per estate, addressed by the estate's id."""

    queryset = SplitRule.objects.none()
    serializer_class = s.SplitRuleSerializer
    filterset_class = SplitRuleFilter
    lookup_field = "estate"
    lookup_value_regex = r"\d+"
    http_method_names = ["get", "put", "head", "options"]
    required_capabilities = {
        "list": DISCLOSURE_VIEW,
        "retrieve": DISCLOSURE_VIEW,
        "update": DISCLOSURE_KEEP,
    }

    def get_queryset(self) -> QuerySet[SplitRule]:
        return selectors.split_rule_list(user=_user(self.request))

    @extend_schema(request=s.SplitRuleSerializer, responses={200: s.SplitRuleSerializer})
    def update(self, request: Request, estate: str) -> Response:
        data = s.SplitRuleSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        rule = services.split_rule_set(
            user=_user(request),
            estate=_estate(request, _pk(estate)),
            firm_cost_share=v["firm_cost_share"],
            owners_share=v["owners_share"],
            reinvestment_target=v["reinvestment_target"],
            staff_cost_cap=v["staff_cost_cap"],
            maintenance_fund_minimum=v.get("maintenance_fund_minimum"),
        )
        return Response(s.SplitRuleSerializer(rule).data)


class FundViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[FundMovement]):
    """The maintenance fund (维修资金): movements, and the balance."""

    queryset = FundMovement.objects.none()
    serializer_class = s.FundMovementSerializer
    filterset_class = FundFilter
    lookup_value_regex = r"\d+"
    required_capabilities = {
        "list": DISCLOSURE_VIEW,
        "balance": DISCLOSURE_VIEW,
        "create": DISCLOSURE_KEEP,
    }

    def get_queryset(self) -> QuerySet[FundMovement]:
        return selectors.fund_list(user=_user(self.request))

    @extend_schema(
        request=s.FundMovementCreateSerializer, responses={201: s.FundMovementSerializer}
    )
    def create(self, request: Request) -> Response:
        data = s.FundMovementCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        movement = services.fund_record(
            user=_user(request),
            estate=_estate(request, v["estate"]),
            kind=v["kind"],
            amount=v["amount"],
            occurred_on=v["occurred_on"],
            description=v["description"],
            decision_id=v["decision"],
            ledger_line_id=v["ledger_line"],
        )
        return Response(s.FundMovementSerializer(movement).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[s.FundBalanceQuerySerializer], responses={200: s.FundBalanceSerializer}
    )
    @action(detail=False, methods=["get"], pagination_class=None, filterset_class=None)
    def balance(self, request: Request) -> Response:
        query = s.FundBalanceQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        estate = estate_get(user=_user(request), pk=query.validated_data["estate"])
        figures = selectors.fund_balance(estate_id=estate.pk)
        return Response(s.FundBalanceSerializer({"estate": estate.pk, **figures}).data)


class _Counted:
    """A queryset with a count known in advance, for the paginator."""

    def __init__(self, qs: QuerySet[Any], count: int) -> None:
        self.qs, self.known = qs, count

    def count(self) -> int:
        return self.known

    def __len__(self) -> int:
        return self.known

    def __getitem__(self, key: Any) -> Any:
        return self.qs[key]


class StatementViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Statement]
):
    queryset = Statement.objects.none()
    serializer_class = s.StatementSerializer
    filterset_class = StatementFilter
    lookup_value_regex = r"\d+"
    required_capabilities = {
        "list": DISCLOSURE_VIEW,
        "retrieve": DISCLOSURE_VIEW,
        "lines": DISCLOSURE_VIEW,
        "verify": DISCLOSURE_VIEW,
        "chain": DISCLOSURE_VIEW,
        "create": DISCLOSURE_KEEP,
        "submit": DISCLOSURE_KEEP,
        "answer": DISCLOSURE_KEEP,
        "queries": DISCLOSURE_REVIEW,
        "sign_off": DISCLOSURE_REVIEW,
        "xlsx": DISCLOSURE_VIEW,
        "pdf": DISCLOSURE_VIEW,
    }

    def get_queryset(self) -> QuerySet[Statement]:
        return selectors.statement_list(user=_user(self.request)).order_by(
            "-period_start", "kind", "-id"
        )

    def _get(self, pk: str) -> Statement:
        return selectors.statement_get(user=_user(self.request), pk=_pk(pk))

    def _detail(self, statement: Statement, code: int = 200) -> Response:
        return self._detail_of(statement.pk, code)

    def _detail_of(self, pk: int, code: int = 200) -> Response:
        fresh = selectors.statement_get(user=_user(self.request), pk=pk, detail=True)
        witness = witnessed_head(schema_name=current_schema(), statement_id=fresh.pk)
        context = {
            **self.get_serializer_context(),
            "witness_head": witness.head if witness is not None else None,
        }
        return Response(s.StatementDetailSerializer(fresh, context=context).data, status=code)

    @extend_schema(responses={200: s.StatementDetailSerializer})
    def retrieve(self, request: Request, pk: str) -> Response:
        return self._detail_of(_pk(pk))

    @extend_schema(
        request=s.StatementCreateSerializer, responses={201: s.StatementDetailSerializer}
    )
    def create(self, request: Request) -> Response:
        data = s.StatementCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        statement = services.statement_draft(
            user=_user(request),
            estate=_estate(request, v["estate"]),
            kind=v["kind"],
            period_start=v["period_start"],
            note=v["note"],
        )
        return self._detail(statement, status.HTTP_201_CREATED)

    @extend_schema(responses={200: s.LineSerializer(many=True)})
    @action(detail=True, methods=["get"], filterset_class=None)
    def lines(self, request: Request, pk: str) -> Response:
        """The lines the statement shows, in seq order (paginated)."""
        statement = self._get(pk)
        qs = (
            selectors.statement_lines(statement)
            .prefetch_related("reverses", "reversed_by")
            .prefetch_related("attachments")
        )
        # the count is the one frozen with the figures (the lines up to the head never change):
        # no count(*) over the period's lines on every page
        frozen = (statement.summary or {}).get("line_count")
        lines = qs if frozen is None else _Counted(qs, int(frozen))
        page = self.paginate_queryset(cast(Any, lines))  # lines, paged like the statements
        return self.get_paginated_response(s.LineSerializer(cast(Any, page), many=True).data)

    @extend_schema(request=None, responses={200: s.StatementDetailSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str) -> Response:
        return self._detail(services.statement_submit(user=_user(request), statement=self._get(pk)))

    @extend_schema(
        request=s.StatementQueryCreateSerializer, responses={201: s.StatementDetailSerializer}
    )
    @action(detail=True, methods=["post"])
    def queries(self, request: Request, pk: str) -> Response:
        """A committee member raises a query (质询)."""
        data = s.StatementQueryCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        statement = self._get(pk)
        services.query_raise(
            user=_user(request), statement=statement, question=data.validated_data["question"]
        )
        return self._detail(statement, status.HTTP_201_CREATED)

    @extend_schema(
        request=s.StatementAnswerSerializer, responses={200: s.StatementDetailSerializer}
    )
    @action(detail=True, methods=["post"], url_path=r"queries/(?P<query_id>\d+)/answer")
    def answer(self, request: Request, pk: str, query_id: str) -> Response:
        data = s.StatementAnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        statement = self._get(pk)
        query = StatementQuery.objects.filter(pk=_pk(query_id), statement=statement).first()
        if query is None:
            raise NotFound()
        services.query_answer(
            user=_user(request), query=query, answer=data.validated_data["answer"]
        )
        return self._detail(statement)

    @extend_schema(request=None, responses={200: s.StatementDetailSerializer})
    @action(detail=True, methods=["post"], url_path="sign-off")
    def sign_off(self, request: Request, pk: str) -> Response:
        return self._detail(
            services.statement_sign_off(user=_user(request), statement=self._get(pk))
        )

    @extend_schema(
        request=None,
        parameters=[s.VerifyQuerySerializer],
        responses={200: s.StatementVerificationSerializer},
    )
    @action(detail=True, methods=["post"])
    def verify(self, request: Request, pk: str) -> Response:
        """Recompute the estate's chain up to the statement's head (from the last checkpoint the
        public witness holds, or from seq 1 with ?full=true); compare every line, the
        statement's head and the public witness's head."""
        query = s.VerifyQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        statement = self._get(pk)
        if statement.head_seq is None:
            raise NotSnapshotted()
        result = selectors.statement_verify(statement=statement, full=query.validated_data["full"])
        return Response(s.StatementVerificationSerializer(result.__dict__).data)

    @extend_schema(
        responses={
            (200, "application/x-ndjson"): OpenApiTypes.BINARY,
            409: OpenApiResponse(
                ErrorSerializer, description="Not submitted yet: the statement has no head."
            ),
        }
    )
    @action(detail=True, methods=["get"])
    def chain(self, request: Request, pk: str) -> StreamingHttpResponse:
        """JSON lines for `python3 tools/verify_ledger.py export.jsonl`: a header, every line of
        the estate's chain up to the statement's head, then the heads to check."""
        statement = self._get(pk)
        if statement.head_seq is None:
            raise NotSnapshotted()
        body = selectors.chain_export_lines(statement=statement, user=_user(request))
        response = StreamingHttpResponse(body, content_type="application/x-ndjson")
        name = f"ledger-{statement.estate_id}-{statement.kind}-{statement.period_start:%Y-%m}"
        response["Content-Disposition"] = f'attachment; filename="{name}.jsonl"'
        return response

    def _export_input(self, pk: str) -> tuple[Statement, list[LedgerLine], str]:
        statement = self._get(pk)
        if statement.head_seq is None:
            raise NotSnapshotted()
        lines = list(selectors.statement_lines(statement).select_related("reverses"))
        estate = estate_get(user=_user(self.request), pk=statement.estate_id)
        return statement, lines, estate.name

    def _file(self, body: bytes, statement: Statement, ext: str, content_type: str) -> HttpResponse:
        name = f"statement-{statement.estate_id}-{statement.kind}-{statement.period_start:%Y-%m}"
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}.{ext}"'
        return response

    @extend_schema(
        responses={
            (200, XLSX): OpenApiTypes.BINARY,
            409: OpenApiResponse(ErrorSerializer, description="Not submitted yet."),
        }
    )
    @action(detail=True, methods=["get"], filterset_class=None)
    def xlsx(self, request: Request, pk: str) -> HttpResponse:
        """The statement as a workbook: the figures and warnings, then every line."""
        statement, lines, estate_name = self._export_input(pk)
        body = exports.statement_xlsx(statement, lines, estate_name=estate_name)
        return self._file(body, statement, "xlsx", XLSX)

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            409: OpenApiResponse(ErrorSerializer, description="Not submitted yet."),
        }
    )
    @action(detail=True, methods=["get"], filterset_class=None)
    def pdf(self, request: Request, pk: str) -> HttpResponse:
        """The notice-board PDF, with the chain head as a QR code of the check page."""
        statement, lines, estate_name = self._export_input(pk)
        site = request.build_absolute_uri("/")
        body = exports.statement_pdf(statement, lines, estate_name=estate_name, site=site)
        return self._file(body, statement, "pdf", "application/pdf")


class NoticeCheckView(APIView):
    """Behind the QR code on a paper notice: anyone (no login) learns whether today's published
    statement still ends in the printed head and whether the platform witnessed that head."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []

    @extend_schema(
        parameters=[s.NoticeCheckQuerySerializer], responses={200: s.NoticeCheckSerializer}
    )
    def get(self, request: Request, pk: str) -> Response:
        query = s.NoticeCheckQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        result = selectors.notice_check(
            schema_name=current_schema(), pk=_pk(pk), head=query.validated_data["head"]
        )
        return Response(s.NoticeCheckSerializer(result.__dict__).data)
