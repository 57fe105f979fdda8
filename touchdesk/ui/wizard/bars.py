"""Budget and hours used, as two bars that turn red when a plan goes over (wizard and Plan view).

The bars count in thousandths of the limit, so amounts in Toman hundredths never overflow Qt's
32-bit range; the words beside each bar carry the exact figures."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from touchdesk.i18n import _
from touchdesk.ui.wizard.describe import over_text

SCALE = 1000
OK_COLOR = "#2e9d4f"
OVER_COLOR = "#b00020"


def _style(color: str) -> str:
    return (
        "QProgressBar { border: 1px solid #9aa0a6; border-radius: 3px; background: #f1f3f4;"
        " min-height: 16px; max-height: 16px; }"
        f" QProgressBar::chunk {{ background: {color}; }}"
    )


class UsageBar(QWidget):
    """One bar and the sentence under it ("$270.00 of $500.00 — over by …")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setRange(0, SCALE)
        self.bar.setTextVisible(False)
        self.text = QLabel()
        self.text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.bar)
        layout.addWidget(self.text)
        self.over = False

    def show_usage(self, used: int, limit: int, *, money: bool, currency: str) -> None:
        value = min(SCALE, used * SCALE // limit) if limit > 0 else (SCALE if used else 0)
        self.over = used > limit
        self.bar.setValue(value)
        self.bar.setStyleSheet(_style(OVER_COLOR if self.over else OK_COLOR))
        self.text.setText(over_text(used, limit, money, currency))
        self.text.setStyleSheet(f"color: {OVER_COLOR};" if self.over else "")


class TotalsBars(QWidget):
    """Budget and hours bars side by side in a form."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.budget = UsageBar()
        self.budget.setObjectName("budgetBar")
        self.hours = UsageBar()
        self.hours.setObjectName("hoursBar")
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(_("Budget used:"), self.budget)
        form.addRow(_("Hours used:"), self.hours)

    def show_totals(
        self, cost_cents: int, budget_cents: int, hours: int, hours_limit: int, currency: str
    ) -> None:
        self.budget.show_usage(cost_cents, budget_cents, money=True, currency=currency)
        self.hours.show_usage(hours, hours_limit, money=False, currency=currency)
