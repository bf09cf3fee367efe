"""committee: who the owners' committee (业委会) of an estate is, and who may act in its name.

The committee is not the firm's decision: a seat exists because a filing (备案) that a neutral
party confirmed says so. Every module that gives the committee a power (verify a
rectification, sign off a statement, open a survey, enter a paper ballot) asks
`committee.selectors.is_supervisor` / `supervised_estate_ids`, never the role grants alone:
a committee member can still READ an estate through estates.selectors.scope_for while their
seat is unconfirmed, but has no supervision powers."""

from __future__ import annotations

from django.apps import AppConfig


class CommitteeConfig(AppConfig):
    name = "committee"
    verbose_name = "Owners' committee"
