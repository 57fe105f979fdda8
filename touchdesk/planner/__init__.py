"""The planning core of seed 002, free of Qt and SQL: catalog knowledge, journey templates, the exact
budget optimizer with its explanations, and the tasks and automation rules a plan turns into.

How the wizard uses it (every step goes through ``Workspace``, or these pure functions):

1. Profile: a ``records.PlanProfile`` (kind of business, team, budget in hundredths of a currency,
   hours, stages that matter).
2. Journey: ``ws.planning_knowledge().journey_template(kind)`` gives editable ``JourneyStep``s; put
   the edited steps in the profile (``journeys.touchpoints_for_step`` lists who serves a step).
3. Feasible touchpoints: ``ws.suggest_plan(profile)`` is the optimum; after a toggle,
   ``ws.evaluate_plan(profile, {key: "full"|"lean"})`` gives the new totals and sentences;
   ``ws.set_plan_cost`` remembers a corrected cost.
4. Tasks: ``tasks.generate_tasks(knowledge, suggestion.choices, start, owners)``.
5. Automate: ``tasks.suggested_rules(...)`` and ``tasks.tools_to_consider(...)``.
6. Save: ``ws.save_plan(suggestion, tasks, rules, name=..., revises=previous_id)``; track it with
   ``ws.plan(id)``, ``ws.active_plan()``, ``ws.plan_progress(id, month)``.

Nothing here imports the UI or the data layer.
"""
