"""The planning wizard (seed 002's four steps as six pages): business profile, the customer's
journey, feasible touchpoints sized to the budget, dated tasks, automation rules and a summary that
saves the plan. One module per page; ``wizard.PlanWizard`` puts them together and
``wizard.open_plan_wizard`` is what menus and the Plan view call."""
