"""How data comes IN: WTForms classes built from Indicator rows, and the offline Excel form.

Never imports `tracker.web` and never touches the request: views pass what a form needs.
"""
