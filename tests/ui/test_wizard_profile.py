"""The profile page takes any amount the way people type it (Latin or Persian digits, thousands
separators) and refuses anything else with a message by the field, keeping Next disabled."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QWizard

from tests.ui.plan_helpers import open_wizard
from touchdesk import formatting

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


@settings(max_examples=60)
@given(
    units=st.integers(min_value=0, max_value=10**12),
    cents=st.integers(min_value=0, max_value=99),
    persian=st.booleans(),
    grouped=st.booleans(),
)
def test_any_typed_amount_becomes_the_budget(ctx, qtbot, units, cents, persian, grouped):  # type: ignore[no-untyped-def]
    wizard = open_wizard(qtbot, ctx)
    text = f"{units:,}" if grouped else str(units)
    if cents:
        text += f".{cents:02d}"
    if persian:
        text = text.translate(PERSIAN).replace(",", "٬").replace(".", "٫")
    wizard.profile.budget.setText(text)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    assert wizard.state.profile.budget_cents == units * 100 + cents
    assert wizard.state.profile.budget_cents == formatting.parse_money(text)
    wizard.close()


@settings(max_examples=60)
@given(text=st.text(alphabet=st.sampled_from("abcxyz-+/ ۱۲,.٫e"), min_size=1, max_size=12))
def test_what_is_not_an_amount_keeps_next_disabled(ctx, qtbot, text):  # type: ignore[no-untyped-def]
    try:
        formatting.parse_money(text)
    except ValueError:
        pass
    else:
        return  # an amount after all (e.g. "۱۲"): covered above
    wizard = open_wizard(qtbot, ctx)
    wizard.profile.budget.setText(text)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert not wizard.profile.validatePage()
    assert wizard.profile.errors.message("budget")
    wizard.close()
