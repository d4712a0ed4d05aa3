## The technician's work
tech-title = My work — Switchboard
tech-heading = My work
tech-tab-mine = Mine
tech-tab-queue = Queue
tech-loading = Loading…
tech-empty = Nothing here right now.
