"""Qt widgets, dialogs and table models. They call services only: no sessions, no SQL."""
