"""The Dashboard's charts (QtCharts, imported only when the Dashboard opens): outcomes by stage as
stacked bars, reply times by channel and the stage funnel. Every chart is rebuilt from plain
figures, mirrors in right-to-left layouts (values grow to the left, names on the right) and shows
numbers in the user's digits."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from touchdesk.i18n import _
from touchdesk.ui.language import qt_locale

MIN_HEIGHT = 240
ROW_HEIGHT = 16  # per bar, so long category lists keep readable names
Series = tuple[str, str, Sequence[float]]  # (name, colour, one value per category)


class ChartBox(QWidget):
    """A titled chart that can also say "nothing to show" instead of drawing empty axes."""

    def __init__(self, title: str, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = QChartView()
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(MIN_HEIGHT)
        self.empty = QLabel(empty_text)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #5b6673;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)
        heading = QLabel(f"<b>{title}</b>")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.stack, 1)
        self.series: QAbstractBarSeries | None = None

    def show_bars(
        self,
        categories: Sequence[str],
        series: Sequence[Series],
        *,
        stacked: bool = False,
        value_title: str = "",
        decimals: int = 0,
    ) -> None:
        """Horizontal bars, one row per category (the first on top)."""
        if not categories or not any(v for _n, _c, values in series for v in values):
            self.series = None
            self._replace(QChart())
            self.stack.setCurrentWidget(self.empty)
            return
        rtl = self.isRightToLeft()
        rows = len(categories) * (len(series) if not stacked else 1)
        self.view.setMinimumHeight(max(MIN_HEIGHT, 90 + ROW_HEIGHT * rows))
        chart = QChart()
        chart.setLocalizeNumbers(True)
        chart.setLocale(qt_locale())
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().setVisible(len(series) > 1)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setMargins(QMargins(0, 0, 0, 0))
        bars = QHorizontalStackedBarSeries() if stacked else QHorizontalBarSeries()
        # Bars are drawn bottom-up; reverse so the first category is on top.
        for name, colour, values in series:
            bar_set = QBarSet(name)
            bar_set.setColor(QColor(colour))
            bar_set.setBorderColor(QColor(colour))
            bar_set.append([float(v) for v in reversed(list(values))])
            bars.append(bar_set)
        chart.addSeries(bars)
        names = QBarCategoryAxis()
        names.append(list(reversed(list(categories))))
        values_axis = QValueAxis()
        top = max(
            (sum(col) for col in zip(*(v for _n, _c, v in series), strict=True))
            if stacked
            else (max(v) for _n, _c, v in series if v),
            default=1,
        )
        values_axis.setRange(0, max(float(top), 1.0) * 1.05)
        values_axis.setLabelFormat(f"%.{decimals}f")
        values_axis.applyNiceNumbers()
        values_axis.setReverse(rtl)
        if value_title:
            values_axis.setTitleText(value_title)
        chart.addAxis(names, Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(values_axis, Qt.AlignmentFlag.AlignBottom)
        bars.attachAxis(names)
        bars.attachAxis(values_axis)
        self.series = bars
        self._replace(chart)
        self.stack.setCurrentWidget(self.view)

    def values(self) -> dict[str, list[float]]:
        """Set name → values per category, top category first (what the chart shows)."""
        if self.series is None:
            return {}
        return {
            s.label(): list(reversed([s.at(i) for i in range(s.count())]))
            for s in self.series.barSets()
        }

    def _replace(self, chart: QChart) -> None:
        old = self.view.chart()
        self.view.setChart(chart)
        if old is not None and old is not chart:
            old.deleteLater()


def no_data_text() -> str:
    return _("Nothing to show for this month.")
