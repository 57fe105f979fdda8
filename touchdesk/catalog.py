"""The domain vocabulary: stages, the 20 built-in touchpoints, channels, outcomes, directions.

Keys are stable contracts (CSV columns, JSON output, the database); names shown to users come from
the translation function. User-added touchpoints live in the database with both names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from touchdesk.i18n import N_, _

if TYPE_CHECKING:
    from collections.abc import Iterable

    from touchdesk.data.records import TouchpointTypeRow


@dataclass(frozen=True, slots=True)
class Term:
    """A stable key with its English name (translated when shown)."""

    key: str
    name: str

    @property
    def label(self) -> str:
        return _(self.name)


@dataclass(frozen=True, slots=True)
class BuiltinTouchpoint:
    key: str
    stage: str
    name: str
    name_fa: str

    @property
    def label(self) -> str:
        return _(self.name)


STAGES: Final = (
    Term("before_purchase", N_("Before purchase")),
    Term("during_purchase", N_("During purchase")),
    Term("after_purchase", N_("After purchase")),
    Term("customer_service", N_("Customer service")),
)
STAGE_KEYS: Final = tuple(s.key for s in STAGES)

TOUCHPOINTS: Final = (
    BuiltinTouchpoint("social_media", "before_purchase", N_("Social media"), "رسانه‌های اجتماعی"),
    BuiltinTouchpoint(
        "online_advertising", "before_purchase", N_("Online advertising"), "تبلیغات آنلاین"
    ),
    BuiltinTouchpoint(
        "digital_content",
        "before_purchase",
        N_("Digital marketing content"),
        "محتوای بازاریابی دیجیتال",
    ),
    BuiltinTouchpoint("company_events", "before_purchase", N_("Company events"), "رویدادهای شرکت"),
    BuiltinTouchpoint("peer_referral", "before_purchase", N_("Peer referral"), "ارجاع دوستان"),
    BuiltinTouchpoint(
        "sales_conversation",
        "during_purchase",
        N_("Conversation with a representative"),
        "گفتگو با نمایندگان شرکت",
    ),
    BuiltinTouchpoint(
        "product_catalog", "during_purchase", N_("Product catalog"), "کاتالوگ محصولات"
    ),
    BuiltinTouchpoint("ecommerce", "during_purchase", N_("E-commerce"), "تجارت الکترونیک"),
    BuiltinTouchpoint("product_reviews", "during_purchase", N_("Product reviews"), "بررسی محصولات"),
    BuiltinTouchpoint("point_of_sale", "during_purchase", N_("Point of sale"), "نقطه فروش"),
    BuiltinTouchpoint(
        "thank_you", "after_purchase", N_("Thank-you letter"), "نامه‌های تشکر از خرید"
    ),
    BuiltinTouchpoint(
        "feedback_survey", "after_purchase", N_("Product feedback survey"), "بررسی بازخورد محصولات"
    ),
    BuiltinTouchpoint(
        "upsell_cross_sell",
        "after_purchase",
        N_("Upsell / cross-sell e-mail"),
        "ایمیل‌های بیش‌فروش و فروش جانبی",
    ),
    BuiltinTouchpoint("billing", "after_purchase", N_("Billing"), "صورتحساب"),
    BuiltinTouchpoint(
        "subscription_renewal", "after_purchase", N_("Subscription renewal"), "تمدید اشتراک"
    ),
    BuiltinTouchpoint(
        "support_channels", "customer_service", N_("Support channels"), "کانال‌های پشتیبانی مشتری"
    ),
    BuiltinTouchpoint(
        "customer_success",
        "customer_service",
        N_("Customer success program"),
        "برنامه‌های موفقیت مشتری",
    ),
    BuiltinTouchpoint(
        "onboarding", "customer_service", N_("Onboarding"), "آموزش و راه‌اندازی مشتری"
    ),
    BuiltinTouchpoint(
        "loyalty_program", "customer_service", N_("Loyalty program"), "برنامه‌های وفاداری مشتری"
    ),
    BuiltinTouchpoint(
        "self_service", "customer_service", N_("Self-service resources"), "منابع سلف سرویس"
    ),
)
TOUCHPOINT_KEYS: Final = tuple(t.key for t in TOUCHPOINTS)
TOUCHPOINT_BY_KEY: Final = {t.key: t for t in TOUCHPOINTS}

CHANNELS: Final = (
    Term("phone", N_("Phone")),
    Term("sms", N_("SMS")),
    Term("email", N_("E-mail")),
    Term("social", N_("Social media / messenger")),
    Term("website", N_("Website")),
    Term("chat", N_("Online chat")),
    Term("in_person", N_("In person")),
    Term("event", N_("Event")),
    Term("marketplace", N_("Marketplace")),
    Term("post", N_("Post")),
    Term("other", N_("Other")),
)
CHANNEL_KEYS: Final = tuple(c.key for c in CHANNELS)

OUTCOMES: Final = (
    Term("positive", N_("Positive")),
    Term("neutral", N_("Neutral")),
    Term("negative", N_("Negative")),
    Term("decision", N_("Decision point")),
)
OUTCOME_KEYS: Final = tuple(o.key for o in OUTCOMES)
# Journey-map colours of seed 002: green, grey, red, and yellow for an open decision.
OUTCOME_COLORS: Final = {
    "positive": "#2e9d4f",
    "neutral": "#8a8f98",
    "negative": "#d1453b",
    "decision": "#e0b000",
}

DIRECTIONS: Final = (Term("inbound", N_("Inbound")), Term("outbound", N_("Outbound")))
DIRECTION_KEYS: Final = tuple(d.key for d in DIRECTIONS)

BUSINESS_KINDS: Final = (
    Term("shop", N_("Shop")),
    Term("online_shop", N_("Online shop")),
    Term("subscription", N_("Subscription / SaaS")),
    Term("services", N_("Services / B2B")),
    Term("other", N_("Other")),
)
BUSINESS_KIND_KEYS: Final = tuple(b.key for b in BUSINESS_KINDS)

_TERMS: Final = {
    "stage": {t.key: t for t in STAGES},
    "channel": {t.key: t for t in CHANNELS},
    "outcome": {t.key: t for t in OUTCOMES},
    "direction": {t.key: t for t in DIRECTIONS},
    "business": {t.key: t for t in BUSINESS_KINDS},
}


def label(kind: str, key: str) -> str:
    """The translated name of a stage, channel, outcome, direction or business kind key."""
    term = _TERMS[kind].get(key)
    return term.label if term else key


def stage_label(key: str) -> str:
    return label("stage", key)


def channel_label(key: str) -> str:
    return label("channel", key)


def outcome_label(key: str) -> str:
    return label("outcome", key)


def direction_label(key: str) -> str:
    return label("direction", key)


def terms(kind: str) -> tuple[Term, ...]:
    return tuple(_TERMS[kind].values())


def touchpoint_labels(rows: Iterable[TouchpointTypeRow], lang: str) -> dict[str, str]:
    """The shown name of every touchpoint in ``rows`` in language ``lang``: a built-in one's
    translated name, a user's own one the name given in that language (English when none)."""
    labels = {}
    for row in rows:
        builtin = TOUCHPOINT_BY_KEY.get(row.key)
        if builtin is not None and row.builtin:
            labels[row.key] = builtin.label
        else:
            labels[row.key] = row.name_fa if lang == "fa" and row.name_fa else row.name_en
    return labels
