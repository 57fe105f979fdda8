"""Demo customers: names, companies, cities, sources, tags, phones and e-mails, with the normalised
forms and the search-index text the service would store for them.

At 100,000 customers the exact service functions (phonenumbers, email-validator) would take longer
than everything else together, so the generator computes the same results directly for the shapes
of number and address it makes, and checks itself against the service functions on the first
numbers and addresses of every run; if they ever disagree (say a phone region setting changes how a
number reads), it uses the service functions for the rest of the run.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from touchdesk.data.demo_pools import Pools
from touchdesk.data.validation import normalize_email, normalize_phone, phone_search_forms
from touchdesk.textnorm import digits_only, search_tokens

_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
CHECKED = 64  # how many phones and e-mails per run are checked against the service functions


def _cumulative(weights: Sequence[float]) -> list[float]:
    total = float(sum(weights))
    out, running = [], 0.0
    for w in weights:
        running += w
        out.append(running / total)
    out[-1] = 1.0
    return out


@dataclass(slots=True)
class Person:
    """One demo customer's own fields, ready for the customer, phone, e-mail, tag and index rows."""

    name: str
    company: str
    city: str
    source: str
    notes: str
    tags: list[str]
    phones: list[tuple[str, str]]  # (as written, normalised)
    emails: list[tuple[str, str]]
    index_body: str


class Normalizer:
    """Normalised phones, e-mails and phone search forms, exactly as the service computes them."""

    def __init__(self, locale: str, region: str | None) -> None:
        self.locale = locale
        self.region = region
        self.checks = CHECKED
        self.exact = False  # True once a shortcut disagreed: use the service functions only

    def phone(self, display: str) -> tuple[str, list[str]]:
        """The normalised form and the search forms of a generated number."""
        if self.exact:
            normalized = normalize_phone(display, self.region).normalized
            return normalized, phone_search_forms(normalized, display)
        digits = digits_only(display)
        if self.locale == "fa":
            national = digits[1:]
            normalized = "98" + national
        else:
            normalized = digits
            national = digits[2:]
        forms = sorted({digits, normalized, national, "0" + national})
        if self.checks:
            self.checks -= 1
            real = normalize_phone(display, self.region).normalized
            real_forms = phone_search_forms(real, display)
            if (real, real_forms) != (normalized, forms):
                self.exact = True
                return real, real_forms
        return normalized, forms

    def email(self, address: str) -> str:
        if self.exact:
            return normalize_email(address)
        normalized = address.lower()
        if self.checks:
            self.checks -= 1
            real = normalize_email(address)
            if real != normalized:
                self.exact = True
                return real
        return normalized


class PeopleMaker:
    """Makes the customer fields for consecutive customer ids from a seeded generator."""

    def __init__(self, rng: random.Random, pools: Pools, locale: str, region: str | None) -> None:
        self.rng = rng
        self.pools = pools
        self.locale = locale
        self.norm = Normalizer(locale, region)
        self.city_cum = _cumulative([w for _c, w in pools.cities])
        self.source_cum = _cumulative([w for _s, w in pools.sources])
        self._tokens: dict[str, str] = {}

    def _folded(self, text: str) -> str:
        """The index text of a pooled string (names, cities, tags repeat, so remember them)."""
        found = self._tokens.get(text)
        if found is None:
            found = " ".join(search_tokens(text))
            if len(self._tokens) < 200_000:
                self._tokens[text] = found
        return found

    def _mobile(self, key: int) -> str:
        """A mobile number unique to ``key`` (a bijection of the subscriber digits)."""
        rng, pools = self.rng, self.pools
        prefix = pools.mobile_prefixes[int(rng.random() * len(pools.mobile_prefixes))]
        style = rng.random()
        if self.locale == "fa":
            rest = f"{(key * 7919 + 1_234_567) % 10_000_000:07d}"
            if style < 0.6:
                return f"{prefix} {rest[:3]} {rest[3:]}"
            if style < 0.85:
                return prefix + rest
            return (prefix + rest).translate(_PERSIAN)
        rest = f"{(key * 7919 + 123_457) % 1_000_000:06d}"
        return f"+44 {prefix} {rest}" if style < 0.7 else f"+44{prefix}{rest}"

    def make(self, customer_id: int) -> Person:
        rng, pools = self.rng, self.pools
        random_ = rng.random
        first, first_latin = pools.first_names[int(random_() * len(pools.first_names))]
        last, last_latin = pools.last_names[int(random_() * len(pools.last_names))]
        name = f"{first} {last}"
        company = slug = ""
        if random_() < 0.28:
            head = int(random_() * len(pools.company_heads))
            tail = int(random_() * len(pools.company_tails))
            company = f"{pools.company_heads[head]} {pools.company_tails[tail]}"
            slug = pools.company_slugs[head if pools.company_name_first else tail]
        city = pools.cities[bisect(self.city_cum, random_())][0]
        source = pools.sources[bisect(self.source_cum, random_())][0]
        # Sorted as a loaded customer lists them (by name), so the index text matches a re-index.
        tags = sorted(tag for tag, share in pools.tags if random_() < share)
        notes = ""
        if random_() < 0.2:
            notes = pools.customer_notes[int(random_() * len(pools.customer_notes))]
        raw_phones = []
        if random_() < 0.96:
            raw_phones.append(self._mobile(2 * customer_id))
        if random_() < 0.12:
            raw_phones.append(self._mobile(2 * customer_id + 1))
        raw_emails = []
        if random_() < 0.72:
            domain = pools.mail_domains[int(random_() * len(pools.mail_domains))]
            style = random_()
            local = (
                f"{first_latin}.{last_latin}" if style < 0.6 else f"{first_latin[0]}{last_latin}"
            )
            raw_emails.append(f"{local}{customer_id}@{domain}")
        if slug and random_() < 0.6:
            tld = "co.uk" if self.locale == "en" else "ir"
            raw_emails.append(f"{first_latin}.{customer_id}@{slug}.{tld}")
        phones, phone_forms = [], []
        for display in raw_phones:
            normalized, forms = self.norm.phone(display)
            phones.append((display, normalized))
            phone_forms.extend(forms)
        emails = [(address, self.norm.email(address)) for address in raw_emails]
        # The same text search.index_body makes: name, company, city, tags, e-mails, phone forms.
        parts = [self._folded(p) for p in (name, company, city, *tags) if p]
        parts += [" ".join(search_tokens(address)) for address in raw_emails]
        parts += phone_forms
        return Person(name, company, city, source, notes, tags, phones, emails, " ".join(parts))
