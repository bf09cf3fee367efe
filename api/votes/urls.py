from __future__ import annotations

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("votes", views.VoteViewSet, basename="vote")
urlpatterns = router.urls
