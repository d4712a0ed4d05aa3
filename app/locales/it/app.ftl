## Intestazione e navigazione
nav-skip = Vai al contenuto
nav-menu = Menu
nav-close-menu = Chiudi menu
nav-main = Navigazione principale
nav-board = Bacheca
nav-my-work = Il mio lavoro
nav-my-requests = Le mie richieste
nav-new-request = Nuova richiesta
nav-roster = Turni
nav-reports = Report
nav-projects = Progetti
nav-recurring = Ricorrenti
nav-work-orders = Ordini di lavoro
nav-people = Persone
nav-service-levels = Livelli di servizio
nav-webhooks = Webhook
nav-sign-out = Esci
nav-sign-in = Accedi

## Pagina iniziale
home-title = Switchboard — help desk IT
home-heading = Assistenza IT, senza rincorrersi al telefono
home-lead = Ci dica cosa non funziona, segua la sua richiesta fino alla fine e il tecnico giusto se ne occuperà.
home-signed-in-as = Accesso effettuato come
home-go-requests = Vai alle mie richieste
home-go-work-orders = Vai ai miei ordini di lavoro
home-go-work = Vai al mio lavoro
home-go-board = Vai alla bacheca
home-report-problem = Segnala un problema
home-create-account = Crea un account

## Pagine che non esistono o non sono per lei
page-not-found-title = Non trovato — Switchboard
page-not-found = Qui non c'è nulla, oppure non può vederlo.
page-back-to-start = Torna all'inizio
page-loading = Caricamento…
page-not-allowed = Non consentito
page-not-your-role = Questa pagina non fa parte del suo ruolo.
page-sign-in-to-see = Acceda per vedere questa pagina.

## Il suo account
me-title = Il suo account — Switchboard
me-heading = Il suo account
me-language-and-zone = Lingua e fuso orario
me-language = Lingua
me-time-zone = Fuso orario
me-time-now = La sua ora attuale: { $now }
me-save-language-and-zone = Salva lingua e fuso orario
me-change-password = Cambia password
me-password-changed = Password cambiata. Le sue altre sessioni e i token API sono stati chiusi.
me-current-password = Password attuale
me-new-password = Nuova password (almeno 10 caratteri)
me-api-tokens = Token API
me-api-tokens-intro = Per script e altri strumenti che usano l'API REST di Switchboard a suo nome.
me-token-copy-now = Copi ora il nuovo token; non verrà mostrato di nuovo:
me-no-tokens = Nessun token.
me-token-expires = scade il { $day }
me-token-last-used = ultimo uso { $when }
me-token-never-used = mai usato
me-token-revoke = Revoca
me-token-name = Nome del token
me-token-name-example = Monitoraggio
me-token-days = Scade dopo (giorni, al massimo 366)
me-token-create = Crea token
offline-banner = Sei offline. Ciò che scrivi resta qui e non viene inviato finché la rete non torna.
offline-title = Sei offline
offline-body = Switchboard ha bisogno della rete per mostrare questa pagina. Le note non inviate restano su questo dispositivo.
offline-try-again = Riprova
