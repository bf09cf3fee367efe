from __future__ import annotations

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("responsibilities", views.ResponsibilityViewSet, basename="responsibility")
urlpatterns = router.urls
