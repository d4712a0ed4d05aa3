## Il lavoro del tecnico
tech-title = Il mio lavoro — Switchboard
tech-heading = Il mio lavoro
tech-tab-mine = I miei
tech-tab-queue = Coda
tech-loading = Caricamento…
tech-empty = Al momento non c'è nulla qui.
