from __future__ import annotations

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import config, desk, hot_topics, kpis, views

router = SimpleRouter()
router.register(
    "complaints/dispatch-groups", config.DispatchGroupViewSet, basename="dispatch-group"
)
router.register("complaints/dispatch-rules", config.DispatchRuleViewSet, basename="dispatch-rule")
router.register("complaints/sla-policies", config.SlaPolicyViewSet, basename="sla-policy")
router.register("complaints/hot-topics", hot_topics.HotTopicViewSet, basename="hot-topic")
router.register("complaints", views.RequestViewSet, basename="complaint")
urlpatterns = [
    path("complaints/kpis/", kpis.EstateKpisView.as_view(), name="complaint-kpis"),
    path(
        "complaints/kpis/estates/",
        kpis.EstatesComparedView.as_view(),
        name="complaint-kpis-estates",
    ),
    path("complaints/my-tasks/", desk.MyTasksView.as_view(), name="complaint-my-tasks"),
    path("complaints/export/", desk.RequestExportView.as_view(), name="complaint-export"),
    *router.urls,
]
