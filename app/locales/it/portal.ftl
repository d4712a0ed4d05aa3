# Il portale dei richiedenti: le mie richieste, il modulo di richiesta, la pagina del ticket e i
# piccoli elementi condivisi da tutte le superfici (età, orologi dei livelli di servizio).

## Età e intervalli di tempo
portal-age-just-now = adesso
portal-age-minutes = { $count } min
portal-age-hours = { $count } h
portal-age-days = { $count } g
portal-ago-just-now = poco fa
portal-ago-minutes = { $count } min fa
portal-ago-hours = { $count ->
    [one] un'ora
   *[other] { $count } ore
} fa
portal-ago-days = { $count ->
    [one] un giorno
   *[other] { $count } giorni
} fa
portal-updated-ago = aggiornato { $ago }
portal-span-days = { $days } g { $hours } h
portal-span-hours = { $hours } h { $minutes } min
portal-span-minutes = { $minutes } min

## Orologio del livello di servizio
portal-sla-left = mancano { $span }
portal-sla-overdue = in ritardo di { $span }
portal-sla-paused = In pausa · { $left }
portal-sla-target-missed = Obiettivo mancato
portal-sla-target-met = Obiettivo raggiunto
portal-sla-respond-by = Risposta entro { $when }
portal-sla-response-overdue = Risposta in ritardo · { $left }
portal-sla-response-due = Risposta prevista entro { $when }
portal-sla-resolution-due = Risoluzione prevista entro { $when }
portal-sla-policy = Policy: { $policy }
portal-sla-state-on-track = SLA nei tempi:
portal-sla-state-at-risk = SLA a rischio:
portal-sla-state-breached = SLA violato:
portal-expect-paused = Il conteggio è sospeso mentre attendiamo; restano { $span } di tempo lavorativo per risolvere il problema.
portal-expect-respond-by = Un tecnico dovrebbe risponderle entro { $when }.
portal-expect-respond-asap = Un tecnico le risponderà il prima possibile.
portal-expect-solve-by = Contiamo di risolvere il problema entro { $when }.

## Le mie richieste
portal-my-requests-title = Le mie richieste — Switchboard
portal-my-requests = Le mie richieste
portal-report-a-problem = Segnala un problema
portal-report-a-problem-title = Segnala un problema — Switchboard
portal-loading = Caricamento…
portal-no-requests = Non ha ancora nessuna richiesta.
portal-projects-you-follow = Progetti che segue
portal-project-progress = { $percent }% completato · { $open ->
    [one] { $open } aperto
   *[other] { $open } aperti
}
portal-project-overdue = { $count } in ritardo

## Il modulo di richiesta
portal-file-a-request = Registra una richiesta
portal-form-lead = Ci racconti cosa è successo; chiediamo solo ciò che serve al tecnico.
portal-required = obbligatorio
portal-form-category = Di cosa si tratta?
portal-form-title = In una riga, qual è il problema?
portal-form-description = Cosa è successo? Cosa ha già provato?
portal-form-location = Dove si trova? (edificio, stanza)
portal-form-contact = Come possiamo contattarla? (telefono, postazione)
portal-sending = Invio in corso…
portal-send-request = Invia richiesta
portal-form-impact = Chi è coinvolto?
portal-form-urgency = Quanto le impedisce di lavorare?
portal-on-behalf = Per conto di (telefono o di persona)
portal-requester-email = E-mail del richiedente (lasci vuoto se la richiesta è sua)
portal-requester-name = Nome del richiedente
portal-channel = Come è arrivata la richiesta?
portal-category-details = Dettagli: { $category }
portal-category-nothing-more = Non serve aggiungere altro.
portal-similar-question = È una di queste?
portal-similar-hint = Può seguire una richiesta già aperta invece di registrarne una nuova.

## Prossimi passi su un ticket
portal-next-step = Prossimo passo
portal-action-text = Note di risoluzione o motivo (necessari per risolvere, riaprire o eseguire un'escalation)
portal-resolve-minutes = Minuti impiegati (registrati alla risoluzione)
portal-resolve-children = Risolvi con questa soluzione anche { $count ->
    [one] il ticket figlio aperto
   *[other] i { $count } ticket figli aperti
} (ogni richiedente viene informato)
action-take-it = Prendi in carico
portal-assign-to = Assegna a (e-mail)
portal-escalate-to = In caso di escalation, affidalo a
portal-escalate-coordinator-decides = Decide il coordinatore
portal-is-it-solved = Il problema è risolto?
portal-accept-hint = Se tutto funziona di nuovo, ce lo confermi e chiuderemo il ticket.
portal-accept-solution = Accetta la soluzione
portal-reopen-reason = Cosa non funziona ancora? (necessario per riaprire)
portal-not-fixed = Non è risolto

## Valutazione
portal-rating-given-staff = Valutazione del richiedente:
portal-rating-given-you = La sua valutazione dell'assistenza:
portal-rating-comment = , commento: «{ $comment }»
portal-rating-change = Modifica la valutazione
portal-rating-question = Com'è stata l'assistenza? (1 scarsa – 5 eccellente)
portal-rating-comment-label = Vuole aggiungere qualcosa? (facoltativo)
portal-rating-send = Invia valutazione
portal-rating-heading-staff = Valutazione
portal-rating-heading-you = La sua opinione

## Link privati per seguire il ticket
portal-tracking-heading = Link privati per seguire il ticket
portal-tracking-hint = Per un richiedente senza account: il link mostra solo la parte pubblica di questo ticket, finché non viene revocato.
portal-tracking-copy = Copi il link ora; viene mostrato una sola volta
portal-tracking-link-created = Link { $id } creato il { $when }
portal-tracking-link-created-by = Link { $id } creato il { $when } da { $by }
portal-tracking-revoked = revocato
portal-tracking-revoke = Revoca
portal-tracking-create = Crea un link privato

## Note e osservatori
portal-notes-heading-staff = Note
portal-notes-heading = Messaggi
portal-no-notes = Ancora nessuna nota.
portal-note-internal = Interna
portal-note-minutes = { $count } min
portal-note-label-staff = Aggiungi una nota
portal-note-label = Risposta
portal-note-not-sent = Non inviato: { $error }. Il suo testo resta qui; prema di nuovo il pulsante per riprovare.
portal-note-internal-check = Interna (solo personale IT)
portal-note-minutes-label = Minuti impiegati
portal-note-internal-hint = Tolga la spunta da «Interna» e il richiedente vedrà questa nota.
portal-note-add = Aggiungi nota
portal-note-send-reply = Invia risposta
portal-watchers-heading = Chi segue questo ticket
portal-watchers-none = Ancora nessun altro.
portal-watchers-add-label = Tenga informata un'altra persona (indirizzo e-mail)
portal-watchers-add = Aggiungi

## La pagina del ticket
portal-track-title = La sua richiesta — Switchboard
portal-track-note = Sta seguendo questa richiesta tramite un link privato. Non lo condivida con altri.
portal-filed-before = Richiesta
portal-filed-after = ricevuta. La terremo aggiornata qui.
portal-merged-notice = è stata unita a questa richiesta, di cui era un duplicato. La segua qui.
portal-description = Descrizione
portal-solution = Soluzione
portal-flag-escalated = In escalation
portal-flag-reopened = Riaperto
portal-fact-category = Categoria
portal-fact-assigned-to = Assegnato a
portal-fact-not-assigned = Non ancora assegnato
portal-fact-location = Ubicazione
portal-fact-asset = N. inventario
portal-fact-contact = Contatto
portal-fact-call = Chiama
portal-fact-project = Progetto
portal-fact-due = Scadenza
portal-fact-merged-into = Unito a
portal-fact-filed = Registrato
portal-history = Cronologia

## I file di una richiesta
attachment-heading = File
attachment-none = Ancora nessun file.
attachment-kind-image = Immagine
attachment-kind-pdf = Documento PDF
attachment-kind-zip = Archivio ZIP
attachment-kind-text = File di testo
attachment-kind-other = File
attachment-size-bytes = { $n } byte
attachment-size-kb = { $n } KB
attachment-size-mb = { $n } MB
attachment-internal = interno
attachment-by = da { $name }
attachment-open = Apri { $name } a grandezza intera
attachment-remove = Rimuovi
attachment-add = Allega file
attachment-choose = File (screenshot, foto, log)
attachment-take-photo = Scatta una foto
attachment-limit = Fino a { $count } file, ciascuno al massimo di { $max } MB.
attachment-note = Messaggio (facoltativo)
attachment-visibility = Chi vede i file
attachment-send = Allega
attachment-for-staff = Solo l'IT (interno)
attachment-for-everyone = Anche il richiedente (pubblico)
attachment-sending = Invio in corso…
attachment-uploading = Sto allegando i file scelti…
attachment-remove-chosen = Rimuovi { $name }
attachment-limit-count = Fino a { $count } file.

## Regole dei livelli di servizio
sla-breached-subject = { $number } ha mancato l'obiettivo di { $clock }
sla-used-subject = { $number } ha usato il { $percent }% del tempo di { $clock }
sla-reached = l'obiettivo di { $clock } è stato raggiunto
sla-used = è stato usato il { $percent }% dell'obiettivo di { $clock }
sla-clock-response = risposta
sla-clock-resolution = risoluzione

## Uno stato nelle parole di chi ha chiesto
status-words-new = Ricevuta — in attesa di un tecnico
status-words-assigned = Assegnata a un tecnico
status-words-in-progress = In lavorazione
status-words-waiting-on-you = In attesa di una sua risposta
status-words-resolved = Risolta — la preghiamo di confermare
