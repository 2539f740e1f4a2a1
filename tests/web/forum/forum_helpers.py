"""The demo users the dashboard tests sign in as (password "demo")."""

FORUM = "forum@exempel.se"
LEADER = "projektledare@exempel.se"
ADMIN = "admin@exempel.se"
CONTACT = "kontakt.jonkoping@exempel.se"
