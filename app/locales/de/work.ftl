## Die Arbeitsliste der Technik
tech-title = Meine Arbeit — Switchboard
tech-heading = Meine Arbeit
tech-tab-mine = Meine
tech-tab-queue = Warteschlange
tech-loading = Wird geladen…
tech-empty = Zurzeit liegt hier nichts an.
