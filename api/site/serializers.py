from __future__ import annotations

from typing import Any

from rest_framework import serializers


class SiteFirmSerializer(serializers.Serializer[Any]):
    name = serializers.CharField()
    slug = serializers.CharField()


class SiteSerializer(serializers.Serializer[Any]):
    host_kind = serializers.ChoiceField(choices=["public", "firm"])
    firm = SiteFirmSerializer(allow_null=True)
    base_domain = serializers.CharField()
