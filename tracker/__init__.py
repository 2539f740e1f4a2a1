"""Follow-up of the biogas agreement of Jönköpings län: the core and the web app (`tracker.app.create_app`)."""
