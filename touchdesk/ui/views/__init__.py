"""The screens of the main window. Adding a screen is one line in ``VIEWS``: its key, its title
and where its class lives (imported only when the screen is first opened, so start-up never pays
for charts or reports). Navigation shows only screens whose module exists — never a fake one.

A view class takes ``(ctx: AppContext, parent)``, is a ``QWidget``, and may define
``badge_changed = Signal(int)`` (a count shown beside its name), ``focus_search()``,
``save_state(store)``/``restore_state(store)`` and ``on_shown()``.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass

from touchdesk.i18n import N_, _


@dataclass(frozen=True, slots=True)
class ViewSpec:
    key: str
    title: str  # untranslated; shown through _()
    target: str  # "package.module:ClassName"

    @property
    def label(self) -> str:
        return _(self.title)

    @property
    def module(self) -> str:
        return self.target.partition(":")[0]

    def exists(self) -> bool:
        try:
            return importlib.util.find_spec(self.module) is not None
        except ModuleNotFoundError:
            return False

    def load(self) -> type:
        module = importlib.import_module(self.module)
        return getattr(module, self.target.partition(":")[2])


VIEWS: tuple[ViewSpec, ...] = (
    ViewSpec("today", N_("Today"), "touchdesk.ui.views.today:TodayView"),
    ViewSpec("customers", N_("Customers"), "touchdesk.ui.views.customers:CustomersView"),
    ViewSpec("journey", N_("Journey"), "touchdesk.ui.views.journey:JourneyView"),
    ViewSpec("dashboard", N_("Dashboard"), "touchdesk.ui.views.dashboard:DashboardView"),
    ViewSpec("plan", N_("Plan"), "touchdesk.ui.views.plan:PlanView"),
    ViewSpec("reports", N_("Reports"), "touchdesk.ui.views.reports:ReportsView"),
    ViewSpec("settings", N_("Settings"), "touchdesk.ui.views.settings:SettingsView"),
)


def available() -> list[ViewSpec]:
    """The screens that exist in this build, in navigation order."""
    return [v for v in VIEWS if v.exists()]
