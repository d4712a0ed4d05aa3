# Formati: modelli chrono (https://docs.rs/chrono/latest/chrono/format/strftime); i nomi dei mesi
# e dei giorni (%B, %b, %A, %a) sono gli elenchi qui sotto, da gennaio e da lunedì.
format-datetime = %d %b %Y, %H:%M %Z
format-date = %-d %B %Y
format-time = %H:%M
format-weekday-time = %a %H:%M
format-decimal = {","}
format-group = {"."}
format-day-time = %d %b %H:%M
format-months = gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre
format-months-short = gen feb mar apr mag giu lug ago set ott nov dic
format-weekdays = lunedì martedì mercoledì giovedì venerdì sabato domenica
format-weekdays-short = lun mar mer gio ven sab dom

language-name = Italiano

## Errori
error-bad_request = Non è stato possibile leggere la richiesta
error-validation = Correggere i campi evidenziati
error-unauthenticated = Effettui l'accesso
error-bad_credentials = E-mail o password non corrette
error-deactivated = Questo account è disattivato; si rivolga all'IT se le serve di nuovo
error-unverified = Apra prima il link che le abbiamo inviato per e-mail; conferma che l'indirizzo è suo
error-company_sign_in_only = Acceda con il suo account aziendale
error-directory_unusable = Il suo account aziendale non ha un indirizzo e-mail utilizzabile; si rivolga all'IT
error-directory_unavailable = La directory aziendale non è raggiungibile; riprovi tra qualche minuto
error-directory_conflict = Un account admin di Switchboard ha il suo indirizzo; acceda con la sua password
error-forbidden = Non è autorizzato a farlo
error-not_found = Non trovato
error-conflict = Qualcun altro ha appena modificato questo ticket; ricarichi la pagina per vedere la modifica
error-invalid_transition = Questo passaggio non è possibile ora
error-precondition_required = Invii If-Match con l'ETag del ticket
error-payload_too_large = La richiesta è troppo grande
error-rate_limited = Troppi tentativi; riprovi tra { $seconds ->
    [one] un secondo
   *[other] { $seconds } secondi
}
error-busy = Switchboard è occupato in questo momento; non è stato salvato nulla, riprovi tra poco
error-internal = Si è verificato un problema da parte nostra; riprovi
error-transport = Impossibile raggiungere il server: { $why }
err-language = Scelga English, Deutsch o Italiano
err-time-zone = Scelga un fuso orario dall'elenco, ad esempio Europe/Rome

## Nomi di stati, priorità, ruoli e altre scelte
availability-on-duty = In servizio
availability-away = Assente
availability-off = Libero
role-requester = Richiedente
role-technician = Tecnico
role-coordinator = Coordinatore
role-admin = Amministratore
role-facility = Facility manager
work-order-status-open = Aperto
work-order-status-done = Completato
work-order-status-cancelled = Annullato
link-choice-parent = fa parte di (padre)
link-choice-child = comprende (figlio)
link-choice-related = è collegato a
link-choice-duplicate = è un duplicato di (unisci in)
notification-kind-received = La mia richiesta è stata ricevuta
notification-kind-assigned = La mia richiesta è stata assegnata
notification-kind-waiting-on-you = L'IT attende una mia risposta
notification-kind-public-note = Un messaggio sulla mia richiesta
notification-kind-resolved = La mia richiesta è stata risolta
notification-kind-closed = La mia richiesta è stata chiusa
notification-kind-assigned-to-you = Mi è stato assegnato un ticket
notification-kind-requester-replied = Un richiedente ha risposto
notification-kind-reopened = Un ticket è stato riaperto
notification-kind-sla-warning = Un obiettivo di livello di servizio si avvicina
notification-kind-sla-breach = Un obiettivo di livello di servizio è stato mancato
notification-kind-escalation = Un ticket è stato inoltrato a me
notification-kind-new-request = È arrivata una nuova richiesta
notification-kind-escalation-requested = Un tecnico ha chiesto un'escalation
notification-kind-watched-update = Un ticket che seguo è cambiato
notification-kind-facility-work = Mi sono stati chiesti lavori di facility
notification-kind-facility-done = I lavori di facility sul mio ticket sono avanzati
notification-kind-merged = La mia richiesta è stata unita a un'altra
channel-portal = Portale
channel-phone = Telefono
channel-walk-in = Di persona
channel-email = E-mail
channel-api = API
channel-project = Progetto
channel-schedule = Pianificazione
status-new = Nuovo
status-assigned = Assegnato
status-in-progress = In lavorazione
status-waiting = In attesa
status-resolved = Risolto
status-closed = Chiuso
status-cancelled = Annullato
waiting-on-requester = In attesa del richiedente
waiting-on-third-party = In attesa di terzi
waiting-on-facility = In attesa dei lavori di facility
action-kind-assign = Assegna
action-kind-start = Inizia il lavoro
action-kind-wait-requester = Attendi il richiedente
action-kind-wait-third-party = Attendi terzi
action-kind-wait-facility = Attendi la facility
action-kind-resume = Riprendi
action-kind-resolve = Risolvi
action-kind-reopen = Riapri
action-kind-close = Chiudi
action-kind-cancel = Annulla
action-kind-escalate = Esegui escalation
impact-low = Solo me
impact-medium = Il mio team
impact-high = L'intera sede
urgency-low = Posso aggirare il problema
urgency-medium = Mi rallenta molto
urgency-high = Sono bloccato
priority-p1 = P1 critica
priority-p2 = P2 alta
priority-p3 = P3 media
priority-p4 = P4 bassa

## Perché un passaggio viene rifiutato
transition-refused = «{ $action }» non è possibile per un ticket nello stato «{ $status }»: { $why }
transition-assign-first = lo assegni prima a qualcuno
transition-finished = è concluso
transition-reopen-first = lo riapra prima
transition-already-waiting = è già in attesa di questo
transition-not-waiting = non è in attesa
transition-not-resolved = non è risolto
transition-resolve-first = lo risolva prima
transition-started = il lavoro è già iniziato
transition-no-single-step = Nessun singolo passaggio porta un ticket da «{ $from }» a «{ $to }»

## Perché viene suggerito un tecnico
reason-skill = competenza { $category } livello { $level }
reason-no-skill = nessuna competenza { $category }
reason-tier-fits = livello { $tier } adatto a { $priority }
reason-tier-other = livello { $tier } (il livello { $want } è adatto a { $priority })
reason-load = { $open } di { $capacity } ticket aperti
