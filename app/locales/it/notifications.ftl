## Notifiche
notifications-bell-label = Notifiche: { $count } non lette
notifications-title = Notifiche — Switchboard
notifications-heading = Notifiche
notifications-mark-all-read = Segna tutte come lette
# Seguono un link alla pagina dell'account (notifications-account-page) e un punto.
notifications-choose-on = Scelga quali notifiche ricevere nella
notifications-account-page = pagina del suo account
notifications-loading = Caricamento…
notifications-empty = Ancora nessuna notifica.
# $age: quanto tempo fa, ad esempio «5 min»
notifications-mark-read = Segna come letta
notifications-saved = Preferenze di notifica salvate.
notifications-tell-me-when = Mi avvisi quando…
notifications-by-email = Invia queste notifiche anche per e-mail
notifications-email = E-mail
notifications-digest-off = Subito
notifications-digest-hourly = Un riepilogo ogni ora
notifications-digest-daily = Un riepilogo al giorno (alle 07:00, ora locale)
notifications-save = Salva preferenze
