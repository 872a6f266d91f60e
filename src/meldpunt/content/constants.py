# The information pages shipped with the application (content/seed/<slug>.<nl|en>.md), in the order
# the public list shows them. `content_load_if_empty` creates the ones that do not exist yet.
SEED_PAGES = ("wat-doet-het-meldpunt", "klachtenprocedure", "rechten-en-plichten", "privacy", "toegankelijkheid")
