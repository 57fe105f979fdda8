"""``touchdesk plan``: the JSON contract of ``suggest``, Persian digits, saving, listing, rules."""

from __future__ import annotations

import json

from touchdesk.cli import main


def run(capsys, db_url, *args: str) -> tuple[int, str]:
    code = main(["--db", db_url, "plan", *args])
    out, _err = capsys.readouterr()
    return code, out


SUGGEST = ("suggest", "--business", "online_shop", "--team", "1", "--hours", "60")


def test_suggest_json_contract(capsys, db_url):
    code, out = run(
        capsys,
        db_url,
        *SUGGEST,
        "--budget",
        "400",
        "--currency",
        "USD",
        "--stages",
        "before_purchase,customer_service",
        "after_purchase",
        "--json",
    )
    assert code == 0
    data = json.loads(out)
    assert set(data) >= {
        "chosen",
        "left_out",
        "total_cost",
        "total_hours",
        "impact",
        "uncovered_stages",
    }
    assert data["stages"] == ["before_purchase", "customer_service", "after_purchase"]
    assert data["chosen"] and data["left_out"]
    for c in data["chosen"]:
        assert set(c) >= {"touchpoint", "version", "cost", "hours", "why"}
        assert c["version"] in ("full", "lean")
    assert sum(float(c["cost"]) for c in data["chosen"]) == float(data["total_cost"]) <= 400
    assert sum(c["hours"] for c in data["chosen"]) == data["total_hours"] <= 60
    assert data["uncovered_stages"] == []
    support = next(c for c in data["chosen"] if c["touchpoint"] == "support_channels")
    assert support["version"] == "lean"
    assert "live chat instead of a knowledge base with ticketing" in support["why"]
    reasons = {o["touchpoint"]: o["reason"] for o in data["left_out"]}
    assert reasons["point_of_sale"] == "does not suit an online shop"


def test_persian_digits_give_the_same_answer(capsys, db_url):
    latin = run(capsys, db_url, *SUGGEST, "--budget", "50,000,000", "--currency", "IRT", "--json")
    persian = run(
        capsys,
        db_url,
        "suggest",
        "--business",
        "online_shop",
        "--team",
        "۱",
        "--hours",
        "۶۰",
        "--budget",
        "۵۰٬۰۰۰٬۰۰۰",
        "--currency",
        "IRT",
        "--json",
    )
    assert latin == persian
    assert json.loads(latin[1])["budget"] == "50000000"


def test_readable_table(capsys, db_url):
    code, out = run(capsys, db_url, *SUGGEST, "--budget", "0", "--currency", "USD", "--hours", "0")
    assert code == 0
    assert "Chosen touchpoints\n  none\n" in out
    assert "Social media: would exceed the budget by $20.00 and the hours by 12 h/month" in out
    assert "Total: $0.00 of $0.00 a month, 0 of 0 hours" in out


def test_bad_input_is_an_error(capsys, db_url):
    assert main(["--db", db_url, "plan", *SUGGEST, "--budget", "lots"]) == 1
    assert "not a number" in capsys.readouterr().err
    assert main(["--db", db_url, "plan", *SUGGEST, "--budget", "1", "--stages", "soon"]) == 1
    assert main(["--db", db_url, "plan", *SUGGEST[:-1], "1.5", "--budget", "1"]) == 1


def test_save_list_show_and_switch_rules(capsys, db_url):
    _code, out = run(
        capsys,
        db_url,
        *SUGGEST,
        "--budget",
        "400",
        "--currency",
        "USD",
        "--save",
        "--name",
        "Winter",
        "--owners",
        "Ali,Sara",
        "--json",
    )
    first = json.loads(out)["plan_id"]
    run(capsys, db_url, *SUGGEST, "--budget", "300", "--currency", "USD", "--save")
    _code, out = run(capsys, db_url, "list", "--json")
    plans = json.loads(out)
    assert [(p["version"], p["active"], p["name"]) for p in plans] == [
        (2, True, "Winter"),
        (1, False, "Winter"),
    ]
    assert plans[1]["id"] == first
    _code, out = run(capsys, db_url, "show", "--json")
    shown = json.loads(out)
    assert shown["version"] == 2 and shown["tasks"] and shown["rules"]
    assert {t["owner"] for t in shown["tasks"]} == {""}
    _code, out = run(capsys, db_url, "show", "--plan", str(first))
    assert "Plan 1: Winter v1" in out
    _code, out = run(capsys, db_url, "rules", "--json")
    rules = json.loads(out)
    assert all(r["enabled"] for r in rules)
    rid = rules[0]["id"]
    assert run(capsys, db_url, "rule", str(rid), "--off")[0] == 0
    _code, out = run(capsys, db_url, "rules")
    assert f"  {rid}  [off] " in out
    assert run(capsys, db_url, "rule", str(rid), "--delete")[0] == 0
    _code, out = run(capsys, db_url, "rules", "--json")
    assert rid not in {r["id"] for r in json.loads(out)}


def test_show_without_a_plan(capsys, db_url):
    code, out = run(capsys, db_url, "show")
    assert code == 1
    assert "No plans yet" in out
