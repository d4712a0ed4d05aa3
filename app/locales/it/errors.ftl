# Perché un campo o una richiesta è stata rifiutata: i controlli del server e del dominio.
# Le parole lette dal parser (mon, tue, required, notify assignee …) restano invariate.

## Ticket: apertura, modifiche, note
err-title-too-short = Il titolo deve avere almeno 3 caratteri
err-title-too-long = Il titolo può avere al massimo 200 caratteri
err-note-required = La nota non può essere vuota
err-note-too-long = La nota può avere al massimo 20000 caratteri
err-resolution-required = Descriva la soluzione
err-resolution-too-long = La descrizione della soluzione può avere al massimo 20000 caratteri
err-description = Descriva che cosa è successo (al massimo 20.000 caratteri)
err-choose-impact = Indichi quante persone sono coinvolte
err-choose-urgency = Indichi quanto ostacola il lavoro
err-location-too-long = Il luogo può avere al massimo 200 caratteri
err-asset-tag-too-long = Il numero di inventario può avere al massimo 100 caratteri
err-contact-too-long = Il recapito può avere al massimo 200 caratteri
err-channel = I canali possibili sono: { $choices }
err-choose-category = Scelga una categoria
err-field-unknown = { $category } non ha il campo «{ $key }»
err-field-too-long = «{ $label }» può avere al massimo 500 caratteri
err-field-required = «{ $label }» è obbligatorio per le richieste della categoria «{ $category }»
err-reason-too-long = La motivazione può avere al massimo { $max } caratteri
err-no-technician = Nessun tecnico ha questo indirizzo e-mail
err-no-category = Questa categoria non esiste
err-minutes-range = Il tempo impiegato è compreso tra 0 e 1440 minuti
err-minutes-number = Indichi il tempo impiegato in minuti interi
err-reopen-reason = Indichi che cosa non va ancora
err-choose-assignee = Scelga a chi assegnare il ticket
err-skill-needed = Per prenderlo in carico serve la competenza «{ $category }»; chieda a un coordinatore di assegnarlo
err-escalate-reason = Indichi perché serve un'escalation
err-escalate-lower = Un'escalation può solo alzare la priorità
err-priority-reason = Indichi il motivo del cambio di priorità
err-idempotency-key = Questa chiave è già stata usata per un altro ticket
err-no-account = Nessun account ha questo indirizzo e-mail
err-too-many-watchers = Un ticket può avere al massimo { $max } osservatori
err-board-position = Posizione sconosciuta nella colonna
err-limit = limit deve essere compreso tra 1 e 200
err-cursor = cursor non è valido
err-unknown-decision = Decisione sconosciuta

## Account e password
err-email = Inserisca un indirizzo e-mail come nome@example.org
err-name = Inserisca un nome di al massimo 120 caratteri
err-password-short = Usi almeno 10 caratteri
err-password-long = Usi al massimo 1024 caratteri
err-email-taken = Esiste già un account con questo indirizzo e-mail
err-registration-no-mail = Qui gli account vengono creati dall'IT (questo help desk non invia ancora e-mail); si rivolga all'help desk
err-work-email = Usi il Suo indirizzo e-mail di lavoro ({ $domains })
err-verify-link = Questo link è scaduto o è già stato usato; si registri di nuovo per riceverne uno nuovo
err-reset-link = Questo link è scaduto o è già stato usato; ne richieda uno nuovo
err-token-name = Il nome del token può avere al massimo 80 caratteri
err-token-days = Un token vale da 1 a { $max } giorni
err-days-number = Inserisca un numero di giorni
err-deactivate-self = Non può disattivare il Suo account
err-choose-role = Scelga un ruolo
err-demote-self = Non può togliersi il ruolo di amministratore
err-wrong-password = Questa non è la Sua password attuale
err-password-in-directory = La Sua password è quella dell'account aziendale: la cambi lì

## Turni, team e categorie
err-tier = Il livello è 1 (primo livello), 2 (specialista) o 3 (esperto)
err-capacity = La capacità è compresa tra 0 e 100 ticket aperti
err-availability = Scelga «In servizio», «Assente» o «Libero»
err-off-until-date = Inserisca una data come 2026-12-24
err-off-until-missing = Indichi fino a quando la persona non è in servizio
err-skill-not-category = «{ $slug }» non è una categoria ({ $categories })
err-skill-level = Il livello di { $slug } è 1, 2 o 3
err-skill-twice = { $slug } compare due volte
err-team-name = Il nome di un team ha da 1 a 80 caratteri
err-not-staff = { $email } non fa parte del personale IT
err-no-team = Questo team non esiste
err-category-slug = Usi da 1 a 40 lettere minuscole, cifre, - o _
err-category-name = Un nome ha da 1 a 80 caratteri
err-field-key = La chiave del campo «{ $key }» può contenere solo lettere minuscole, cifre e _
err-field-twice = Il campo «{ $key }» compare due volte
err-field-label = Il campo «{ $key }» richiede un'etichetta di al massimo 120 caratteri
err-too-many-fields = Una categoria chiede al massimo 20 campi
err-field-required-word = «{ $word }» in «{ $line }»: scriva required oppure optional
err-unknown-category = Categoria sconosciuta

## Valutazione dell'assistenza
err-score = Scelga da 1 (scarso) a 5 (eccellente)
err-comment-too-long = Il commento deve restare sotto i 2.000 caratteri
err-rate-when-resolved = Potrà valutare l'assistenza quando il ticket sarà risolto

## Progetti e lavori di facility
err-project-name-too-short = Il nome deve avere almeno 3 caratteri
err-project-name-too-long = Il nome può avere al massimo 120 caratteri
err-project-description-too-long = La descrizione può avere al massimo 5000 caratteri
err-start-date-required = Manca la data di inizio
err-start-date-invalid = La data di inizio deve essere una data come 2026-12-31
err-end-date-required = Manca la data di fine
err-end-date-invalid = La data di fine deve essere una data come 2026-12-31
err-end-before-start = La data di fine è precedente alla data di inizio
err-project-name-taken = Esiste già un progetto con questo nome
err-due-date-required = Manca la data di scadenza
err-due-date-invalid = La data di scadenza deve essere una data come 2026-12-31
err-due-before-start = La scadenza { $due } è precedente all'inizio del progetto ({ $start })
err-choose-priority = Scelga da P1 a P4
err-no-project = Questo progetto non esiste
err-work-what-too-short = Descriva il lavoro richiesto con almeno 3 caratteri
err-work-what-too-long = La descrizione del lavoro può avere al massimo 2000 caratteri
err-work-where-too-short = Il luogo deve avere almeno 3 caratteri
err-work-where-too-long = Il luogo può avere al massimo 200 caratteri
err-expected-date-required = Manca la data prevista
err-expected-date-invalid = La data prevista deve essere una data come 2026-12-31
err-say-what-needed = Descriva che cosa serve
err-no-facility-manager = Nessun facility manager ha questo indirizzo e-mail (il ruolo lo assegna un amministratore in «Persone»)
err-work-order-attached = Il ticket attende già questo ordine di lavoro
err-work-order-finished = Quell'ordine di lavoro è concluso
err-no-work-order = Questo ordine di lavoro non esiste
err-work-order-closed = Questo ordine di lavoro è già concluso
err-outcome-too-long = Al massimo 2000 caratteri
err-unknown-work-order-action = Azione sconosciuta per l'ordine di lavoro

## Collegamenti tra ticket
err-ticket-number = Inserisca un numero di ticket come SB-1042
err-link-self = Un ticket non può essere collegato a sé stesso
err-no-visible-ticket = Nessuno dei ticket che può vedere ha questo numero
err-link-loop = Così un ticket diventerebbe padre di sé stesso
err-merge-open-only = Solo un ticket aperto può essere unito come duplicato
err-merge-into-open = Lo unisca a un ticket ancora aperto
err-choose-link-kind = Scelga come sono collegati i ticket
err-already-linked = Questi ticket sono già collegati
err-has-parent = Quel ticket ha già un ticket padre; rimuova prima quel collegamento

## Policy dei livelli di servizio
err-policy-name = Dia alla policy un nome di al massimo 100 caratteri
err-policy-name-taken = Un'altra policy ha già questo nome
err-policy-no-category = Non esiste la categoria «{ $category }»
err-policy-no-team = Non esiste il team «{ $team }»
err-policy-targets = Indichi gli obiettivi per P1, P2, P3 e P4
err-policy-at-risk = «A rischio dopo» è una percentuale tra 1 e 100 %
err-target-range = { $priority }: gli obiettivi sono compresi tra 1 minuto e un anno
err-target-order = { $priority }: la risoluzione non può scadere prima della prima risposta
err-rule-twice = Riga { $line }: la stessa regola due volte
err-rule-line = Riga { $line }: { $why }
err-rule-shape = «{ $line }» dovrebbe essere scritto così: 75% resolution: notify assignee
err-rule-action = «{ $action }» non è un'azione (notify assignee, notify coordinators, notify watchers, raise priority, reassign)
err-unknown-time-zone = Fuso orario sconosciuto «{ $zone }» (usi un nome come Europe/Rome)
err-holiday-not-date = «{ $word }» non è una data come 2026-12-25
err-not-a-time = «{ $text }» non è un orario come 08:30
err-not-a-day = «{ $text }» non è un giorno (mon, tue, … sun)
err-hours-need-days = «{ $entry }» richiede giorni e orari, ad esempio mon-fri 08:00-17:00
err-days-backwards = «{ $part }»: i giorni sono in ordine inverso
err-not-a-span = «{ $span }» non è una fascia oraria come 08:00-17:00
err-span-backwards = «{ $span }»: la fine è prima dell'inizio
err-hours-overlap = Gli orari di lavoro di un giorno si sovrappongono
err-no-working-hours = Indichi almeno una fascia di lavoro, ad esempio mon-fri 08:00-17:00

## Allegati
err-attachment-none = Scelga un file da allegare.
err-attachment-count = Può allegare al massimo { $max } file alla volta.
err-attachment-empty = Il file { $name } è vuoto.
err-attachment-too-large = Ogni file può essere al massimo di { $max } MB.
err-attachment-ticket-full = I file di questa richiesta possono occupare al massimo { $max } MB in totale; ne rimuova uno o invii un link.
err-attachment-upload = Non è stato possibile leggere i file; riprovi.
err-attachment-visibility = Scelga pubblico o interno.
err-form-text-too-long = Questo testo è troppo lungo (al massimo 64 KB).
err-bulk-none = Selezioni almeno un ticket.
err-bulk-too-many = Una modifica multipla comprende al massimo { $max } ticket alla volta.
err-bulk-number = «{ $number }» non è un numero di ticket.
err-bulk-one-change = Indichi una sola modifica per i ticket: change, note, watcher o parent.
err-recurring-interval = Ripeti ogni 1–366 giorni oppure ogni 1–52 settimane.
err-recurring-nth = Scegli quale giorno della settimana nel mese: dal primo al quarto, oppure l'ultimo.
err-recurring-repeat = Scegli come si ripete.
err-recurring-first = Indica la prima data come data, ad esempio 2027-01-31.
err-recurring-at = Indica l'ora del giorno, ad esempio 08:00.
err-recurring-never = Questa pianificazione non ricorre più.
err-recurring-assignee = Assegnalo a una persona dell'IT oppure lascialo al team della categoria.
err-recurring-category-details = Questa categoria chiede dettagli (ad esempio un numero di inventario) che un ticket ricorrente non può dare: scegline un'altra.
err-notice-too-short = L'avviso deve avere almeno 3 caratteri
err-notice-too-long = L'avviso può avere al massimo 200 caratteri
err-known-issue-closed = Solo un ticket aperto può essere annunciato come problema noto

err-webhook-url = Indica l'indirizzo completo su cui riceve l'altro strumento, ad esempio https://chat.example.com/hooks/abc.
err-webhook-https = I webhook vengono inviati solo tramite https://.
err-webhook-credentials = Lascia fuori dall'indirizzo nomi utente e password; la firma dimostra che è Switchboard.
err-webhook-resolve = Questo nome host non è stato trovato.
err-webhook-internal = Questo indirizzo è interno alla rete (loopback, privato o link-local); un amministratore deve prima consentire l'host.
err-webhook-event = Uno degli eventi non è tra quelli che Switchboard invia.
err-webhook-no-events = Scegli almeno un evento.
err-webhook-format = Scegli uno dei formati: json, slack o teams.
err-webhook-secret = Un segreto richiede da 16 a 200 caratteri.
err-webhook-timeout = Il destinatario non ha risposto in tempo.
err-webhook-connect = Il destinatario non era raggiungibile.
err-webhook-request = La richiesta al destinatario non è riuscita.
facility-resume-first = Il ticket è nello stato «{ $waiting }»; lo riprenda prima
facility-cannot-wait = Il ticket non può attendere: { $why }
