"""Weights: either side proposes, both must sign; until then the platform default applies and
the score says so. The firm alone cannot steer the score."""

from __future__ import annotations

from django_tenants.utils import schema_context

from tests.helpers import login

FIRM_FAVOURITE = {
    "satisfaction": 5,
    "inspection_pass": 5,
    "rectification": 5,
    "complaint_on_time": 70,
    "complaint_reopen": 5,
    "complaint_rating": 5,
    "complaint_response": 5,
}


def _current(client, cast) -> dict:
    answer = client.get(f"/api/v1/scoring/weights/current/?estate={cast.a.estates['A1']}")
    assert answer.status_code == 200, answer.content
    return answer.json()


def test_a_firm_proposal_is_not_in_force_until_the_committee_signs(cast, db):
    firm = login(cast.a.manager)
    proposed = firm.post(
        "/api/v1/scoring/weights/",
        {"estate": cast.a.estates["A1"], "weights": FIRM_FAVOURITE},
        format="json",
    )
    assert proposed.status_code == 201, proposed.content
    agreement = proposed.json()
    assert agreement["status"] == "pending" and agreement["firm_signed_at"]
    current = _current(firm, cast)
    assert current["source"] == "default" and current["weights"]["satisfaction"] == 40
    assert current["pending"]["id"] == agreement["id"]
    # the firm signing again changes nothing
    again = firm.post(f"/api/v1/scoring/weights/{agreement['id']}/sign/")
    assert again.status_code == 409 and again.json()["code"] == "already_signed"
    assert (
        login(cast.a.resident).post(f"/api/v1/scoring/weights/{agreement['id']}/sign/").status_code
        == 403
    )
    assert _current(firm, cast)["source"] == "default"
    signed = login(cast.a.committee).post(f"/api/v1/scoring/weights/{agreement['id']}/sign/")
    assert signed.status_code == 200 and signed.json()["status"] == "agreed"
    current = _current(firm, cast)
    assert current["source"] == "agreed" and current["weights"] == FIRM_FAVOURITE


def test_weights_must_cover_every_input_and_sum_to_100(cast, db):
    from scoring.models import WeightAgreement

    committee = login(cast.a.committee)
    for weights in (
        {**FIRM_FAVOURITE, "satisfaction": 6},
        {k: v for k, v in FIRM_FAVOURITE.items() if k != "satisfaction"},
        {**FIRM_FAVOURITE, "satisfaction": -5, "complaint_on_time": 80},
    ):
        bad = committee.post(
            "/api/v1/scoring/weights/",
            {"estate": cast.a.estates["A1"], "weights": weights},
            format="json",
        )
        assert bad.status_code == 400, weights
    with schema_context(cast.a.schema):
        assert not WeightAgreement.objects.exists()


def test_staff_and_other_estates_cannot_propose(cast, db):
    from scoring.models import WeightAgreement

    body = {"estate": cast.a.estates["A1"], "weights": FIRM_FAVOURITE}
    assert (
        login(cast.a.staff).post("/api/v1/scoring/weights/", body, format="json").status_code == 403
    )
    assert (
        login(cast.a.resident).post("/api/v1/scoring/weights/", body, format="json").status_code
        == 403
    )
    other = {"estate": cast.a.estates["A2"], "weights": FIRM_FAVOURITE}
    assert (
        login(cast.a.manager).post("/api/v1/scoring/weights/", other, format="json").status_code
        == 404
    )
    assert (
        login(cast.a.committee).post("/api/v1/scoring/weights/", other, format="json").status_code
        == 404
    )
    with schema_context(cast.a.schema):
        assert not WeightAgreement.objects.exists()
